import { encodeCursor, type ListCursor } from "./cursor";
import type { DilemmaListFilter, DilemmaListQuery } from "./list-query";

// A member who asked a dilemma that is now hidden sees it in the list, marked, where everyone
// else does not (Guardian.visibleDilemmasWhere). Their list is the shared list everyone else
// gets (decision 010) with their own hidden dilemmas merged in, in the list's order, cut to
// the same page size and with the same "Vorige"/"Volgende" cursors a live read gives
// (decision 058). Pure, so the page arithmetic is tested without a database.

export type ListedDilemma = ListCursor & {
  status: string;
  replyCount: number;
  competences: readonly { slug: string }[];
};

export type ListPage<T> = { items: T[]; next: string | null; previous: string | null };

/**
 * The member's page, from the shared page of the same query (`shared`, what a visitor gets)
 * and all of the member's own hidden dilemmas (`own`, any order). null when the shared page
 * cannot tell (a page past the end, or a "Vorige" page that went back to the top): the caller
 * then reads the member's list live, as before.
 */
export function mergeOwnHidden<T extends ListedDilemma>(
  shared: ListPage<T>,
  own: readonly T[],
  query: DilemmaListQuery,
  pageSize: number,
): ListPage<T> | null {
  const before = orderOf(query);
  const inShared = new Set(shared.items.map((d) => d.id));
  // A change between the two shared reads could put a dilemma in both: the shared copy wins.
  const mine = own.filter((d) => matches(d, query) && !inShared.has(d.id));
  const comesBefore = (a: ListCursor, b: ListCursor) => before(a, b) < 0;
  const anyMine = (test: (d: T) => boolean) => mine.some(test);

  if (query.before) {
    const cursor = query.before;
    // A shared "Vorige" page without a "Vorige" link went back to the top (too few newer
    // items): whether the member's would too depends on counts the page does not carry.
    if (shared.previous === null) return null;
    const newer = mine.filter((d) => comesBefore(d, cursor));
    // The shared page holds the pageSize visible items nearest the cursor, and more exist
    // beyond them; so do the member's, and theirs are the nearest pageSize of both.
    const items = merged(shared.items, newer, before).slice(-pageSize);
    const last = items.at(-1)!;
    return {
      items,
      previous: encodeCursor(items[0]!),
      next: shared.next !== null || anyMine((d) => comesBefore(last, d)) ? encodeCursor(last) : null,
    };
  }

  const after = query.after;
  if (after && shared.items.length === 0) return null;
  const beyond = after ? mine.filter((d) => comesBefore(after, d)) : mine;
  const all = merged(shared.items, beyond, before);
  const items = all.slice(0, pageSize);
  if (items.length === 0) return { items, next: null, previous: null };
  const first = items[0]!;
  const last = items.at(-1)!;
  // The shared page's "Volgende" says visible items follow its last one, which is not before
  // this page's last; its "Vorige" likewise says visible items come before this page's first.
  return {
    items,
    next: shared.next !== null || all.length > pageSize ? encodeCursor(last) : null,
    previous: after && (shared.previous !== null || anyMine((d) => comesBefore(d, first))) ? encodeCursor(first) : null,
  };
}

/** The list's order as a comparison: newest activity first (id breaks ties), or newest dilemma first. */
function orderOf(query: DilemmaListQuery): (a: ListCursor, b: ListCursor) => number {
  if (query.sort === "newest") return (a, b) => b.id - a.id;
  return (a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id;
}

/** The list's filters (list.server.ts filterWhere), on one dilemma. */
function matches(d: ListedDilemma, filter: DilemmaListFilter): boolean {
  if (filter.competences.length > 0 && !d.competences.some((c) => filter.competences.includes(c.slug))) return false;
  if (filter.status && d.status !== filter.status) return false;
  if (filter.unanswered && d.replyCount !== 0) return false;
  return true;
}

function merged<T extends ListCursor>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  return [...a, ...b].sort(order);
}
