// npm run bench:memory -- [--size=2000] [--processes=1] [--semi=16,32,64] [--seconds=8] [--rounds=1] [--snapshot]
//                         [--env="default|MALLOC_MMAP_THRESHOLD_=32768"]  (environments to measure side by side,
//                         `|` between variants, `+` between settings of one; "default": the server's own)
//                         [--compare=main]  (that revision's build too, at --ref-semi, default 64: before/after in one run)
//
// Where one server process's memory goes (decision 031), at rest and under the bench's page
// load (list and 20-reply page, 10 connections), for each young-generation size asked
// (--max-semi-space-size, MB; rounds interleaved, order turned round each round, so the
// machine's noise hits every setting alike). Per server process: resident memory at rest and
// under load (sampled from /proc every 250 ms), V8's heap by space, what the big owners count
// of themselves (the Dutch lexicon, the shared page caches, the word cache), outside the heap;
// and the pages' req/s and server CPU per request, so memory and speed are read together.
// --snapshot also writes a heap snapshot of each process under load and sums it by type and
// constructor (.data/bench/memory/).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { prepareApp, prepareRefApp } from "./app-build";
import { CpuMeter } from "./cpu";
import { BENCH_DATA_DIR, ensureDataset, startBenchCluster, type Dataset } from "./generate";
import { runLoad } from "./load";
import { mb, postgresPss, pssOf, RssSampler } from "./rss";
import { BROWSER_ENCODING, canonicalPath, createSessions, scenarios, type Scenario } from "./scenarios";
import { startServer, type RunningServer } from "./server";
import { summariseHeapSnapshot } from "./heap-snapshot";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SIZE = Number(arg("size") ?? 2000);
const PROCESSES = arg("processes") ?? "1";
const SEMIS = (arg("semi") ?? "16,32,64").split(",").map(Number);
const SECONDS = Number(arg("seconds") ?? 8);
const ROUNDS = Number(arg("rounds") ?? 1);
const SNAPSHOT = process.argv.includes("--snapshot");
const COMPARE = arg("compare");
const REF_SEMI = Number(arg("ref-semi") ?? 64);
/** Environment variants beside the server's own (SERVER_ENV): malloc's settings, measured in one run (decision 040). */
const ENVS: Array<Record<string, string>> = (arg("env") ?? "default")
  .split("|")
  .map((v) => (v === "default" ? {} : Object.fromEntries(v.split("+").map((kv) => kv.split("=") as [string, string]))));
const envLabel = (env: Record<string, string>) => Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ");
const REPORT_DIR = path.join(BENCH_DATA_DIR, "memory");
const loadAverage = () => os.loadavg()[0]!.toFixed(2);

type Report = {
  pid: number;
  role: string;
  usage: NodeJS.MemoryUsage;
  heapSpaces: Array<{ name: string; size: number; used: number; physical: number }>;
  owners: Array<{ name: string; bytes: number; entries?: number; outsideHeap: boolean }>;
  snapshot?: string;
};

type Variant = { label: string; dir: string; semi: number; env: Record<string, string> };
type Measured = {
  semi: number;
  label: string;
  readyMs: number;
  rest: Map<number, number>;
  restReports: Report[];
  loadReports: Report[];
  load: { perProcess: Map<number, { peak: number; mean: number }>; peakTotal: number };
  pages: Array<{ key: string; perSecond: number; p99: number; serverMs: number; load: string }>;
  /** PSS (shared pages counted once) of the server's processes and of Postgres, at rest and just after the load. */
  pss: { serverRest?: number; postgresRest?: number; serverLoad?: number; postgresLoad?: number };
};
const PGDATA = path.join(BENCH_DATA_DIR, "postgres");
const pssOfServer = (pids: number[]) => pids.map(pssOf).reduce<number>((a, b) => a + (b ?? 0), 0);

async function main() {
  console.log(
    `Kenniskring memory bench: ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, ` +
      `bench_${SIZE}, WEB_CONCURRENCY=${PROCESSES}, semi-space ${SEMIS.join("/")} MB, ${SECONDS} s per page, ${ROUNDS} round(s)`,
  );
  const app = prepareApp();
  if (app.stale) console.warn(`! ${app.stale}`);
  const variants: Variant[] = SEMIS.flatMap((semi) =>
    ENVS.map((env) => ({ label: Object.keys(env).length ? `this tree, ${envLabel(env)}` : "this tree", dir: app.dir, semi, env })),
  );
  if (COMPARE) {
    const ref = prepareRefApp(COMPARE);
    variants.unshift({ label: `${COMPARE} (${ref.commit.slice(0, 8)})`, dir: ref.dir, semi: REF_SEMI, env: {} });
  }
  const cluster = await startBenchCluster();
  const results: Measured[] = [];
  try {
    const ds = await ensureDataset(cluster.adminUrl, SIZE, false);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...variants].reverse() : variants;
      for (const v of order) results.push(await measure(v, ds));
    }
  } finally {
    await cluster.stop();
  }
  print(results);
}

