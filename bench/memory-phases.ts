// npm run bench:memory-phases -- [--size=20000] [--load=healthz,list,page20,search] [--seconds=10]
//                                [--env="default|MALLOC_TRIM_THRESHOLD_=131072"] [--node="default|--max-semi-space-size=8"]
//                                [--rounds=1]
//
// What grows from rest to load, one kind of request at a time (decision 047): for each load
// kind and each variant (environment × Node flags), a fresh server process (WEB_CONCURRENCY=1)
// at rest, then only that request for --seconds (10 connections), then 5 s idle. After each
// step: RSS, V8's heap spaces and `external`/`arrayBuffers` (SIGUSR2 report), and RSS by kind
// of mapping from /proc/<pid>/smaps (V8's heap, malloc's main heap and thread arenas, other
// anonymous mappings); the peak RSS sampled every 250 ms during the load, and the req/s.
// Variants run interleaved (the order turned round each round), so the machine's noise hits
// each alike.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { prepareApp } from "./app-build";
import { BENCH_DATA_DIR, ensureDataset, startBenchCluster, type Dataset } from "./generate";
import { CpuMeter } from "./cpu";
import { runLoad } from "./load";
import { mb, RssSampler } from "./rss";
import { BROWSER_ENCODING, canonicalPath, createSessions, scenarios, type Scenario } from "./scenarios";
import { startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SIZE = Number(arg("size") ?? 20000);
const LOADS = (arg("load") ?? "healthz,list,page20,search").split(",");
const SECONDS = Number(arg("seconds") ?? 10);
const ROUNDS = Number(arg("rounds") ?? 1);
const ENVS = (arg("env") ?? "default").split("|");
const NODES = (arg("node") ?? "default").split("|");
const REPORT_DIR = path.join(BENCH_DATA_DIR, "memory");
const SEARCHES = ["bewoners", "moestuin", "huiswerkklas", "eenzaamheid ouderen"];

type Report = { usage: NodeJS.MemoryUsage; heapSpaces: Array<{ name: string; size: number; used: number; physical: number }> };
type Step = { step: string; rss: number; peak?: number; perSecond?: number; serverMs?: number; report?: Report; maps: Map<string, number>; load: string };
type Variant = { env: Record<string, string>; node: string[]; label: string };

const parseEnv = (v: string) => (v === "default" ? {} : Object.fromEntries(v.split("+").map((kv) => kv.split("=") as [string, string])));
const parseNode = (v: string) => (v === "default" ? [] : v.split("+"));

async function main() {
  console.log(`memory by phase: ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, bench_${SIZE}, ${SECONDS} s per load`);
  const app = prepareApp();
  if (app.stale) console.warn(`! ${app.stale}`);
  const variants: Variant[] = ENVS.flatMap((e) => NODES.map((n) => ({ env: parseEnv(e), node: parseNode(n), label: [e, n].filter((x) => x !== "default").join(" ") || "default" })));
  const cluster = await startBenchCluster();
  const rows: Array<{ variant: string; load: string; steps: Step[] }> = [];
  try {
    const ds = await ensureDataset(cluster.adminUrl, SIZE, false);
    for (let round = 0; round < ROUNDS; round++) {
      for (const load of LOADS) {
        for (const v of round % 2 ? [...variants].reverse() : variants) {
          rows.push({ variant: v.label, load, steps: await phases(app.dir, ds, load, v) });
          console.log(`  done: ${load}, ${v.label} (load average ${os.loadavg()[0]!.toFixed(2)})`);
        }
      }
    }
  } finally {
    await cluster.stop();
  }
  print(rows);
}

async function phases(appDir: string, ds: Dataset, load: string, v: Variant): Promise<Step[]> {
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  const server = await startServer(appDir, ds.url, v.node, "1", { ...v.env, KK_MEMORY_REPORT_DIR: REPORT_DIR });
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  try {
    const s = await scenarioOf(load, server.origin, ds, c);
    const pid = server.pid;
    const steps: Step[] = [];
    const look = async (step: string, extra: Partial<Step> = {}) =>
      steps.push({ step, rss: (await report(pid))?.usage.rss ?? 0, report: await report(pid), maps: mapKinds(pid), load: os.loadavg()[0]!.toFixed(2), ...extra });
    await new Promise((r) => setTimeout(r, 2000));
    await look("at rest");
    const sampler = new RssSampler(pid);
    const cpu = new CpuMeter(path.join(BENCH_DATA_DIR, "postgres"), pid);
    sampler.start();
    const before = cpu.snapshot();
    let n = 0;
    const result = await runLoad({ origin: server.origin, connections: 10, seconds: SECONDS, next: () => s.request(n++) });
    const serverMs = cpu.use(before, cpu.snapshot(), result.requests).serverMs;
    const peak = sampler.stop().perProcess.get(pid)?.peak;
    if (result.failures) console.warn(`  ! ${result.failures} requests failed under ${load}`);
    await look(`after ${load}`, { peak, perSecond: result.perSecond, serverMs });
    await new Promise((r) => setTimeout(r, 5000));
    await look("5 s later");
    return steps;
  } finally {
    await c.end();
    await server.stop();
  }
}

async function scenarioOf(key: string, origin: string, ds: Dataset, c: pg.Client): Promise<Scenario> {
  const cookies = (await createSessions(c, 20)).map((s) => s.cookie);
  const ids = [...ds.meta.special.page500, ...ds.meta.special.page20, ...ds.meta.special.post];
  const paths = new Map(await Promise.all(ids.map(async (id) => [id, await canonicalPath(origin, id)] as const)));
  const all = scenarios({
    origin,
    meta: ds.meta,
    cookies,
    paths,
    replyIds: new Map(),
    lastPageOf500: 1,
    competenceSlug: "x",
    runId: `p${Date.now().toString(36)}`,
    hasListRoute: true,
    encoding: BROWSER_ENCODING,
  });
  const list = all.find((x) => x.key === "list")!;
  if (key === "search") return { key, label: "search", request: (n) => ({ ...list.request(n), path: `/search?q=${encodeURIComponent(SEARCHES[n % SEARCHES.length]!)}` }) };
  const found = all.find((x) => x.key === key);
  if (!found) throw new Error(`no scenario ${key}`);
  return found;
}

async function report(pid: number): Promise<Report | undefined> {
  const file = path.join(REPORT_DIR, `memory-${pid}.json`);
  fs.rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Report) : undefined;
}

