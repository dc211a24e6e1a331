// Which folders of app/ import which, read from the sources (type-only imports count: they are
// a dependency too), and the circles among them. tests/unit/domain-cycles.test.ts uses it.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Every .ts/.tsx file under app/ (generated code left out): path relative to the project → source. */
export function appSources(root = process.cwd()): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== "app/generated") walk(rel);
      } else if (/\.tsx?$/.test(entry.name)) out.set(rel, fs.readFileSync(path.join(root, rel), "utf8"));
    }
  };
  walk("app");
  return out;
}

/** app/dilemmas/x.ts → "dilemmas"; a file directly in app/ → null (the entry points). */
function folderOf(file: string): string | null {
  const parts = file.split("/");
  return parts.length > 2 ? parts[1]! : null;
}

/** Folder → the folders its files import. */
export function folderGraph(sources: Map<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, source] of sources) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      let target: string | null = null;
      if (fileName.startsWith("~/")) target = folderOf(`app/${fileName.slice(2)}`);
      else if (fileName.startsWith(".")) target = folderOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)));
      if (target && target !== from && target !== "generated") edges.add(target);
    }
  }
  return graph;
}

/** The groups of folders that import each other in a circle (Tarjan's strongly connected components). */
export function circles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}
