import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { encodeCursor, type ListCursor } from "./cursor";
import type { DilemmaListFilter, DilemmaListQuery } from "./list-query";

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
  author: AuthorView;
  competences: { slug: string; nameNl: string; nameEn: string; retired: boolean }[];
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
  author: authorSelect,
  competences: {
    select: { competence: { select: { slug: true, nameNl: true, nameEn: true, retiredAt: true } } },
    orderBy: { competence: { nameNl: "asc" } },
  },
} satisfies Prisma.DilemmaSelect;

type SummaryRow = Prisma.DilemmaGetPayload<{ select: typeof summarySelect }>;

const NEWEST_FIRST = [{ lastActivityAt: "desc" }, { id: "desc" }] satisfies Prisma.DilemmaOrderByWithRelationInput[];
const OLDEST_FIRST = [{ lastActivityAt: "asc" }, { id: "asc" }] satisfies Prisma.DilemmaOrderByWithRelationInput[];

/** The home page's short list: the first page, unfiltered. */
export async function listRecentDilemmas(guardian: Guardian, limit = DILEMMA_PAGE_SIZE): Promise<DilemmaSummary[]> {
  const rows = await db.dilemma.findMany({
    where: guardian.visibleDilemmasWhere(),
    orderBy: NEWEST_FIRST,
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/**
 * One page of the list. With `after`, the page holds the items older than that cursor; with
 * `before`, the items newer than it (read oldest-first, then turned round). No OFFSET: a
 * dilemma asked while someone pages does not push items onto the next page twice.
 */
export async function listDilemmas(
  guardian: Guardian,
  query: DilemmaListQuery,
  pageSize = DILEMMA_PAGE_SIZE,
): Promise<DilemmaPage> {
  const where: Prisma.DilemmaWhereInput = { AND: [guardian.visibleDilemmasWhere(), filterWhere(query)] };
  if (query.before) {
    const rows = await db.dilemma.findMany({
      where: { AND: [where, newerThan(query.before)] },
      orderBy: OLDEST_FIRST,
      take: pageSize + 1,
      select: summarySelect,
    });
    // Back at the top: show the real first page (full, and with the newest items) instead of
    // a short remainder.
    if (rows.length <= pageSize) return listDilemmas(guardian, { ...query, before: null, after: null }, pageSize);
    const items = rows.slice(0, pageSize).reverse().map(toSummary);
    return { items, previous: cursorOf(items[0]), next: await cursorIfMore(where, items.at(-1), "older") };
  }
  const rows = await db.dilemma.findMany({
    where: query.after ? { AND: [where, olderThan(query.after)] } : where,
    orderBy: NEWEST_FIRST,
    take: pageSize + 1,
    select: summarySelect,
  });
  const items = rows.slice(0, pageSize).map(toSummary);
  return {
    items,
    next: rows.length > pageSize ? cursorOf(items.at(-1)) : null,
    previous: query.after ? await cursorIfMore(where, items[0], "newer") : null,
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

function olderThan(c: ListCursor): Prisma.DilemmaWhereInput {
  return { OR: [{ lastActivityAt: { lt: c.lastActivityAt } }, { lastActivityAt: c.lastActivityAt, id: { lt: c.id } }] };
}

function newerThan(c: ListCursor): Prisma.DilemmaWhereInput {
  return { OR: [{ lastActivityAt: { gt: c.lastActivityAt } }, { lastActivityAt: c.lastActivityAt, id: { gt: c.id } }] };
}

function cursorOf(item: DilemmaSummary | undefined): string | null {
  return item ? encodeCursor(item) : null;
}

/** The cursor of `item` when the list goes on beyond it in that direction, else null. */
async function cursorIfMore(
  where: Prisma.DilemmaWhereInput,
  item: DilemmaSummary | undefined,
  direction: "older" | "newer",
): Promise<string | null> {
  if (!item) return null;
  const beyond = direction === "older" ? olderThan(item) : newerThan(item);
  const more = await db.dilemma.findFirst({ where: { AND: [where, beyond] }, select: { id: true } });
  return more ? encodeCursor(item) : null;
}

function toSummary({ author, competences, hiddenAt, lockedAt, ...d }: SummaryRow): DilemmaSummary {
  return {
    ...d,
    hidden: hiddenAt !== null,
    locked: lockedAt !== null,
    author: toAuthorView(author),
    competences: competences.map(({ competence: { retiredAt, ...c } }) => ({ ...c, retired: retiredAt !== null })),
  };
}
