// Where one server process's memory goes, on request (decision 031; `npm run bench:memory`).
// Only when KK_MEMORY_REPORT_DIR is set: on SIGUSR2 the process writes
// `<dir>/memory-<pid>.json` with process.memoryUsage(), V8's heap spaces, and the sizes the
// big owners know of themselves (the Dutch lexicon, the shared page caches, the word cache).
// With KK_MEMORY_REPORT_SNAPSHOT=1 it also writes a heap snapshot beside it (seconds, and as
// much memory again while it runs: for measuring, never in production).
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { memoryOwners } from "~/platform/memory-owners.server";

export function installMemoryReport(role: string): void {
  const dir = process.env.KK_MEMORY_REPORT_DIR;
  if (!dir) return;
  process.on("SIGUSR2", () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `memory-${process.pid}.json`);
    const snapshot =
      process.env.KK_MEMORY_REPORT_SNAPSHOT === "1" ? v8.writeHeapSnapshot(path.join(dir, `heap-${process.pid}.heapsnapshot`)) : undefined;
    const report = {
      pid: process.pid,
      role,
      at: new Date().toISOString(),
      usage: process.memoryUsage(),
      heapSpaces: v8.getHeapSpaceStatistics().map((s) => ({
        name: s.space_name,
        size: s.space_size,
        used: s.space_used_size,
        physical: s.physical_space_size,
      })),
      heap: v8.getHeapStatistics(),
      owners: memoryOwners(),
      snapshot,
    };
    // Written whole, then renamed: the bench reads the file as soon as it appears.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  });
}
