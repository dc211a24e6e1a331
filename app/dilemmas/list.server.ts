import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { Prisma } from "~/generated/prisma/client";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import { encodeCursor, type ListCursor } from "./cursor";
import { mergeOwnHidden } from "./list-merge";
import type { DilemmaListFilter, DilemmaListQuery } from "./list-query";
import { competenceTagsSelect, toCompetenceTags, type CompetenceTag } from "~/competences/tags";

// The dilemma list: newest activity first, filtered, cut into keyset pages. Every query goes
// through the Guardian's visibility filter, so hidden dilemmas reach only staff and their
// asker (who see them marked).

export const DILEMMA_PAGE_SIZE = 20;

export type DilemmaSummary = {
  id: number;
  title: string;
  status: DilemmaStatus;
  replyCount: number;
  lastActivityAt: Date;
  hidden: boolean;
  locked: boolean;
  /** Its asker deleted it; others' replies keep it (decision 038). */
  deleted: boolean;
  author: AuthorView;
  competences: CompetenceTag[];
};

export type DilemmaPage = {
  items: DilemmaSummary[];
  /** Cursors for the "Volgende" (older) and "Vorige" (newer) links; null where there is none. */
  next: string | null;
  previous: string | null;
};

const summarySelect = {
  id: true,
  title: true,
  status: true,
  replyCount: true,
  lastActivityAt: true,
  hiddenAt: true,
  lockedAt: true,
  deletedByAuthorAt: true,
  author: authorSelect,
  competences: competenceTagsSelect,
} satisfies Prisma.DilemmaSelect;

type SummaryRow = Prisma.DilemmaGetPayload<{ select: typeof summarySelect }>;

const NEWEST_FIRST = [{ lastActivityAt: "desc" }, { id: "desc" }] satisfies Prisma.DilemmaOrderByWithRelationInput[];
const OLDEST_FIRST = [{ lastActivityAt: "asc" }, { id: "asc" }] satisfies Prisma.DilemmaOrderByWithRelationInput[];

const FIRST_PAGE: DilemmaListQuery = { competences: [], status: null, unanswered: false, after: null, before: null };

/** The home page's short list: the first page, unfiltered (shared like the list's pages). */
export async function listRecentDilemmas(guardian: Guardian, limit = DILEMMA_PAGE_SIZE, options: ListOptions = {}): Promise<DilemmaSummary[]> {
  return (await listDilemmas(guardian, FIRST_PAGE, { ...options, pageSize: limit })).items;
}

/**
 * A numbered page of one competence's dilemmas (its own page, /competences/:slug), newest
 * activity first: read from the competence's tags in their own order, like the list's
 * competence filter.
 */
export async function listCompetenceDilemmas(
  guardian: Guardian,
  competenceId: number,
  page: { skip: number; take: number },
): Promise<DilemmaSummary[]> {
  const tags = await db.dilemmaCompetence.findMany({
    where: { competenceId, dilemma: guardian.visibleDilemmasWhere() },
    orderBy: [{ lastActivityAt: "desc" }, { dilemmaId: "desc" }],
    ...page,
    select: { dilemma: { select: summarySelect } },
  });
  return tags.map((t) => toSummary(t.dilemma));
}

export type ListOptions = {
  pageSize?: number;
  /**
   * Read past the shared copies: for a viewer who has just written something (the web layer
   * knows), so they see their own change even before every process has heard of it.
   */
  readLive?: boolean;
};

// Most viewers see the same list: one copy per query serves them all until content changes
// (decision 010). A page is ≈20 KB; 200 of them bound the memory whatever the query strings.
const sharedListPages = new SharedReadCache<DilemmaPage>({ maxEntries: 200, name: "dilemma list pages" });
const sharedHiddenAuthors = new SharedReadCache<ReadonlySet<number>>({ maxEntries: 1, name: "members with a hidden dilemma" });
// A member who asked a hidden dilemma gets the shared page with theirs merged in (decision
// 058): their hidden dilemmas are read once per content change, not their list per request.
const sharedOwnHidden = new SharedReadCache<OwnHidden>({ maxEntries: 500, maxBytes: 2 * 2 ** 20, name: "a member's own hidden dilemmas" });
const visitor = new Guardian(anonymousViewer);

