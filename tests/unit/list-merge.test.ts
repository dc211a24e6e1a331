import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type ListCursor } from "~/dilemmas/cursor";
import { mergeOwnHidden, type ListedDilemma, type ListPage } from "~/dilemmas/list-merge";
import type { DilemmaListQuery, DilemmaSort } from "~/dilemmas/list-query";

// Decision 058: a member with a hidden dilemma of their own gets the shared list with theirs
// merged in. Their page must be the page a live read of their whole list gives: the same
// items in the same order, the same count, the same "Vorige"/"Volgende" links. Checked here
// against a model of the live read (list.server.ts readDilemmaPage) on random lists, walked
// page by page forwards and back, in both orders and with each filter.

type Item = ListedDilemma & { hidden: boolean };

/** What a live read of `all` gives (readDilemmaPage, keyset pages, back to the top when short). */
function livePage(all: readonly Item[], query: DilemmaListQuery, pageSize: number): ListPage<Item> {
  const order = orderOf(query.sort);
  const list = all.filter((d) => matches(d, query)).sort(order);
  const first = (a: ListCursor, b: ListCursor) => order(a, b) < 0;
  if (query.before) {
    const cursor = query.before;
    const newer = list.filter((d) => first(d, cursor));
    if (newer.length <= pageSize) return livePage(all, { ...query, before: null, after: null }, pageSize);
    const items = newer.slice(-pageSize);
    const last = items.at(-1)!;
    return { items, previous: encodeCursor(items[0]!), next: list.some((d) => first(last, d)) ? encodeCursor(last) : null };
  }
  const after = query.after;
  const beyond = after ? list.filter((d) => first(after, d)) : list;
  const items = beyond.slice(0, pageSize);
  const head = items[0];
  return {
    items,
    next: beyond.length > pageSize ? encodeCursor(items.at(-1)!) : null,
    previous: after && head && list.some((d) => first(d, head)) ? encodeCursor(head) : null,
  };
}

function orderOf(sort: DilemmaSort | undefined) {
  if (sort === "newest") return (a: ListCursor, b: ListCursor) => b.id - a.id;
  return (a: ListCursor, b: ListCursor) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id;
}

function matches(d: ListedDilemma, q: DilemmaListQuery) {
  return (
    (q.competences.length === 0 || d.competences.some((c) => q.competences.includes(c.slug))) &&
    (!q.status || d.status === q.status) &&
    (!q.unanswered || d.replyCount === 0)
  );
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function forum(seed: number): Item[] {
  const r = random(seed);
  const count = 5 + Math.floor(r() * 60);
  const base = Date.UTC(2026, 10, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    // Few distinct moments, so ties (broken by id) are common.
    lastActivityAt: new Date(base + Math.floor(r() * 12) * 60_000),
    status: r() < 0.5 ? "open" : "answered",
    replyCount: r() < 0.4 ? 0 : 3,
    competences: r() < 0.5 ? [{ slug: "loslaten" }] : [{ slug: "netwerken" }],
    hidden: r() < 0.2,
  }));
}

const filters: Omit<DilemmaListQuery, "after" | "before" | "sort">[] = [
  { competences: [], status: null, unanswered: false },
  { competences: ["loslaten"], status: null, unanswered: false },
  { competences: [], status: "open", unanswered: true },
];

describe("the shared list with a member's own hidden dilemmas merged in", () => {
  it("gives every page a live read gives, forwards and back, in both orders and with filters", () => {
    let compared = 0;
    let live = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const all = forum(seed);
      const visible = all.filter((d) => !d.hidden);
      const own = all.filter((d) => d.hidden);
      const pageSize = 1 + (seed % 7);
      for (const sort of ["activity", "newest"] as const) {
        for (const filter of filters) {
          const check = (query: DilemmaListQuery) => {
            const expected = livePage(all, query, pageSize);
            const merged = mergeOwnHidden(livePage(visible, query, pageSize), own, query, pageSize);
            if (merged === null) {
              // Only a page the shared one cannot tell about goes live; a first page never.
              expect(query.after ?? query.before, `seed ${seed}`).not.toBeNull();
              live++;
            } else {
              compared++;
              expect(merged, `seed ${seed}, ${JSON.stringify(query)}`).toEqual(expected);
            }
            return expected;
          };
          const start: DilemmaListQuery = { ...filter, sort, after: null, before: null };
          let page = check(start);
          for (let guard = 0; page.next && guard < 100; guard++) {
            if (page.previous) check({ ...start, before: decodeCursor(page.previous) });
            const after = decodeCursor(page.next);
            page = check({ ...start, after });
            check({ ...start, before: after });
          }
        }
      }
    }
    // The merge answers most pages itself. (This walk asks a "Vorige" page from every page,
    // many of them short of the top; people mostly read the first page.)
    expect(compared).toBeGreaterThan(2000);
    expect(live).toBeLessThan(compared / 5);
  });

  it("puts a member's hidden dilemma in its place on the first page, and nowhere for a filter it fails", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 20, minute));
    const item = (id: number, minute: number, hidden = false): Item => ({
      id,
      lastActivityAt: at(minute),
      status: "open",
      replyCount: 2,
      competences: [{ slug: "loslaten" }],
      hidden,
    });
    const shared = { items: [item(5, 50), item(4, 40), item(2, 20)], next: encodeCursor(item(2, 20)), previous: null };
    const mine = item(3, 30, true);
    const query: DilemmaListQuery = { competences: [], status: null, unanswered: false, after: null, before: null };
    expect(mergeOwnHidden(shared, [mine], query, 3)).toEqual({
      items: [item(5, 50), item(4, 40), mine],
      next: encodeCursor(mine),
      previous: null,
    });
    expect(mergeOwnHidden(shared, [mine], { ...query, unanswered: true }, 3)?.items.map((d) => d.id)).toEqual([5, 4, 2]);
  });
});
