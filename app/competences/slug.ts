// A competence's slug comes from its Dutch name: lowercase ASCII words joined by "-", accents
// stripped ("Één-op-één gesprek" → "een-op-een-gesprek"). Uniqueness (a -2 suffix) needs the
// database and lives in competences.server.ts.

export const SLUG_MAX_LENGTH = 60;
/** A name with no letters or digits at all still needs an address. */
export const FALLBACK_SLUG = "competentie";
// /competences/new is the form for a new competence: a competence called "New" must not hide it.
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["new"]);

export function competenceSlugBase(nameNl: string): string {
  const slug = nameNl
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // the accents NFKD split off
    .replace(/ß/g, "ss")
    .replace(/æ/gi, "ae")
    .replace(/ø/gi, "o")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
  return slug || FALLBACK_SLUG;
}

/** The first of base, base-2, base-3, … that is not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  const isFree = (s: string) => !taken.has(s) && !RESERVED_SLUGS.has(s);
  if (isFree(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (isFree(candidate)) return candidate;
  }
}
