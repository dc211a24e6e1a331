// --profile=<scenario>: where the server's CPU goes during that scenario. The server runs with
// node --cpu-prof; only the samples taken during the measured run count (start-up and warm-up
// are cut off by time), summed per library and per function, in CPU ms per request.
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const BUCKETS: [string, RegExp][] = [
  ["React rendering (react-dom)", /node_modules\/(react-dom|react)\//],
  ["the app's components and loaders", /\/build\/server\//],
  ["React Router (routing, data encoding)", /node_modules\/(react-router|@react-router)\//],
  ["i18next, react-i18next", /node_modules\/(i18next|react-i18next)\//],
  ["compression (zlib)", /^node:zlib|node_modules\/compression\//],
  ["Prisma client", /node_modules\/(@prisma|\.prisma)\/|\/app\/generated\/|^wasm:/],
  ["pg driver", /node_modules\/(pg|pg-pool|pg-protocol|pg-types)\//],
  ["Express, helmet, pino", /node_modules\/(express|router|helmet|pino|pino-http|send|body-parser|finalhandler)\//],
  ["Node streams, http, net, web streams", /^node:/],
];

export function bucketOf(node: Pick<Node, "callFrame">): string {
  const { url, functionName } = node.callFrame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)") return "idle";
  if (!url) return "native (no JS frame)";
  return BUCKETS.find(([, re]) => re.test(url))?.[0] ?? "other";
}

/** The newest profile the server wrote into `dir`, cut to [from, to] (epoch ms; the process started at `spawnedAt`). */
export function summariseProfile(dir: string, spawnedAt: number, from: number, to: number, requests: number): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  // The main thread's profile is the big one (the loader thread of tsx writes a small one too).
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!file) return "(no profile written)";
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>(); // node → µs within the window
  let at = spawnedAt * 1000; // µs since the epoch, approximately (the profile starts with the process)
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from * 1000 && at <= to * 1000) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  const appInclusive = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const bucket = bucketOf(node);
    if (bucket === "idle") continue;
    total += us;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const name = `${node.callFrame.functionName || "(anonymous)"} ${shortUrl(node.callFrame.url)}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    // Inclusive time of the app's own functions (components, loaders): what each part of a page costs.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      if (!/\/build\/server\//.test(frame.url) || !frame.functionName) continue;
      if (!seen.has(frame.functionName)) appInclusive.set(frame.functionName, (appInclusive.get(frame.functionName) ?? 0) + us);
      seen.add(frame.functionName);
    }
  }
  const perRequest = (us: number) => `${(us / 1000 / requests).toFixed(2).padStart(6)} ms/req ${((100 * us) / total).toFixed(0).padStart(3)}%`;
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${perRequest(us)}  ${k}`);
  return [
    `Server main thread busy ${(total / 1000 / requests).toFixed(2)} ms per request during the measured run (${requests} requests; ` +
      "profiling adds overhead, and on a busy machine time the thread waited for a core counts too: read the shares)",
    "By library (self time):",
    ...top(buckets, 12),
    "Hottest functions (self time):",
    ...top(functions, 15),
    "The app's own functions (inclusive time: the function and everything it calls):",
    ...top(appInclusive, 15),
  ].join("\n");
}

function shortUrl(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes("/build/server/")) return "app";
  return url.replace(/^file:\/\//, "") || "(native)";
}
