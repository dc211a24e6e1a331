// A dilemma's address: /dilemmas/:id/:slug (DESIGN.md). The id finds the dilemma; the slug is
// only there so a link says what it is about, and a wrong or outdated slug (the title was
// edited) redirects to the current one. Plain module: routes, components and the browser use it.

export const SLUG_MAX_LENGTH = 60;
/** The slug of a title with no letters or digits at all (e.g. "???"), so a path never ends in "/". */
export const FALLBACK_SLUG = "dilemma";
// Sub-pages of a dilemma sit where its slug sits (/dilemmas/7/edit); a dilemma titled "Edit"
// must not get a link that opens its edit page.
const RESERVED_SLUGS = new Set(["edit", "revisions"]);

/**
 * Lowercase ASCII words joined by "-", accents stripped ("Één café" → "een-cafe"), at most 60
 * characters, cut at a word boundary where one is near so a slug does not end mid-word.
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // combining accents, left over by NFKD
    .replace(/ß/g, "ss")
    .replace(/[æ]/gi, "ae")
    .replace(/[ø]/gi, "o")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX_LENGTH) {
      // A single word longer than the whole budget is cut rather than dropped.
      if (!slug) slug = word.slice(0, SLUG_MAX_LENGTH);
      break;
    }
    slug = next;
  }
  if (!slug) return FALLBACK_SLUG;
  return RESERVED_SLUGS.has(slug) ? `${FALLBACK_SLUG}-${slug}` : slug;
}

export function dilemmaPath(dilemma: { id: number; title: string }): string {
  return `/dilemmas/${dilemma.id}/${slugify(dilemma.title)}`;
}

export function editDilemmaPath(dilemma: { id: number }): string {
  return `/dilemmas/${dilemma.id}/edit`;
}

export function dilemmaRevisionsPath(dilemma: { id: number }): string {
  return `/dilemmas/${dilemma.id}/revisions`;
}
