// The embedded Postgres' memory settings, from the memory it may plan for (decision 031).
// Postgres' stock settings (128 MB of shared buffers, 4 MB per sort) date from small machines,
// but a fixed 1 GB of shared buffers leaves a 1–2 GB server no room for Kenniskring itself.
// So they follow the machine: its memory, or the cgroup limit it runs under (a container,
// systemd's MemoryMax), or POSTGRES_MEMORY when set. A managed server keeps its own settings.
import os from "node:os";

export type PostgresMemory = {
  /** What the settings were derived from. */
  basis: { bytes: number; from: "POSTGRES_MEMORY" | "cgroup limit" | "machine" };
  sharedBuffersMb: number;
  effectiveCacheSizeMb: number;
  workMemMb: number;
  maxConnections: number;
};

const MB = 2 ** 20;
const GB = 2 ** 30;

/** "1GB", "512MB", "1.5 GB", or a number of MB; undefined when unreadable. */
export function parseMemory(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|g|mb|m)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(/^g/i.test(m[2] ?? "") ? n * GB : n * MB);
}

/** The memory to plan for: POSTGRES_MEMORY, else the cgroup limit when lower than the machine's. */
export function memoryBasis(setting = process.env.POSTGRES_MEMORY): PostgresMemory["basis"] {
  if (setting) {
    const bytes = parseMemory(setting);
    if (!bytes || bytes < 256 * MB) throw new Error(`POSTGRES_MEMORY must be a size of at least 256MB, e.g. 1GB or 512MB (got "${setting}")`);
    return { bytes, from: "POSTGRES_MEMORY" };
  }
  const machine = os.totalmem();
  // Node's view of the cgroup limit (memory.max); 0 or absurd values mean none.
  const limit = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : 0;
  if (limit && limit > 0 && limit < machine) return { bytes: limit, from: "cgroup limit" };
  return { bytes: machine, from: "machine" };
}

/**
 * On 1–2 GB Postgres shares the machine with the server processes: 128 MB of shared buffers
 * (its stock value) and fewer connections. Above that an eighth of the memory, at most 1 GB,
 * keeps the search index and the hot tables in Postgres' own cache (decision 005). The planner
 * may count on half the memory being cache (the OS's and Postgres'); a sort or hash may use
 * 1/64 of it, 4–32 MB (searches sort their matches).
 */
export function postgresMemory(basis = memoryBasis()): PostgresMemory {
  const total = basis.bytes;
  const sharedBuffersMb = total <= 2 * GB ? 128 : Math.min(1024, Math.floor(total / 8 / MB));
  return {
    basis,
    sharedBuffersMb,
    effectiveCacheSizeMb: Math.max(sharedBuffersMb, Math.floor(total / 2 / MB)),
    workMemMb: Math.max(4, Math.min(32, Math.floor(total / 64 / MB))),
    // Each server process opens up to ≈20 (its pool of DATABASE_POOL_SIZE, jobs, limits, two
    // listeners); WEB_CONCURRENCY=2 and a command fit in 64.
    maxConnections: total < 4 * GB ? 64 : 100,
  };
}

export function postgresFlags(m: PostgresMemory): string[] {
  return [
    "-c",
    `shared_buffers=${m.sharedBuffersMb}MB`,
    "-c",
    `effective_cache_size=${m.effectiveCacheSizeMb}MB`,
    "-c",
    `work_mem=${m.workMemMb}MB`,
    "-c",
    `max_connections=${m.maxConnections}`,
  ];
}