/** RSS by kind of mapping (as bench/memory-map.ts): malloc's main heap, its thread arenas (64 MB-aligned), other anonymous memory (V8's heap among it). */
function mapKinds(pid: number): Map<string, number> {
  const kinds = new Map<string, number>();
  let kind = "";
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const start = BigInt(`0x${head[1]}`);
      const end = BigInt(`0x${head[2]}`);
      const name = head[3] ?? "";
      const arena = start % BigInt(64 * 2 ** 20) === 0n && end - start <= BigInt(64 * 2 ** 20);
      kind = name === "[heap]" ? "malloc main" : name === "" ? (arena ? "malloc arenas" : "anon other") : "files";
    } else if (line.startsWith("Rss:")) {
      kinds.set(kind, (kinds.get(kind) ?? 0) + Number(line.split(/\s+/)[1]) * 1024);
    }
  }
  return kinds;
}

function print(rows: Array<{ variant: string; load: string; steps: Step[] }>) {
  console.log(`\n| load | variant | step | req/s | server CPU ms/req | RSS (peak) | heap total: new / old / code / large | heap used | external (arrayBuffers) | malloc main + arenas | anon other | files | load avg |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    for (const s of r.steps) {
      const sp = (name: string) => s.report?.heapSpaces.find((x) => x.name === name)?.size;
      const u = s.report?.usage;
      console.log(
        `| ${r.load} | ${r.variant} | ${s.step} | ${s.perSecond ? Math.round(s.perSecond) : ""} | ${s.serverMs?.toFixed(2) ?? ""} | ${mb(s.rss)}${s.peak ? ` (${mb(s.peak)})` : ""} | ` +
          `${mb(u?.heapTotal)}: ${mb(sp("new_space"))} / ${mb(sp("old_space"))} / ${mb(sp("code_space"))} / ${mb(sp("large_object_space"))} | ${mb(u?.heapUsed)} | ` +
          `${mb(u?.external)} (${mb(u?.arrayBuffers)}) | ${mb(s.maps.get("malloc main"))} + ${mb(s.maps.get("malloc arenas"))} | ${mb(s.maps.get("anon other"))} | ${mb(s.maps.get("files"))} | ${s.load} |`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`memory phases failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
