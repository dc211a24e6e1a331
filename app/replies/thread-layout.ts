// How a page of a thread nests on screen. Replies arrive in path order (depth-first reading
// order); each is placed under its parent, up to MAX_NESTING levels. Deeper replies stay in
// reading order at the deepest level, and so does a reply whose parent sits on an earlier
// page: for those the nesting cannot show whom they answer, so the node names its parent
// (`inReplyTo`) and the page shows "Reactie op <naam>" with a link.
// Plain module (no server code): unit-tested on its own.

export const MAX_NESTING = 4;

export type ThreadNode<T> = { reply: T; inReplyTo: number | null; children: ThreadNode<T>[] };

type Placed<T> = { node: ThreadNode<T>; level: number; siblings: ThreadNode<T>[] };

export function nestThread<T extends { id: number; parentId: number | null }>(
  replies: readonly T[],
  maxNesting = MAX_NESTING,
): ThreadNode<T>[] {
  const roots: ThreadNode<T>[] = [];
  const placed = new Map<number, Placed<T>>();
  for (const reply of replies) {
    const parent = reply.parentId === null ? undefined : placed.get(reply.parentId);
    if (!parent) {
      const node = { reply, inReplyTo: reply.parentId, children: [] };
      roots.push(node);
      placed.set(reply.id, { node, level: 0, siblings: roots });
    } else if (parent.level + 1 < maxNesting) {
      const node = { reply, inReplyTo: null, children: [] };
      parent.node.children.push(node);
      placed.set(reply.id, { node, level: parent.level + 1, siblings: parent.node.children });
    } else {
      // Path order guarantees that everything appended to the parent's list after the parent
      // until its next sibling is one of its descendants, so reading order is kept.
      const node = { reply, inReplyTo: reply.parentId, children: [] };
      parent.siblings.push(node);
      placed.set(reply.id, { node, level: parent.level, siblings: parent.siblings });
    }
  }
  return roots;
}

/**
 * Without the "deleted by its author" cards nobody needs: a deleted reply stays as a
 * placeholder only while a reply below it still shows (it keeps that one's place and sense).
 * Replies in path order, so every reply comes after its parent.
 */
export function dropLoneTombstones<T extends { id: number; parentId: number | null }>(
  replies: readonly T[],
  isTombstone: (reply: T) => boolean,
): T[] {
  const answered = new Set<number>();
  const kept: T[] = [];
  for (let i = replies.length - 1; i >= 0; i--) {
    const reply = replies[i]!;
    if (isTombstone(reply) && !answered.has(reply.id)) continue;
    kept.push(reply);
    if (reply.parentId !== null) answered.add(reply.parentId);
  }
  return kept.reverse();
}
