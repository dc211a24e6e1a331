import { nestThread, type ThreadNode } from "~/replies/thread-layout";

// Where replies that arrived live (decision 029) go in the page's thread. A new reply is the
// youngest child of its parent, so it belongs right after the parent's last descendant on this
// page; a new answer to the dilemma itself belongs at the end of the thread, which is on the
// last page. A reply whose place is on another page is listed apart ("elsewhere"), with a link.
// Plain module: unit-tested.

type Reply = { id: number; parentId: number | null };

function flatten<T extends Reply>(nodes: ThreadNode<T>[], into: T[] = []): T[] {
  for (const node of nodes) {
    into.push(node.reply);
    flatten(node.children, into);
  }
  return into;
}

export function withLiveReplies<T extends Reply>(
  nodes: ThreadNode<T>[],
  live: readonly T[],
  onLastPage: boolean,
): { nodes: ThreadNode<T>[]; elsewhere: T[]; added: number } {
  const flat = flatten(nodes);
  const known = new Set(flat.map((r) => r.id));
  const fresh = live.filter((r) => !known.has(r.id));
  if (!fresh.length) return { nodes, elsewhere: [], added: 0 };
  const parentOf = new Map<number, number | null>(flat.map((r) => [r.id, r.parentId]));
  const descends = (id: number, ancestor: number) => {
    for (let at = parentOf.get(id) ?? null; at !== null; at = parentOf.get(at) ?? null) if (at === ancestor) return true;
    return false;
  };
  const elsewhere: T[] = [];
  for (const reply of [...fresh].sort((a, b) => a.id - b.id)) {
    if (reply.parentId === null) {
      if (!onLastPage) {
        elsewhere.push(reply);
        continue;
      }
      flat.push(reply);
    } else {
      const at = flat.findIndex((r) => r.id === reply.parentId);
      if (at < 0) {
        elsewhere.push(reply);
        continue;
      }
      let end = at + 1;
      while (end < flat.length && descends(flat[end]!.id, reply.parentId)) end++;
      flat.splice(end, 0, reply);
    }
    parentOf.set(reply.id, reply.parentId);
  }
  return { nodes: nestThread(flat), elsewhere, added: fresh.length };
}
