// npm run bench:memory-map -- <pid> [<pid> …]
//
// Where a running process's resident memory lies, by kind of mapping (decision 036), from
// /proc/<pid>/smaps: V8's heap and other anonymous mappings, glibc malloc's main heap and its
// per-thread arenas (64 MB-aligned anonymous mappings of at most 64 MB), the node binary, and
// each shared library. With `process.memoryUsage()` (a server started with
// KK_MEMORY_REPORT_DIR writes it on SIGUSR2) this splits "RSS − V8 heap" into its owners.
import fs from "node:fs";

const ARENA_ALIGN = 64 * 1024 * 1024;

type Mapping = { start: bigint; end: bigint; name: string; rss: number };

function mappings(pid: string): Mapping[] {
  const out: Mapping[] = [];
  let current: Mapping | undefined;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = { start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), name: head[3] || "", rss: 0 };
      out.push(current);
    } else if (line.startsWith("Rss:") && current) {
      current.rss = Number(line.split(/\s+/)[1]) * 1024;
    }
  }
  return out;
}

function kindOf(m: Mapping): string {
  if (m.name === "[heap]") return "malloc: main heap";
  if (m.name === "") {
    const aligned = m.start % BigInt(ARENA_ALIGN) === 0n && m.end - m.start <= BigInt(ARENA_ALIGN);
    return aligned ? "malloc: thread arenas" : "anonymous: V8 heap, WebAssembly, other mmaps";
  }
  if (m.name.startsWith("[")) return m.name;
  if (m.name === process.execPath || m.name.endsWith("/bin/node")) return "node binary";
  return m.name.includes(".so") ? `library ${m.name.replace(/^.*\/node_modules\//, "")}` : `file ${m.name}`;
}

for (const pid of process.argv.slice(2)) {
  const byKind = new Map<string, number>();
  let total = 0;
  for (const m of mappings(pid)) {
    byKind.set(kindOf(m), (byKind.get(kindOf(m)) ?? 0) + m.rss);
    total += m.rss;
  }
  console.log(`\nprocess ${pid}: RSS ${(total / 1e6).toFixed(1)} MB\n\n| mapping | MB |\n|---|---|`);
  const rows = [...byKind].sort((a, b) => b[1] - a[1]);
  const small = rows.filter(([, bytes]) => bytes < 1e6).reduce((sum, [, bytes]) => sum + bytes, 0);
  for (const [kind, bytes] of rows.filter(([, b]) => b >= 1e6)) console.log(`| ${kind} | ${(bytes / 1e6).toFixed(1)} |`);
  console.log(`| everything under 1 MB | ${(small / 1e6).toFixed(1)} |`);
}