async function measure({ label, dir: appDir, semi, env }: Variant, ds: Dataset): Promise<Measured> {
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  const server = await startServer(appDir, ds.url, [`--max-semi-space-size=${semi}`], PROCESSES, {
    ...env,
    KK_MEMORY_REPORT_DIR: REPORT_DIR,
    ...(SNAPSHOT ? { KK_MEMORY_REPORT_SNAPSHOT: "1" } : {}),
  });
  // An older build has no memory report; SIGUSR2 would end it (the signal's default action).
  const reportable = fs.existsSync(path.join(appDir, "server", "memory-report.ts"));
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  try {
    const chosen = await pagesOf(server, ds, c);
    const sampler = new RssSampler(server.pid);
    await new Promise((r) => setTimeout(r, 2000));
    const rest = sampler.now();
    const pss: Measured["pss"] = { serverRest: pssOfServer(sampler.pids), postgresRest: postgresPss(PGDATA) };
    // The report at rest without the snapshot: a snapshot leaves its own garbage behind.
    const restReports = reportable ? await reports(sampler.pids, false) : [];
    const requests = chosen.map((s) => {
      let n = 0;
      return () => s.request(n++);
    });
    let k = 0;
    await runLoad({ origin: server.origin, connections: 10, seconds: 10, next: () => requests[k++ % requests.length]!() });
    const cpu = new CpuMeter(path.join(BENCH_DATA_DIR, "postgres"), server.pid);
    sampler.start();
    const pages: Measured["pages"] = [];
    for (const [i, s] of chosen.entries()) {
      const before = cpu.snapshot();
      const load = await runLoad({ origin: server.origin, connections: 10, seconds: SECONDS, next: requests[i]! });
      const use = cpu.use(before, cpu.snapshot(), load.requests);
      pages.push({ key: s.key, perSecond: load.perSecond, p99: load.p99, serverMs: use.serverMs, load: loadAverage() });
    }
    // Under load: asked while the last page's load still runs, so the young generation is full.
    const during = runLoad({ origin: server.origin, connections: 10, seconds: 3, next: requests[0]! });
    await new Promise((r) => setTimeout(r, 1500));
    pss.serverLoad = pssOfServer(sampler.pids);
    pss.postgresLoad = postgresPss(PGDATA);
    const loadReports = reportable ? await reports(sampler.pids, SNAPSHOT) : [];
    await during;
    const loadFigures = sampler.stop();
    console.log(`  measured ${label}, semi-space ${semi} MB (load average ${loadAverage()})`);
    return { pss, semi, label, readyMs: server.readyMs, rest, restReports, loadReports, load: loadFigures, pages };
  } finally {
    await c.end();
    await server.stop();
  }
}

/** The list and the 20-reply page, as the main bench asks them. */
async function pagesOf(server: RunningServer, ds: Dataset, c: pg.Client): Promise<Scenario[]> {
  const cookies = (await createSessions(c, 20)).map((s) => s.cookie);
  const ids = [...ds.meta.special.page500, ...ds.meta.special.page20, ...ds.meta.special.post];
  const paths = new Map(await Promise.all(ids.map(async (id) => [id, await canonicalPath(server.origin, id)] as const)));
  const all = scenarios({
    origin: server.origin,
    meta: ds.meta,
    cookies,
    paths,
    replyIds: new Map(),
    lastPageOf500: 1,
    competenceSlug: "x",
    runId: `m${Date.now().toString(36)}`,
    hasListRoute: true,
    encoding: BROWSER_ENCODING,
  });
  return all.filter((s) => s.key === "list" || s.key === "page20");
}

/** Asks each process for its memory report (SIGUSR2) and waits for the files. */
async function reports(pids: number[], snapshot: boolean): Promise<Report[]> {
  const out: Report[] = [];
  for (const pid of pids) {
    const file = path.join(REPORT_DIR, `memory-${pid}.json`);
    fs.rmSync(file, { force: true });
    process.kill(pid, "SIGUSR2");
    const deadline = Date.now() + (snapshot ? 120_000 : 10_000);
    while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!fs.existsSync(file)) continue;
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
    out.push(report);
  }
  return out;
}

