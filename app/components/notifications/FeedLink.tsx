// <link rel="alternate"> to a page's Atom feed, for signed-in members only (decision 028):
// feed readers and browsers find the feed; the keyless URL serves the member's session.
// React hoists it into <head>.
export function FeedLink({ show, href, title }: { show: boolean; href: string; title: string }) {
  return show ? <link rel="alternate" type="application/atom+xml" href={href} title={title} /> : null;
}