/** More than this many hidden dilemmas of one member: their list is read live, as staff's is. */
const OWN_HIDDEN_MERGED = 100;
type OwnHidden = { items: DilemmaSummary[]; complete: boolean };

/**
 * One page of the list. With `after`, the page holds the items older than that cursor; with
 * `before`, the items newer than it (read oldest-first, then turned round). No OFFSET: a
 * dilemma asked while someone pages does not push items onto the next page twice.
 */
export async function listDilemmas(guardian: Guardian, query: DilemmaListQuery, options: ListOptions = {}): Promise<DilemmaPage> {
  const pageSize = options.pageSize ?? DILEMMA_PAGE_SIZE;
  if (options.readLive) return readDilemmaPage(guardian, query, pageSize);
  const beyond = guardian.dilemmasBeyondVisitor(await authorsOfHiddenDilemmas());
  if (beyond === "all hidden") return readDilemmaPage(guardian, query, pageSize);
  const shared = await sharedListPages.read(JSON.stringify([query, pageSize]), () => readDilemmaPage(visitor, query, pageSize));
  if (beyond === "nothing") return shared;
  const own = await ownHiddenDilemmas(guardian.userId!);
  const page = own.complete ? mergeOwnHidden(shared, own.items, query, pageSize) : null;
  return page ?? readDilemmaPage(guardian, query, pageSize);
}

/** Members with a hidden dilemma of their own: their list differs from everyone else's. */
function authorsOfHiddenDilemmas(): Promise<ReadonlySet<number>> {
  return sharedHiddenAuthors.read("all", async () => {
    const rows = await db.dilemma.findMany({ where: { hiddenAt: { not: null } }, select: { authorId: true }, distinct: ["authorId"] });
    return new Set(rows.map((r) => r.authorId));
  });
}

/** A member's own hidden dilemmas, as the list shows them (marked hidden). */
function ownHiddenDilemmas(authorId: number): Promise<OwnHidden> {
  return sharedOwnHidden.read(String(authorId), async () => {
    const rows = await db.dilemma.findMany({
      where: { authorId, hiddenAt: { not: null } },
      orderBy: NEWEST_FIRST,
      take: OWN_HIDDEN_MERGED + 1,
      select: summarySelect,
    });
    return { items: rows.slice(0, OWN_HIDDEN_MERGED).map(toSummary), complete: rows.length <= OWN_HIDDEN_MERGED };
  });
}

async function readDilemmaPage(guardian: Guardian, query: DilemmaListQuery, pageSize: number): Promise<DilemmaPage> {
  const source = await sourceFor(guardian, query);
  if (query.before) {
    const rows = await source.find(newerThan(query.before), "oldest", pageSize + 1);
    // Back at the top: show the real first page (full, and with the newest items) instead of
    // a short remainder.
    if (rows.length <= pageSize) return readDilemmaPage(guardian, { ...query, before: null, after: null }, pageSize);
    const items = rows.slice(0, pageSize).reverse().map(toSummary);
    return { items, previous: cursorOf(items[0]), next: await cursorIfMore(source, items.at(-1), "older") };
  }
  const rows = await source.find(query.after ? olderThan(query.after) : null, "newest", pageSize + 1);
  const items = rows.slice(0, pageSize).map(toSummary);
  return {
    items,
    next: rows.length > pageSize ? cursorOf(items.at(-1)) : null,
    previous: query.after ? await cursorIfMore(source, items[0], "newer") : null,
  };
}

type Keyset = { lastActivityAt: Date; id: number; direction: "older" | "newer" };

/** Where a page's rows come from: the dilemmas, or (one competence) that competence's tags. */
type Source = { find(keyset: Keyset | null, order: "newest" | "oldest", take: number): Promise<SummaryRow[]> };

/**
 * One competence: its tags, read newest first from their own index (DilemmaCompetence keeps a
 * copy of lastActivityAt for that), so a page costs the same for a rare competence in a forum
 * of 2 000 dilemmas or of 200 000. Otherwise the dilemmas' index, and several competences are
 * a filter on it (a page then looks further when the competences are rare).
 */
