// The embedded Postgres' memory follows the machine (decision 031): a 1 GB server keeps room
// for Kenniskring itself, a large one gives Postgres a large cache, POSTGRES_MEMORY decides.
import { describe, expect, it } from "vitest";
import { memoryBasis, parseMemory, postgresFlags, postgresMemory } from "~/platform/postgres-memory.server";

const GB = 2 ** 30;
const on = (gb: number) => postgresMemory({ bytes: gb * GB, from: "machine" });

describe("embedded Postgres memory settings", () => {
  it("leave a small server room for the server processes", () => {
    expect(on(1)).toMatchObject({ sharedBuffersMb: 128, effectiveCacheSizeMb: 512, workMemMb: 16, maxConnections: 64 });
    expect(on(2)).toMatchObject({ sharedBuffersMb: 128, effectiveCacheSizeMb: 1024, workMemMb: 32, maxConnections: 64 });
  });

  it("give a larger machine an eighth of its memory, at most 1 GB", () => {
    expect(on(4)).toMatchObject({ sharedBuffersMb: 512, effectiveCacheSizeMb: 2048, workMemMb: 32, maxConnections: 100 });
    expect(on(24)).toMatchObject({ sharedBuffersMb: 1024, effectiveCacheSizeMb: 12288, workMemMb: 32 });
  });

  it("are passed to Postgres as settings", () => {
    expect(postgresFlags(on(1))).toEqual([
      "-c", "shared_buffers=128MB", "-c", "effective_cache_size=512MB", "-c", "work_mem=16MB", "-c", "max_connections=64",
    ]);
  });

  it("follow POSTGRES_MEMORY when set, and refuse a value they cannot read", () => {
    expect(memoryBasis("1GB")).toEqual({ bytes: GB, from: "POSTGRES_MEMORY" });
    expect(memoryBasis("768 MB").bytes).toBe(768 * 2 ** 20);
    expect(parseMemory("1.5g")).toBe(1.5 * GB);
    expect(parseMemory("veel")).toBeUndefined();
    expect(() => memoryBasis("veel")).toThrow(/POSTGRES_MEMORY/);
    expect(() => memoryBasis("100MB")).toThrow(/at least 256MB/);
  });

  it("plan for the machine, or a lower cgroup limit, when unset", () => {
    const basis = memoryBasis(undefined);
    expect(["machine", "cgroup limit"]).toContain(basis.from);
    expect(basis.bytes).toBeGreaterThan(0);
  });
});
