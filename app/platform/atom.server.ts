import { Feed } from "feed";

// Atom 1.0 (RFC 4287) documents, written by the `feed` library: the site knows what goes in a
// feed, the library how Atom spells it (escaping, dates, the required elements). Absolute
// links only: a feed reader has no page to resolve a relative one against.

export type AtomEntry = {
  /** A permanent URL: the entry's id and its link. */
  url: string;
  title: string;
  updated: Date;
  published: Date;
  author: string;
  /** Sanitised HTML (as stored at write time). */
  html: string;
};

export type AtomFeed = {
  /** The feed's own URL without its key: its id, stable across key resets. */
  id: string;
  /** The page the feed belongs to. */
  page: string;
  /** The URL the feed is read at (rel="self"). */
  self: string;
  title: string;
  subtitle: string;
  language: string;
  entries: AtomEntry[];
};

export function atomXml(feed: AtomFeed): string {
  const atom = new Feed({
    id: feed.id,
    title: feed.title,
    description: feed.subtitle,
    link: feed.page,
    language: feed.language,
    // An empty feed is still updated at some moment; the epoch says "nothing yet".
    updated: feed.entries[0]?.updated ?? new Date(0),
    generator: "Kenniskring",
    copyright: "",
    feedLinks: { atom: feed.self },
    author: { name: "Kenniskring" },
  });
  for (const entry of feed.entries) {
    atom.addItem({
      id: entry.url,
      link: entry.url,
      title: entry.title,
      date: entry.updated,
      published: entry.published,
      author: [{ name: entry.author }],
      content: entry.html,
    });
  }
  return atom.atom1();
}