async function sourceFor(guardian: Guardian, query: DilemmaListQuery): Promise<Source> {
  const visible = guardian.visibleDilemmasWhere();
  if (query.competences.length === 1) {
    const competence = await db.competence.findUnique({ where: { slug: query.competences[0]! }, select: { id: true } });
    const dilemma: Prisma.DilemmaWhereInput = { AND: [visible, filterWhere({ ...query, competences: [] })] };
    return {
      async find(keyset, order, take) {
        if (!competence) return [];
        const direction = order === "newest" ? "desc" : "asc";
        const byId = query.sort === "newest";
        const tags = await db.dilemmaCompetence.findMany({
          where: { competenceId: competence.id, dilemma, ...(keyset ? (byId ? { dilemmaId: idBeyond(keyset) } : tagKeyset(keyset)) : {}) },
          orderBy: byId ? [{ dilemmaId: direction }] : [{ lastActivityAt: direction }, { dilemmaId: direction }],
          take,
          select: { dilemma: { select: summarySelect } },
        });
        return tags.map((t) => t.dilemma);
      },
    };
  }
  const where: Prisma.DilemmaWhereInput = { AND: [visible, filterWhere(query)] };
  return {
    find: (keyset, order, take) =>
      db.dilemma.findMany({
        where: keyset ? { AND: [where, query.sort === "newest" ? { id: idBeyond(keyset) } : dilemmaKeyset(keyset)] } : where,
        orderBy: query.sort === "newest" ? [{ id: order === "newest" ? "desc" : "asc" }] : order === "newest" ? NEWEST_FIRST : OLDEST_FIRST,
        take,
        select: summarySelect,
      }),
  };
}

function filterWhere(filter: DilemmaListFilter): Prisma.DilemmaWhereInput {
  const and: Prisma.DilemmaWhereInput[] = [];
  // Several competences: dilemmas with any of them (a wider net, as tags usually work).
  if (filter.competences.length) {
    and.push({ competences: { some: { competence: { slug: { in: filter.competences } } } } });
  }
  if (filter.status) and.push({ status: filter.status });
  if (filter.unanswered) and.push({ replyCount: 0 });
  return { AND: and };
}

function olderThan(c: ListCursor): Keyset {
  return { ...c, direction: "older" };
}

function newerThan(c: ListCursor): Keyset {
  return { ...c, direction: "newer" };
}

/** Sorted by newest dilemma: ids grow as dilemmas are asked, so the id alone is the keyset. */
function idBeyond({ id, direction }: Keyset): Prisma.IntFilter {
  return direction === "older" ? { lt: id } : { gt: id };
}

function dilemmaKeyset({ lastActivityAt, id, direction }: Keyset): Prisma.DilemmaWhereInput {
  const beyond = direction === "older" ? "lt" : "gt";
  return { OR: [{ lastActivityAt: { [beyond]: lastActivityAt } }, { lastActivityAt, id: { [beyond]: id } }] };
}

function tagKeyset({ lastActivityAt, id, direction }: Keyset): Prisma.DilemmaCompetenceWhereInput {
  const beyond = direction === "older" ? "lt" : "gt";
  return { OR: [{ lastActivityAt: { [beyond]: lastActivityAt } }, { lastActivityAt, dilemmaId: { [beyond]: id } }] };
}

function cursorOf(item: DilemmaSummary | undefined): string | null {
  return item ? encodeCursor(item) : null;
}

/** The cursor of `item` when the list goes on beyond it in that direction, else null. */
async function cursorIfMore(source: Source, item: DilemmaSummary | undefined, direction: "older" | "newer"): Promise<string | null> {
  if (!item) return null;
  const more = await source.find({ ...item, direction }, direction === "older" ? "newest" : "oldest", 1);
  return more.length > 0 ? encodeCursor(item) : null;
}

function toSummary({ author, competences, hiddenAt, lockedAt, deletedByAuthorAt, ...d }: SummaryRow): DilemmaSummary {
  return {
    ...d,
    hidden: hiddenAt !== null,
    locked: lockedAt !== null,
    deleted: deletedByAuthorAt !== null,
    author: toAuthorView(author),
    competences: toCompetenceTags(competences),
  };
}
