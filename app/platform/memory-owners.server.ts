// What holds memory in a process, as each holder counts it (decision 031): the Dutch lexicon,
// the shared page caches, the word cache. Read by the memory report (server/memory-report.ts)
// that `npm run bench:memory` asks for. On globalThis, because the server's own modules and
// the built app's are two module instances in one process (see content-changes.server.ts).

export type MemoryOwner = {
  /** Bytes held, as the owner estimates them (for caches: the sum of their entries' sizes). */
  bytes(): number;
  entries?(): number;
  /** Outside V8's heap (Buffers, typed arrays) rather than in it. */
  outsideHeap?: boolean;
};

const owners: Map<string, MemoryOwner> = ((globalThis as Record<symbol, Map<string, MemoryOwner> | undefined>)[
  Symbol.for("kenniskring.memoryOwners")
] ??= new Map());

/** Register (or replace) an owner under a name a person reads: "dilemma pages (shared)". */
export function registerMemoryOwner(name: string, owner: MemoryOwner): void {
  owners.set(name, owner);
}

export function memoryOwners(): Array<{ name: string; bytes: number; entries?: number; outsideHeap: boolean }> {
  return [...owners].map(([name, o]) => ({ name, bytes: o.bytes(), entries: o.entries?.(), outsideHeap: o.outsideHeap ?? false }));
}
