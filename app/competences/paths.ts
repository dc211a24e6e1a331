// Where a competence lives: /competences/:slug (DESIGN.md). Plain module: routes, components
// and the browser use it. A renamed competence may get a new slug; old slugs redirect (301).

export function competencePath(competence: { slug: string }): string {
  return `/competences/${competence.slug}`;
}

export function editCompetencePath(competence: { slug: string }): string {
  return `/competences/${competence.slug}/edit`;
}

export const NEW_COMPETENCE_PATH = "/competences/new";

/** The name in the reader's language; Dutch is the fallback (and the source of the slug). */
export function competenceName(competence: { nameNl: string; nameEn: string }, locale: string): string {
  return locale === "en" && competence.nameEn ? competence.nameEn : competence.nameNl;
}
