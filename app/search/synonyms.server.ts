import { parseOrInvalid } from "~/platform/validate.server";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { cached } from "./cache.server";
import { competenceCache } from "./competence-terms.server";
import { THESAURUS } from "./dutch/analysis.server";
import type { SearchEvent } from "./events";
import { SynonymGroupSchema, type SynonymGroupInput } from "./schemas";

// Organisers' synonym groups: words the circle uses for the same thing ("keukentafelgesprek,
// huisbezoek"), kept per competence (or general) and applied to every search at query time, on
// top of the built-in thesaurus. No re-index: the next search uses them.

export type SynonymGroupView = {
  id: number;
  terms: string[];
  competence: { slug: string; nameNl: string; nameEn: string } | null;
};

/** The groups as lists of terms, for the query analysis (every process re-reads each minute). */
export const synonymGroupsCache = cached(async () => {
  const rows = await db.searchSynonymGroup.findMany({ select: { terms: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.terms);
}, 60_000);

export type SynonymsPage = {
  groups: SynonymGroupView[];
  /** Competences a group can belong to (the active ones, by Dutch name). */
  competences: { slug: string; nameNl: string; nameEn: string }[];
  /** How many groups the built-in thesaurus has. */
  builtIn: number;
};

export async function getSynonymsPage(guardian: Guardian): Promise<SynonymsPage> {
  const [groups, competences] = await Promise.all([listSynonymGroups(guardian), competenceCache.get()]);
  return {
    groups,
    competences: competences.list.filter((c) => !c.retired).map(({ slug, nameNl, nameEn }) => ({ slug, nameNl, nameEn })),
    builtIn: THESAURUS.length,
  };
}

export async function listSynonymGroups(guardian: Guardian): Promise<SynonymGroupView[]> {
  guardian.ensureCanManageSearchSynonyms();
  const [rows, competences] = await Promise.all([
    db.searchSynonymGroup.findMany({ orderBy: [{ competenceId: "asc" }, { id: "asc" }] }),
    competenceCache.get(),
  ]);
  return rows.map((r) => {
    const c = r.competenceId === null ? undefined : competences.byId.get(r.competenceId);
    return { id: r.id, terms: r.terms, competence: c ? { slug: c.slug, nameNl: c.nameNl, nameEn: c.nameEn } : null };
  });
}

async function competenceIdOf(slug: string): Promise<number | null> {
  if (!slug) return null;
  const c = await db.competence.findUnique({ where: { slug }, select: { id: true } });
  if (!c) throw new Invalid({ competence: ["search.synonyms.errors.unknownCompetence"] });
  return c.id;
}

export async function createSynonymGroup(guardian: Guardian, input: SynonymGroupInput): Promise<{ id: number }> {
  guardian.ensureCanManageSearchSynonyms();
  const { terms, competence } = parseOrInvalid(SynonymGroupSchema, input);
  const competenceId = await competenceIdOf(competence);
  const created = await db.$transaction(async (tx) => {
    const group = await tx.searchSynonymGroup.create({ data: { terms, competenceId }, select: { id: true } });
    await recordEvents(tx, [
      { type: "synonym_group.created", subjectId: group.id, actorId: guardian.userId, payload: { terms, competenceId } } satisfies SearchEvent,
    ]);
    return group;
  });
  synonymGroupsCache.invalidate();
  return created;
}

export async function updateSynonymGroup(guardian: Guardian, id: number, input: SynonymGroupInput): Promise<void> {
  guardian.ensureCanManageSearchSynonyms();
  const { terms, competence } = parseOrInvalid(SynonymGroupSchema, input);
  const competenceId = await competenceIdOf(competence);
  await db.$transaction(async (tx) => {
    const before = await tx.searchSynonymGroup.findUnique({ where: { id }, select: { terms: true, competenceId: true } });
    if (!before) throw new NotFound("synonym group");
    await tx.searchSynonymGroup.update({ where: { id }, data: { terms, competenceId, updatedAt: new Date() } });
    await recordEvents(tx, [
      { type: "synonym_group.changed", subjectId: id, actorId: guardian.userId, payload: { terms, competenceId, before } } satisfies SearchEvent,
    ]);
  });
  synonymGroupsCache.invalidate();
}

export async function deleteSynonymGroup(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanManageSearchSynonyms();
  await db.$transaction(async (tx) => {
    const [gone] = await tx.$queryRaw<{ terms: string[]; competenceId: number | null }[]>`
      DELETE FROM "SearchSynonymGroup" WHERE id = ${id} RETURNING terms, "competenceId"`;
    if (gone) await recordEvents(tx, [{ type: "synonym_group.deleted", subjectId: id, actorId: guardian.userId, payload: gone } satisfies SearchEvent]);
  });
  synonymGroupsCache.invalidate();
}
