import { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { db, inTransaction, isUniqueViolation } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { markdownToPlainText, renderMarkdown } from "~/platform/markdown.server";
import type { CompetenceEvent } from "./events";
import type { CompetenceInput } from "./schemas";
import { competenceSlugBase, firstFreeSlug } from "./slug";

// Competences: the circle's vocabulary for tagging dilemmas and a member's expertise. Staff
// keep the list (Guardian, "Competences and profiles"); everyone reads it. Retired ones are
// not offered for new choices but stay on what already carries them.

// ── Pickers (the dilemma form, the profile form) ──────────────────────────────────────────

export type CompetenceOption = { id: number; slug: string; nameNl: string; nameEn: string; retired: boolean };

/**
 * The competences a picker offers: the active ones, plus `alsoIds` even when retired (what a
 * dilemma or profile already carries, so editing it does not silently drop a retired tag).
 * Everyone may read competences; the Guardian is taken for the house signature.
 */
export async function listCompetenceOptions(
  _guardian: Guardian,
  { alsoIds = [] }: { alsoIds?: number[] } = {},
): Promise<CompetenceOption[]> {
  const rows = await db.competence.findMany({
    where: { OR: [{ retiredAt: null }, { id: { in: alsoIds } }] },
    orderBy: [{ nameNl: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, nameNl: true, nameEn: true, retiredAt: true },
  });
  return rows.map(({ retiredAt, ...c }) => ({ ...c, retired: retiredAt !== null }));
}

/**
 * Of the chosen ids, those a form may not save: unknown ones, and retired ones unless the
 * thing already carried them (`alsoIds`). Empty means the choice is fine.
 */
export async function unusableCompetenceIds(ids: number[], { alsoIds = [] }: { alsoIds?: number[] } = {}): Promise<number[]> {
  if (ids.length === 0) return [];
  const usable = await db.competence.findMany({
    where: { id: { in: ids }, OR: [{ retiredAt: null }, { id: { in: alsoIds } }] },
    select: { id: true },
  });
  const ok = new Set(usable.map((c) => c.id));
  return ids.filter((id) => !ok.has(id));
}

// ── Reading ───────────────────────────────────────────────────────────────────────────────

export type CompetenceListItem = {
  id: number;
  slug: string;
  nameNl: string;
  nameEn: string;
  /** The description as one short line of plain text. */
  summary: string;
  /** Dilemmas this viewer may see (the Guardian's visibility filter). */
  dilemmaCount: number;
  retiredAt: Date | null;
};

export async function listCompetences(
  guardian: Guardian,
): Promise<{ active: CompetenceListItem[]; retired: CompetenceListItem[] }> {
  const rows = await db.competence.findMany({
    orderBy: [{ nameNl: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      nameNl: true,
      nameEn: true,
      descriptionMd: true,
      retiredAt: true,
      _count: { select: { dilemmas: { where: { dilemma: guardian.visibleDilemmasWhere() } } } },
    },
  });
  const items = rows.map(({ descriptionMd, _count, ...c }) => ({
    ...c,
    summary: markdownToPlainText(descriptionMd, 160),
    dilemmaCount: _count.dilemmas,
  }));
  return { active: items.filter((c) => !c.retiredAt), retired: items.filter((c) => c.retiredAt) };
}

/** A slug that moved: the caller redirects (301) to the competence's current slug. */
export type Moved = { movedTo: string };

export type CompetenceForEdit = {
  id: number;
  slug: string;
  nameNl: string;
  nameEn: string;
  synonyms: string[];
  descriptionMd: string;
  retiredAt: Date | null;
};

/** The edit form's values. Staff only. */
export async function getCompetenceForEdit(guardian: Guardian, slug: string): Promise<CompetenceForEdit | Moved> {
  guardian.ensureCanManageCompetences();
  const found = await findCompetenceBySlug(slug);
  if ("movedTo" in found) return found;
  return db.competence.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, slug: true, nameNl: true, nameEn: true, synonyms: true, descriptionMd: true, retiredAt: true },
  });
}

// ── Writing (staff) ───────────────────────────────────────────────────────────────────────

type Client = Prisma.TransactionClient;

