// A V8 heap snapshot (.heapsnapshot) summed up for a person: self sizes by node type, and the
// largest constructors and strings' share (bench/memory.ts --snapshot). Self sizes, not
// retained ones: enough to see which kind of object fills the heap.
import fs from "node:fs";

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

export function summariseHeapSnapshot(file: string, top = 15): string {
  const snap = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const byType = new Map<string, { count: number; bytes: number }>();
  const byName = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const size = snap.nodes[i + sizeAt]!;
    total += size;
    const t = byType.get(type) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += size;
    byType.set(type, t);
    if (type === "object" || type === "closure" || type === "native") {
      const name = `${type === "object" ? "" : `(${type}) `}${snap.strings[snap.nodes[i + nameAt]!]}`.slice(0, 60);
      const n = byName.get(name) ?? { count: 0, bytes: 0 };
      n.count++;
      n.bytes += size;
      byName.set(name, n);
    }
  }
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  const rows = (m: Map<string, { count: number; bytes: number }>, limit: number) =>
    [...m]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, limit)
      .map(([k, v]) => `| ${k.replace(/\|/g, "\\|")} | ${v.count} | ${mb(v.bytes)} |`)
      .join("\n");
  return (
    `Total self size ${mb(total)} MB.\n\n| node type | count | MB |\n|---|---|---|\n${rows(byType, 20)}\n\n` +
    `| constructor | count | MB |\n|---|---|---|\n${rows(byName, top)}`
  );
}
