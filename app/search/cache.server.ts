// Small per-process caches of what every search needs and what rarely changes (synonym groups,
// competence names, the vocabulary). Several server processes share one database, so a change
// made through another process shows here after at most `ttlMs`; a change made through this
// process calls invalidate() and shows at once.

export type Cached<T> = {
  get(): Promise<T>;
  /** The value if loaded (fresh or not), without loading it. */
  peek(): T | undefined;
  invalidate(): void;
};

export function cached<T>(load: () => Promise<T>, ttlMs: number): Cached<T> {
  let value: { data: T; at: number } | undefined;
  let pending: Promise<T> | undefined;
  let generation = 0;
  return {
    async get() {
      if (value && performance.now() - value.at < ttlMs) return value.data;
      if (!pending) {
        const mine = generation;
        pending = load()
          .then((data) => {
            if (mine === generation) value = { data, at: performance.now() };
            return data;
          })
          .finally(() => {
            pending = undefined;
          });
      }
      return pending;
    },
    peek() {
      return value?.data;
    },
    invalidate() {
      generation++;
      value = undefined;
      pending = undefined;
    },
  };
}
