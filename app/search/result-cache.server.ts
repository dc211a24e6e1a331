// Search's result cache (decision 052), like Elasticsearch's request cache: the same search
// asked again (a common word on the search page, the header's live count) is answered from
// memory while the index has not changed. Bounded in bytes (least recently used out first), and
// each entry lives ten minutes at most (relative periods such as "last 30 days" move on).
//
// Correctness rests on the key and on the index generation:
// - the key holds the compiled query (so a changed synonym group or competence name is a new
//   key), the filters, page, sort and options, and the viewer's visibility scope (searchScope:
//   a member's own hidden posts, staff's drafts never reach another viewer's entry);
// - every entry carries the generation it was computed under: a value in Postgres that every
//   statement writing the search index changes, in the writer's transaction (triggers on
//   SearchDocument and SearchText). A search reads it first from the same database it searches
//   (a replica's generation is that of the data it has), and an entry of another generation is
//   never served. Read before searching, it can only be older than what the search saw, never
//   newer: at worst a fresh result is kept under an old generation and not served again.
//
// What is not index data is not cached: authors' names and photos come from User on each
// answer (see search.server.ts).

const MAX_BYTES = 8 * 1024 * 1024;
/** An answer larger than this is not kept (it would push out many small ones). */
const MAX_ENTRY_BYTES = 256 * 1024;
const TTL_MS = 10 * 60_000;

type Entry<T> = { generation: string; value: T; bytes: number; at: number };

export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;
  /** Answers served from the cache since start (tests and the bench read it). */
  hits = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** The value stored under key, of whatever generation (to know what to read with the
   *  generation); serve it only after get() with the current generation. */
  peek(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && performance.now() - entry.at <= TTL_MS ? entry.value : undefined;
  }

  /** The value stored under key for this generation, or undefined (a stale one is dropped). */
  get(key: string, generation: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.generation !== generation || performance.now() - entry.at > TTL_MS) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last
    this.hits++;
    return entry.value;
  }

  set(key: string, generation: string, value: T, bytes: number): void {
    if (bytes > MAX_ENTRY_BYTES || bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { generation, value, bytes, at: performance.now() });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