/** `client`: in the caller's transaction (an import creating the competences its file names). */
export async function createCompetence(
  guardian: Guardian,
  input: CompetenceInput,
  options: { client?: Client; imported?: boolean } = {},
): Promise<{ id: number; slug: string }> {
  guardian.ensureCanManageCompetences();
  const client = options.client ?? db;
  await ensureNamesFree(client, input);
  // Two organisers creating the same name at once: the unique index on slug decides, and
  // the loser gets the next suffix.
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(client, competenceSlugBase(input.nameNl), null);
    try {
      return await inTransaction(client, async (tx) => {
        const { id } = await tx.competence.create({ data: { slug, ...texts(input) }, select: { id: true } });
        const imported = options.imported ?? false;
        await recordEvents(tx, [{ type: "competence.created", subjectId: id, actorId: guardian.userId, payload: { slug, imported } } satisfies CompetenceEvent]);
        return { id, slug };
      });
    } catch (e) {
      if (attempt < 3 && !options.client && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

/**
 * Rename, describe, edit synonyms. The slug stays unless `updateSlug` is set; when it changes,
 * the old one goes into CompetenceSlugRedirect so links and bookmarks keep working.
 */
export async function updateCompetence(guardian: Guardian, slug: string, input: CompetenceInput): Promise<{ slug: string }> {
  guardian.ensureCanManageCompetences();
  const current = await db.competence.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!current) throw new NotFound("competence");
  await ensureNamesFree(db, input, current.id);
  const newSlug = input.updateSlug ? await freeSlug(db, competenceSlugBase(input.nameNl), current.id) : current.slug;
  try {
    await db.$transaction(async (tx) => {
      if (newSlug !== current.slug) {
        // Renamed back to an earlier name: the competence takes its old slug back.
        await tx.competenceSlugRedirect.deleteMany({ where: { slug: newSlug, competenceId: current.id } });
        await tx.competenceSlugRedirect.create({ data: { slug: current.slug, competenceId: current.id } });
      }
      await tx.competence.update({ where: { id: current.id }, data: { slug: newSlug, ...texts(input) } });
      await recordEvents(tx, [
        { type: "competence.changed", subjectId: current.id, actorId: guardian.userId, payload: { slug: newSlug, slugBefore: current.slug } } satisfies CompetenceEvent,
      ]);
    });
  } catch (e) {
    // Another competence took the new slug between our check and our write.
    if (isUniqueViolation(e)) throw new Invalid({ nameNl: ["competences.errors.slugTaken"] });
    throw e;
  }
  return { slug: newSlug };
}

/** Retire (not offered for new choices, kept where used) or bring back into use. */
export async function setCompetenceRetired(guardian: Guardian, slug: string, retired: boolean): Promise<void> {
  const competence = await db.competence.findUnique({ where: { slug }, select: { id: true, retiredAt: true } });
  if (!competence) {
    guardian.ensureCanManageCompetences(); // a member learns "forbidden", not which slugs exist
    throw new NotFound("competence");
  }
  if (retired) guardian.ensureCanRetireCompetence(competence);
  else guardian.ensureCanUnretireCompetence(competence);
  await db.$transaction(async (tx) => {
    await tx.competence.update({ where: { id: competence.id }, data: { retiredAt: retired ? new Date() : null } });
    const type = retired ? "competence.retired" : "competence.unretired";
    await recordEvents(tx, [{ type, subjectId: competence.id, actorId: guardian.userId, payload: { slug } } satisfies CompetenceEvent]);
  });
}

// ── Helpers ───────────────────────────────────────────────────────────────────────────────

/** The competence of a slug, or where a former slug moved to; NotFound for neither. */
export async function findCompetenceBySlug(slug: string): Promise<{ id: number } | Moved> {
  const competence = await db.competence.findUnique({ where: { slug }, select: { id: true } });
  if (competence) return competence;
  const redirect = await db.competenceSlugRedirect.findUnique({
    where: { slug },
    select: { competence: { select: { slug: true } } },
  });
  if (redirect) return { movedTo: redirect.competence.slug };
  throw new NotFound("competence");
}

function texts(input: CompetenceInput) {
  return {
    nameNl: input.nameNl,
    nameEn: input.nameEn,
    synonyms: input.synonyms,
    descriptionMd: input.descriptionMd,
    descriptionHtml: renderMarkdown(input.descriptionMd),
  };
}

/** Two competences with one name would make every picker ambiguous (capitals don't count). */
async function ensureNamesFree(client: Client, input: CompetenceInput, exceptId?: number): Promise<void> {
  const clashes = await client.competence.findMany({
    where: {
      ...(exceptId === undefined ? {} : { id: { not: exceptId } }),
      OR: [
        { nameNl: { equals: input.nameNl, mode: "insensitive" } },
        { nameEn: { equals: input.nameEn, mode: "insensitive" } },
      ],
    },
    select: { nameNl: true, nameEn: true },
  });
  const same = (a: string, b: string) => a.toLocaleLowerCase("nl") === b.toLocaleLowerCase("nl");
  const errors: Record<string, string[]> = {};
  if (clashes.some((c) => same(c.nameNl, input.nameNl))) errors.nameNl = ["competences.errors.nameTaken"];
  if (clashes.some((c) => same(c.nameEn, input.nameEn))) errors.nameEn = ["competences.errors.nameTaken"];
  if (Object.keys(errors).length) throw new Invalid(errors);
}

/**
 * The first free slug from `base`. Taken are other competences' slugs and their former slugs
 * (those must keep redirecting); this competence's own current and former slugs are free.
 */
async function freeSlug(client: Client, base: string, competenceId: number | null): Promise<string> {
  const [slugs, former] = await Promise.all([
    client.competence.findMany({ where: { slug: { startsWith: base } }, select: { id: true, slug: true } }),
    client.competenceSlugRedirect.findMany({ where: { slug: { startsWith: base } }, select: { slug: true, competenceId: true } }),
  ]);
  const taken = new Set([
    ...slugs.filter((c) => c.id !== competenceId).map((c) => c.slug),
    ...former.filter((r) => r.competenceId !== competenceId).map((r) => r.slug),
  ]);
  return firstFreeSlug(base, taken);
}
