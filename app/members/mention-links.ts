import { memberPath } from "./paths";

// "@handle" in a post's stored HTML becomes a link to that member's profile, when it names a
// member (decision 029). Done when a page is read, not stored: the stored HTML also goes into
// mail and feeds, where a site-relative link breaks (the sanitiser keeps only absolute links,
// decision 022), and a handle that names no one today may name someone tomorrow.
// Text inside links, code and preformatted blocks is left alone; so are e-mail addresses
// (anna@example.nl): the @ must start a word. Plain module: unit-tested.

const MENTION = /(?<![\p{L}\p{N}_@./-])@([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\p{L}\p{N}_@-])/giu;
const TAG = /<\/?([a-z0-9]+)[^>]*>/gi;
const LEAVE_ALONE = new Set(["a", "code", "pre"]);

/** The handles an HTML body mentions (outside links and code), lower-cased. */
export function mentionsIn(html: string): string[] {
  const found = new Set<string>();
  eachText(html, (text) => {
    for (const m of text.matchAll(MENTION)) found.add(m[1]!.toLowerCase());
    return text;
  });
  return [...found];
}

/** `html` with each mention of a handle in `members` linked to the member's profile. */
export function linkMentions(html: string, members: ReadonlySet<string>): string {
  if (!members.size || !html.includes("@")) return html;
  return eachText(html, (text) =>
    text.replace(MENTION, (whole, handle: string) => {
      const h = handle.toLowerCase();
      return members.has(h) ? `<a href="${memberPath({ handle: h })}" class="mention">@${handle}</a>` : whole;
    }),
  );
}

/** Rewrites the text between tags that is not inside a link, code or pre. */
function eachText(html: string, rewrite: (text: string) => string): string {
  let out = "";
  let at = 0;
  let inside = 0; // depth of elements whose text stays as it is
  for (const tag of html.matchAll(TAG)) {
    const text = html.slice(at, tag.index);
    out += inside ? text : rewrite(text);
    const name = tag[1]!.toLowerCase();
    if (LEAVE_ALONE.has(name)) inside += tag[0].startsWith("</") ? -1 : 1;
    if (inside < 0) inside = 0;
    out += tag[0];
    at = tag.index + tag[0].length;
  }
  const rest = html.slice(at);
  return out + (inside ? rest : rewrite(rest));
}
