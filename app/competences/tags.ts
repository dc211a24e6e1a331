// A competence as a tag on something (a dilemma, a report's dilemma, a member's expertise):
// the fields every tag shows, read the same way everywhere, in Dutch alphabetical order.
// Retired competences stay on what carries them, marked.

export type CompetenceTag = { slug: string; nameNl: string; nameEn: string; retired: boolean };

/** Prisma select for a relation to competences (DilemmaCompetence, UserExpertise). */
export const competenceTagsSelect = {
  select: { competence: { select: { slug: true, nameNl: true, nameEn: true, retiredAt: true } } },
  orderBy: { competence: { nameNl: "asc" } },
} as const;

type TagRow = { competence: { slug: string; nameNl: string; nameEn: string; retiredAt: Date | null } };

export function toCompetenceTags(rows: readonly TagRow[]): CompetenceTag[] {
  return rows.map(({ competence: { retiredAt, ...c } }) => ({ ...c, retired: retiredAt !== null }));
}
