// Page data that many requests share, kept in this process's memory between requests and
// thrown away as soon as any content changes anywhere (decision 010; the signal comes from
// content-changes.server.ts). It keeps loader data, never HTML, and only data that is the same
// for everyone who gets it: the caller decides that, and passes live reads past it.
import { LRUCache } from "lru-cache";
import { contentGeneration } from "./content-changes.server";
import { registerMemoryOwner } from "./memory-owners.server";

type Entry<V> = { generation: number; value: V };

const DEFAULT_MAX_BYTES = 8 * 2 ** 20;

/**
 * A value's memory, roughly: its JSON length twice over (V8 keeps most text as one byte per
 * character, and objects and arrays cost about as much again as their JSON). Counted once,
 * when a value is kept; a value JSON cannot write (a Set, a bigint) counts as 1 KB.
 */
export function estimateBytes(value: unknown): number {
  try {
    return Math.max(1, 2 * (JSON.stringify(value)?.length ?? 0));
  } catch {
    return 1024;
  }
}

export type SharedReadCacheOptions = {
  /** How many keys (e.g. query strings) to keep; the least recently used go first. */
  maxEntries: number;
  /**
   * How much memory the values may take, estimated from their JSON size (decision 031): a
   * bound in entries alone lets a few large values (a 30-reply page of long posts) take
   * tens of MB. The least recently used go first. Default 8 MB.
   */
  maxBytes?: number;
  /** Named in the memory report (`npm run bench:memory`). */
  name?: string;
  /**
   * A last safety net, not the mechanism: even if a change notification were lost in a way
   * the connection did not notice, no entry outlives this.
   */
  maxAgeMs?: number;
};

export class SharedReadCache<V extends object> {
  readonly #entries: LRUCache<string, Entry<V>>;
  // Concurrent misses of one key share one read: after a change, ten requests for the list
  // cause one query, not ten.
  readonly #reading = new Map<string, { generation: number; value: Promise<V> }>();

  constructor(options: SharedReadCacheOptions) {
    this.#entries = new LRUCache({
      max: options.maxEntries,
      maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
      sizeCalculation: (entry) => estimateBytes(entry.value),
      ttl: options.maxAgeMs ?? 60_000,
    });
    if (options.name) {
      const entries = this.#entries;
      registerMemoryOwner(`${options.name} (shared page data)`, { bytes: () => entries.calculatedSize, entries: () => entries.size });
    }
  }

  /**
   * The value for `key`: from memory when it was read in the current generation, else from
   * `load()`. A value is kept only if no change was announced while it was being read, so a
   * read that overlapped a write is never kept as current. Callers must not mutate the value:
   * the next request gets the same object.
   */
  async read(key: string, load: () => Promise<V>): Promise<V> {
    const generation = contentGeneration();
    if (generation === null) return load();
    const entry = this.#entries.get(key);
    if (entry?.generation === generation) return entry.value;
    const pending = this.#reading.get(key);
    if (pending?.generation === generation) return pending.value;

    const value = load();
    this.#reading.set(key, { generation, value });
    try {
      const loaded = await value;
      if (contentGeneration() === generation) this.#entries.set(key, { generation, value: loaded });
      return loaded;
    } finally {
      if (this.#reading.get(key)?.value === value) this.#reading.delete(key);
    }
  }
}
