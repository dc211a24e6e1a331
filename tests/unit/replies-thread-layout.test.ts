import { describe, expect, it } from "vitest";
import { dropLoneTombstones, nestThread, type ThreadNode } from "~/replies/thread-layout";

// Shape of a nested page as "id(inReplyTo)[children]" so a test reads like the screen.
type R = { id: number; parentId: number | null };
function shape(nodes: ThreadNode<R>[]): string {
  return nodes
    .map((n) => {
      const label = n.inReplyTo === null ? `${n.reply.id}` : `${n.reply.id}(→${n.inReplyTo})`;
      return n.children.length ? `${label}[${shape(n.children)}]` : label;
    })
    .join(" ");
}

describe("nestThread", () => {
  it("nests replies under their parents in reading order", () => {
    const page: R[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 1 },
      { id: 5, parentId: null },
    ];
    expect(shape(nestThread(page))).toBe("1[2[3] 4] 5");
  });

  it("keeps replies deeper than the limit at the deepest level, naming whom they answer", () => {
    // A chain 1 → 2 → 3 → 4 → 5 → 6, then 7 answering 3 again, with at most 3 levels.
    const page: R[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 3 },
      { id: 5, parentId: 4 },
      { id: 6, parentId: 5 },
      { id: 7, parentId: 3 },
      { id: 8, parentId: 1 },
    ];
    expect(shape(nestThread(page, 3))).toBe("1[2[3 4(→3) 5(→4) 6(→5) 7(→3)] 8]");
  });

  it("starts a page that begins inside a branch at the top level, linking to the parent", () => {
    const page: R[] = [
      { id: 40, parentId: 39 },
      { id: 41, parentId: 40 },
      { id: 42, parentId: 38 },
      { id: 43, parentId: null },
    ];
    expect(shape(nestThread(page))).toBe("40(→39)[41] 42(→38) 43");
  });
});

describe("dropLoneTombstones", () => {
  type D = R & { deleted?: boolean };
  const ids = (replies: D[]) => dropLoneTombstones(replies, (r) => r.deleted === true).map((r) => r.id);

  it("drops a deleted reply nobody answered, keeps one that still has a reply below it", () => {
    const page: D[] = [
      { id: 1, parentId: null, deleted: true },
      { id: 2, parentId: 1 },
      { id: 3, parentId: null, deleted: true },
      { id: 4, parentId: null },
    ];
    expect(ids(page)).toEqual([1, 2, 4]);
  });

  it("drops a chain of deleted replies whose replies were all deleted too", () => {
    const page: D[] = [
      { id: 1, parentId: null, deleted: true },
      { id: 2, parentId: 1, deleted: true },
      { id: 3, parentId: 2, deleted: true },
      { id: 4, parentId: 1 },
      { id: 5, parentId: null, deleted: true },
      { id: 6, parentId: 5, deleted: true },
    ];
    expect(ids(page)).toEqual([1, 4]);
  });
});