function print(results: Measured[]) {
  const MB = (b: number | undefined) => mb(b);
  console.log(`\n## Per server process (MB; RSS from /proc, the rest from process.memoryUsage and v8.getHeapSpaceStatistics)\n`);
  console.log(
    `| build, semi-space | process | ready s | RSS at rest | RSS under load: peak / mean | heap used at rest / under load | young generation under load (new space) | old space used under load | code space | outside the heap (external) under load | RSS − V8 heap under load |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    for (const [pid, rest] of r.rest) {
      const atRest = r.restReports.find((x) => x.pid === pid);
      const underLoad = r.loadReports.find((x) => x.pid === pid);
      const l = r.load.perProcess.get(pid);
      const space = (rep: Report | undefined, name: string) => rep?.heapSpaces.find((s) => s.name === name);
      const role = underLoad?.role ?? atRest?.role ?? "?";
      const idle = role === "primary" && r.rest.size > 1; // the primary of several processes serves no pages
      console.log(
        `| ${r.label}, ${r.semi} MB | ${role}${idle ? " (no pages)" : ""} | ${(r.readyMs / 1000).toFixed(1)} | ${MB(rest)} | ${MB(l?.peak)} / ${MB(l?.mean)} | ` +
          `${MB(atRest?.usage.heapUsed)} / ${MB(underLoad?.usage.heapUsed)} | ${MB(space(underLoad, "new_space")?.size)} | ` +
          `${MB(space(underLoad, "old_space")?.used)} | ${MB(space(underLoad, "code_space")?.size)} | ${MB(underLoad?.usage.external)} | ` +
          `${underLoad ? MB(underLoad.usage.rss - underLoad.usage.heapTotal) : "–"} |`,
      );
    }
    if (r.rest.size > 1) console.log(`| ${r.label}, ${r.semi} MB | all processes | | ${MB([...r.rest.values()].reduce((a, b) => a + b, 0))} | ${MB(r.load.peakTotal)} (peak of the sum) | | | | | | |`);
  }
  console.log(`\n## Pages under that load (10 connections; server CPU per request; load average beside each)\n`);
  console.log(`| build, semi-space | page | req/s | p99 ms | server CPU ms/req | load average |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const r of results) {
    for (const p of r.pages) console.log(`| ${r.label}, ${r.semi} MB | ${p.key} | ${Math.round(p.perSecond)} | ${p.p99.toFixed(1)} | ${p.serverMs.toFixed(2)} | ${p.load} |`);
  }
  console.log(`\n## Server and Postgres together (PSS: shared memory counted once; MB)\n`);
  console.log(`| build, semi-space | server at rest | Postgres at rest | both at rest | server after load | Postgres after load | both after load |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const r of results) {
    const both = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a + b);
    console.log(
      `| ${r.label}, ${r.semi} MB | ${MB(r.pss.serverRest)} | ${MB(r.pss.postgresRest)} | ${MB(both(r.pss.serverRest, r.pss.postgresRest))} | ` +
        `${MB(r.pss.serverLoad)} | ${MB(r.pss.postgresLoad)} | ${MB(both(r.pss.serverLoad, r.pss.postgresLoad))} |`,
    );
  }
  const last = results.at(-1);
  const owners = [...(last?.loadReports ?? [])].filter((r) => r.owners.length);
  if (owners.length) {
    console.log(`\n## What the owners count of themselves, under load (${last!.label}, semi-space ${last!.semi} MB)\n`);
    console.log(`| process | owner | MB | entries | where |`);
    console.log(`|---|---|---|---|---|`);
    for (const rep of owners) {
      for (const o of rep.owners) {
        console.log(`| ${rep.role} ${rep.pid} | ${o.name} | ${(o.bytes / 2 ** 20).toFixed(1)} | ${o.entries ?? ""} | ${o.outsideHeap ? "outside the heap" : "V8 heap"} |`);
      }
    }
  }
  for (const rep of results.flatMap((r) => r.loadReports).filter((r) => r.snapshot)) {
    console.log(`\n## Heap snapshot of ${rep.role} ${rep.pid} under load (${path.relative(process.cwd(), rep.snapshot!)})\n`);
    console.log(summariseHeapSnapshot(rep.snapshot!));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`memory bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
