// npm run bench:allocations -- [--page=list|page20|page500] [--seconds=5] [--promoted]
//                               [--app=<git ref>] (that revision's build instead of the working tree)
//                               [--size=2000] (the data set; 20 000 by default)
//
// Which code allocates the garbage a page leaves behind, in KB per request. Garbage is what
// V8's young-generation collections copy, and each of those pauses every request in flight in
// that process (≈10 ms under load), so it is worth knowing beside the CPU profile (--profile).
// V8's sampling heap profiler, through the inspector, with the objects collected since counted
// too; --promoted counts only what survived a young collection (the objects that make the
// old generation grow and call for full collections).
//
// Unlike throughput, allocation per request is deterministic: the same page allocates the same,
// however busy the machine is. Runs one server process on bench_20000 (npm run bench makes it),
// or --size's.
import pg from "pg";
import { runLoad } from "./load";
import { prepareApp, prepareRefApp } from "./app-build";
import { ensureDataset, startBenchCluster } from "./generate";
import { bucketOf } from "./profile";
import { BROWSER_ENCODING, canonicalPath, createSessions } from "./scenarios";
import { freePort, startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const PAGES = ["list", "page20", "page500"] as const;
const PAGE = arg("page") ?? "list";
const SECONDS = Number(arg("seconds") ?? 5);
const PROMOTED_ONLY = process.argv.includes("--promoted");
const REF = arg("app");
const SIZE = Number(arg("size") ?? 20_000);

type Frame = { functionName: string; url: string; lineNumber: number };
type SampleNode = { callFrame: Frame; selfSize: number; children: SampleNode[] };

async function main() {
  if (!(PAGES as readonly string[]).includes(PAGE)) throw new Error(`--page=${PAGE}: one of ${PAGES.join(", ")}`);
  if (typeof WebSocket !== "function") throw new Error("run with node --experimental-websocket (npm run bench:allocations does)");
  const app = REF ? prepareRefApp(REF) : prepareApp();
  const cluster = await startBenchCluster();
  const ds = await ensureDataset(cluster.adminUrl, SIZE, false);
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  const inspectPort = await freePort();
  const server = await startServer(app.dir, ds.url, [`--inspect=127.0.0.1:${inspectPort}`], "1");
  try {
    const [session] = await createSessions(c, 1);
    const path = PAGE === "list" ? "/dilemmas" : await canonicalPath(server.origin, ds.meta.special[PAGE === "page20" ? "page20" : "page500"][0]!);
    const headers = { cookie: session!.cookie, "accept-encoding": BROWSER_ENCODING, accept: "text/html" };
    const load = (seconds: number) =>
      runLoad({ origin: server.origin, connections: 10, seconds, next: () => ({ method: "GET", path, headers }) });
    await load(15); // warm: JIT, heap sizing, prepared statements

    const inspector = await connectInspector(inspectPort);
    await inspector.send("HeapProfiler.enable");
    await inspector.send("HeapProfiler.startSampling", {
      samplingInterval: 8192,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !PROMOTED_ONLY,
    });
    const { requests } = await load(SECONDS);
    const { profile } = (await inspector.send("HeapProfiler.stopSampling")) as { profile: { head: SampleNode } };
    inspector.close();
    console.log(summarise(profile.head, requests, `${PROMOTED_ONLY ? "promoted" : "allocated"} on ${path}`));
  } finally {
    await server.stop();
    await c.end();
    await cluster.stop();
  }
}

async function connectInspector(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return {
    send: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        waiting.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

function summarise(head: SampleNode, requests: number, what: string): string {
  const byLibrary = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const walk = (node: SampleNode, onStack: Set<string>): number => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/build\/server\//, "app:")}:${lineNumber}`;
    total += node.selfSize;
    byLibrary.set(bucketOf(node), (byLibrary.get(bucketOf(node)) ?? 0) + node.selfSize);
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
    const inner = new Set(onStack).add(name);
    let size = node.selfSize;
    for (const child of node.children) size += walk(child, inner);
    if (!onStack.has(name) && url.includes("/build/server/")) inclusive.set(name, (inclusive.get(name) ?? 0) + size);
    return size;
  };
  walk(head, new Set());
  const kb = (bytes: number) => `${(bytes / requests / 1024).toFixed(0).padStart(6)} KB/req`;
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${kb(v)}  ${k}`);
  return [
    `${requests} requests; ${kb(total).trim()} ${what}`,
    "By library (self):",
    ...top(byLibrary, 12),
    "Allocating functions (self):",
    ...top(byFunction, 25),
    "The app's functions (inclusive):",
    ...top(inclusive, 15),
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
