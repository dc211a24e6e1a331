import { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";

// The competences a dilemma can be tagged with: the list organisers keep. Retired ones are no
// longer offered, but a dilemma that has one keeps it until someone unticks it (its old tag
// still explains it; the competences feature owns retiring).

export type CompetenceChoice = { id: number; slug: string; nameNl: string; nameEn: string; retired: boolean };

type Client = Prisma.TransactionClient;

// The same for everyone and read by every list page: one copy until content changes (decision 010).
const sharedChoices = new SharedReadCache<CompetenceChoice[]>({ maxEntries: 1, name: "competence choices" });

/** Current competences, plus the given (retired) ones a dilemma already carries; by Dutch name. */
export async function listCompetenceChoices(alsoIds: number[] = [], options: { readLive?: boolean } = {}): Promise<CompetenceChoice[]> {
  if (alsoIds.length === 0 && !options.readLive) return sharedChoices.read("current", () => readCompetenceChoices([]));
  return readCompetenceChoices(alsoIds);
}

async function readCompetenceChoices(alsoIds: number[]): Promise<CompetenceChoice[]> {
  const rows = await db.competence.findMany({
    where: { OR: [{ retiredAt: null }, { id: { in: alsoIds } }] },
    orderBy: [{ nameNl: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, nameNl: true, nameEn: true, retiredAt: true },
  });
  return rows.map(({ retiredAt, ...c }) => ({ ...c, retired: retiredAt !== null }));
}

/**
 * The ids of the chosen competences, or Invalid on the "competences" field: an unknown slug
 * (a stale form, a hand-made request) or a retired one the dilemma did not already carry.
 * The count (1–5) is the schema's job and was checked before.
 */
export async function resolveCompetenceIds(client: Client, slugs: string[], keepIds: number[] = []): Promise<number[]> {
  const found = await client.competence.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, retiredAt: true },
  });
  const bySlug = new Map(found.map((c) => [c.slug, c]));
  const errors: string[] = [];
  for (const slug of slugs) {
    const competence = bySlug.get(slug);
    if (!competence) errors.push("dilemmas.errors.competenceUnknown");
    else if (competence.retiredAt && !keepIds.includes(competence.id)) errors.push("dilemmas.errors.competenceRetired");
  }
  if (errors.length) throw new Invalid({ competences: [...new Set(errors)] });
  return slugs.map((slug) => bySlug.get(slug)!.id);
}

/** Gives an existing dilemma (locked by the caller) exactly these competences; says whether
 *  anything changed. */
export async function replaceDilemmaCompetences(client: Client, dilemmaId: number, competenceIds: number[]): Promise<boolean> {
  const current = await client.dilemmaCompetence.findMany({ where: { dilemmaId }, select: { competenceId: true } });
  const before = new Set(current.map((c) => c.competenceId));
  const after = new Set(competenceIds);
  const removed = [...before].filter((id) => !after.has(id));
  const added = [...after].filter((id) => !before.has(id));
  if (removed.length) await client.dilemmaCompetence.deleteMany({ where: { dilemmaId, competenceId: { in: removed } } });
  if (added.length) await client.dilemmaCompetence.createMany({ data: added.map((competenceId) => ({ dilemmaId, competenceId })) });
  const changed = removed.length > 0 || added.length > 0;
  // The dilemma's own row changes too: a reply waiting for its lock at this moment sees that
  // and reads the new competences for its search document (decision 013).
  if (changed) await client.dilemma.update({ where: { id: dilemmaId }, data: { updatedAt: new Date() } });
  return changed;
}

/** The ids of a dilemma's competences, ordered, as an array column of a query. */
export const competencesOfDilemma = (dilemma: Prisma.Sql) => Prisma.sql`
  array(SELECT dc."competenceId" FROM "DilemmaCompetence" dc WHERE dc."dilemmaId" = ${dilemma} ORDER BY 1)`;
