import { describe, expect, it } from "vitest";
import { withLiveReplies } from "~/components/thread/live-thread";
import { nestThread, type ThreadNode } from "~/replies/thread-layout";

// Where a reply that arrived live goes in the page's thread (decision 029).
type R = { id: number; parentId: number | null };
const ids = (nodes: ThreadNode<R>[]): unknown[] => nodes.map((n) => (n.children.length ? [n.reply.id, ids(n.children)] : n.reply.id));
// 1 ─ 2 ─ 3, 4 (under 1); 5
const page = nestThread<R>([
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 1 },
  { id: 5, parentId: null },
]);

describe("live replies in the thread", () => {
  it("puts an answer to a reply after that reply's last descendant, nested under it", () => {
    const shown = withLiveReplies(page, [{ id: 9, parentId: 2 }], false);
    expect(ids(shown.nodes)).toEqual([[1, [[2, [3, 9]], 4]], 5]);
    expect(shown).toMatchObject({ elsewhere: [], added: 1 });
    expect(ids(withLiveReplies(page, [{ id: 9, parentId: 1 }], true).nodes)).toEqual([[1, [[2, [3]], 4, 9]], 5]);
  });

  it("puts a new answer to the dilemma at the end of the last page, and lists it apart on another page", () => {
    expect(ids(withLiveReplies(page, [{ id: 9, parentId: null }], true).nodes)).toEqual([[1, [[2, [3]], 4]], 5, 9]);
    const earlier = withLiveReplies(page, [{ id: 9, parentId: null }, { id: 10, parentId: 77 }], false);
    expect(ids(earlier.nodes)).toEqual(ids(page));
    expect(earlier.elsewhere.map((r) => r.id)).toEqual([9, 10]);
  });

  it("adds nothing the page already shows, and places answers to live replies under them", () => {
    expect(withLiveReplies(page, [{ id: 3, parentId: 2 }], true)).toEqual({ nodes: page, elsewhere: [], added: 0 });
    const chain = withLiveReplies(page, [{ id: 11, parentId: 10 }, { id: 10, parentId: 5 }], true);
    expect(ids(chain.nodes)).toEqual([[1, [[2, [3]], 4]], [5, [[10, [11]]]]]);
  });
});
