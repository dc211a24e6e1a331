// npm run bench -- --only=mail: invitations delivered by mail, with the list page's p99 (bench/mail.ts).
// npm run bench -- --only=search-scale: the relevance suite alone and inside bench_20000, recall@5 and latency (bench/search-scale.ts).
// npm run bench -- --only=digest: the daily digest for 10 000 members and a 100-reply burst (bench/digest.ts).
// npm run bench [-- --fresh] [--seconds=10] [--only=20000|search|privacy] [--connections=10] [--profile=page20]
//                 [--encoding=identity|gzip|br] [--no-search] [--reindex] [--rounds=5]
//                 [--processes=auto|N]  (WEB_CONCURRENCY of the server under test; auto = one per core)
//                 [--scenarios=post,page20]  (only these scenarios' statements and load; keys in scenarios.ts)
//                 [--compare=main[,ref]]  (a paired A/B of builds instead: bench/compare.ts)
// npm run bench -- --only=footprint [--before=main|DIR] [--size=20000] [--starts=3]: memory, start-up and
//                 pages of one process and of two, for another build and this tree in one run (decision 042).
//
// Generates (or reuses) the data sets, then for each: counts and EXPLAINs the statements of
// every page through a spy on the wire, and loads the real production server with autocannon
// on loopback. Prints p50/p99/req/s per scenario and data set, the targets with
// PASS/FAIL, and whether cost grows from 2 000 to 20 000 dilemmas. --profile=<scenario> also
// says where the server's CPU goes in that scenario (largest data set). Exits 1 when a target
// fails or any request failed. Full plans: .data/bench/last-run.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { prepareApp, prepareRefApp } from "./app-build";
import { compareBuilds } from "./compare";
import { CpuMeter } from "./cpu";
import { explainAll } from "./explain";
import { BENCH_DATA_DIR, DATASET_SIZES, ensureDataset, removeBenchPosts, startBenchCluster, type Dataset } from "./generate";
import { runLoad } from "./load";
import { runMailBench } from "./mail";
import { runDigestBench } from "./digest";
import { QuerySpy, type Statement } from "./pg-spy";
import { summariseProfile } from "./profile";
import { report, measured, type DatasetResult, type MachineFigures, type ScenarioResult } from "./report";
import { BROWSER_ENCODING, canonicalPath, createSessions, scenarios, type Scenario } from "./scenarios";
import { PROCESSES, startServer, serverLog, type RunningServer } from "./server";
import { RssSampler } from "./rss";
import { footprintReport, measureFootprint, type Footprint } from "./footprint";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const SECONDS = Number(arg("seconds") ?? 10);
const CONNECTIONS = Number(arg("connections") ?? 10);
const PROFILE = arg("profile");
const ENCODING = arg("encoding") ?? BROWSER_ENCODING;
const WARMUP_SECONDS = 2;
/**
 * A freshly started server is not yet the one production runs: V8 is still compiling the hot
 * paths and sizing its heap, and every pooled connection still has to prepare its statements.
 * Measured on the list, throughput climbs for about 20 s (245 → 360 req/s) and then holds.
 * So each server first gets this long a mix of every reading scenario, then the per-scenario
 * warm-up below.
 */
const SERVER_WARMUP_SECONDS = 20;
/** Only these scenarios (keys), to measure one change quickly; all by default. */
const ONLY_SCENARIOS = arg("scenarios")?.split(",");
/**
 * --only=small-server: the 1 GB proof (decision 040). One server process with the heap V8 gives
 * a 1 GB machine, against Postgres started with the settings it takes on 1 GB
 * (POSTGRES_MEMORY=1GB), on the largest data set; PSS of both summed under the page load.
 */
const SMALL_SERVER = arg("only") === "small-server";
/**
 * --only=footprint: only the footprint tables (one process, two), each server started --starts
 * times (start-up's median); with --before=<git ref or built app directory> that build is
 * measured in the same run, the order of the two turned round between one process and two.
 */
const FOOTPRINT_ONLY = arg("only") === "footprint";
/** Node's heap limit on a 1 GB machine: V8 sizes the old generation at a quarter of the memory. */
const SMALL_SERVER_NODE_ARGS = ["--max-old-space-size=256"];
const SIZES = SMALL_SERVER || FOOTPRINT_ONLY
  ? [Number(arg("size") ?? DATASET_SIZES.at(-1))]
  : arg("only") && !["search", "privacy", "digest"].includes(arg("only")!)
    ? [Number(arg("only"))]
    : [...DATASET_SIZES];
/** Footprints (one process, then two) measured on the largest data set; printed after the report. */
const footprints: Array<{ footprint: Footprint; small: boolean }> = [];
const started = Date.now();

function phase(what: string) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${what}`);
}

async function main(): Promise<number> {
  if (arg("only") === "mail") return runMailBench();
  if (arg("only") === "digest") return runDigestBench(); // issue 20: digest for 10 000, reply burst (bench/digest.ts)
  console.log(
    `Kenniskring bench: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}, ${CONNECTIONS} connections, ${SECONDS} s per scenario, ` +
      `server processes: WEB_CONCURRENCY=${PROCESSES}`,
  );
  phase("app snapshot: building if sources changed");
  const app = prepareApp();
  if (app.stale) console.warn(`         ! ${app.stale.replace(/\n/g, "\n         ! ")}`);
  phase(
    app.built
      ? "app snapshot built"
      : `${app.stale ? "measuring the last good snapshot" : "app snapshot is current"}, built ${app.builtAt.toISOString().slice(0, 19)}`,
  );
  if (SMALL_SERVER) process.env.POSTGRES_MEMORY = "1GB"; // the embedded Postgres' own choice on a 1 GB server
  const cluster = await startBenchCluster();
  if (SMALL_SERVER) await checkSmallPostgres(cluster.adminUrl);
  const results: DatasetResult[] = [];
  try {
    const datasets: Dataset[] = [];
    for (const size of SIZES) {
      phase(`data set bench_${size}`);
      const ds = await ensureDataset(cluster.adminUrl, size, process.argv.includes("--fresh"));
      console.log(
        `         ${ds.reused ? "reused" : "generated"}: ${ds.meta.dilemmas} dilemmas, ${ds.meta.replies} replies` +
          ` (generation took ${ds.meta.generatedSeconds.toFixed(1)} s, ${ds.meta.generatedAt.slice(0, 16)})`,
      );
      datasets.push(ds);
    }
    if (SMALL_SERVER) return await smallServer(app.dir, datasets[0]!);
    if (FOOTPRINT_ONLY) return await footprintBeforeAfter(app.dir, datasets[0]!);
    for (const ds of datasets) results.push(await measureDataset(app.dir, ds, ds === datasets.at(-1)));
  } finally {
    await cluster.stop();
  }
  const text = report(results, { connections: CONNECTIONS, seconds: SECONDS, encoding: ENCODING, appBuiltAt: app.builtAt, stale: Boolean(app.stale), processes: PROCESSES });
  console.log(text.console);
  const printed = footprints.map(({ footprint, small }) => footprintReport(footprint, small));
  if (printed.length) {
    const section = `\nMemory and speed of one server process and of two (WEB_CONCURRENCY=2), each from one run:\n\n${printed.map((p) => p.text).join("\n\n")}\n`;
    console.log(section);
    text.markdown += `\n## Memory and speed per server process\n\n\`\`\`${section}\`\`\`\n`;
  }
  const file = path.join(BENCH_DATA_DIR, "last-run.md");
  fs.writeFileSync(file, text.markdown);
  phase(`done; statements and full plans in ${path.relative(process.cwd(), file)}`);
  return text.failed || printed.some((p) => p.failed) ? 1 : 0;
}

/** --only=small-server: one process and Postgres, both sized for 1 GB, under the page load. */
async function smallServer(appDir: string, ds: Dataset): Promise<number> {
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  try {
    const footprint = await footprintOf(appDir, ds, c, "small server (1 GB)", "1", SMALL_SERVER_NODE_ARGS);
    const { text, failed } = footprintReport(footprint, true);
    console.log(`\nThe 1 GB server: one process with Node's heap limit for 1 GB, Postgres with its 1 GB settings; PSS counts shared pages once.\n\n${text}\n`);
    console.log(failed ? "RESULT: FAIL (see the verdicts above)" : "RESULT: PASS");
    return failed ? 1 : 0;
  } finally {
    await c.end();
  }
}

/** --only=footprint: one process and two, for the --before build and this tree, in one run. */
async function footprintBeforeAfter(appDir: string, ds: Dataset): Promise<number> {
  const before = arg("before");
  const builds: Array<{ label: string; dir: string }> = [];
  if (before) {
    if (fs.existsSync(path.join(before, "build", "server", "index.js"))) builds.push({ label: `before (${before})`, dir: path.resolve(before) });
    else {
      phase(`snapshot of ${before}`);
      const ref = prepareRefApp(before);
      builds.push({ label: `before (${before} ${ref.commit.slice(0, 7)})`, dir: ref.dir });
    }
  }
  builds.push({ label: "this tree", dir: appDir });
  const starts = Number(arg("starts") ?? 3);
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  try {
    for (const processes of ["1", "2"]) {
      // Before first with one process, after first with two: the machine's drift hits both alike.
      const order = processes === "1" ? builds : [...builds].reverse();
      for (const b of order) {
        const label = `${b.label}: ${processes === "1" ? "one process" : "two processes"}`;
        footprints.push({ footprint: await footprintOf(b.dir, ds, c, label, processes, [], starts - 1), small: false });
      }
    }
  } finally {
    await c.end();
  }
  const printed = footprints.map(({ footprint }) => footprintReport(footprint));
  const section = `\nMemory, start-up and speed, ${builds.map((b) => b.label).join(" and ")}, from one run:\n\n${printed.map((p) => p.text).join("\n\n")}\n`;
  console.log(section);
  fs.writeFileSync(path.join(BENCH_DATA_DIR, "last-footprint.md"), `\`\`\`${section}\`\`\`\n`);
  return printed.some((p) => p.failed) ? 1 : 0;
}

/** Postgres must run with its 1 GB settings: a bench Postgres left running with others is refused. */
async function checkSmallPostgres(adminUrl: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; setting: string; shown: string }>(
      `SELECT name, setting, current_setting(name) AS shown FROM pg_settings
        WHERE name IN ('shared_buffers', 'work_mem', 'max_connections', 'effective_cache_size') ORDER BY name`,
    );
    const shown = rows.map((r) => `${r.name}=${r.shown}`).join(", ");
    console.log(`         Postgres for a 1 GB server: ${shown}`);
    const buffers = rows.find((r) => r.name === "shared_buffers");
    if (!buffers || Number(buffers.setting) * 8192 > 128 * 2 ** 20)
      throw new Error(`the bench Postgres runs with larger settings (${shown}): stop it (another bench run?) and run again`);
  } finally {
    await c.end();
  }
}

async function footprintOf(
  appDir: string,
  ds: Dataset,
  c: pg.Client,
  label: string,
  processes: string,
  nodeArgs: string[] = [],
  extraStarts = 0,
): Promise<Footprint> {
  const cookies = (await createSessions(c, 50)).map((s) => s.cookie);
  const facts = await datasetFacts(c, ds);
  const scenariosFor = async (server: RunningServer, tag: string) => {
    const ids = [...ds.meta.special.page500, ...ds.meta.special.page20, ...ds.meta.special.post];
    const paths = new Map(await Promise.all(ids.map(async (id) => [id, await canonicalPath(server.origin, id)] as const)));
    return scenarios({ ...facts, origin: server.origin, meta: ds.meta, cookies, paths, lastPageOf500: 1, runId: Date.now().toString(36) + tag, hasListRoute: true, encoding: ENCODING });
  };
  phase(`bench_${ds.meta.dilemmas}: ${label} (WEB_CONCURRENCY=${processes}): start-up, at rest, baseline, list, 20-reply page, search`);
  return measureFootprint(appDir, ds, scenariosFor, {
    label,
    processes,
    seconds: SECONDS,
    connections: CONNECTIONS,
    nodeArgs,
    pgdata: path.join(BENCH_DATA_DIR, "postgres"),
    extraStarts,
  });
}

async function measureDataset(appDir: string, ds: Dataset, profileHere: boolean): Promise<DatasetResult> {
  const size = ds.meta.dilemmas;
  const c = new pg.Client({ connectionString: ds.url });
  await c.connect();
  try {
    await removeBenchPosts(c, ds.meta.special.post);
    const cookies = (await createSessions(c, 50)).map((s) => s.cookie);
    const facts = await datasetFacts(c, ds);
    const runId = Date.now().toString(36);
    // Scenarios name the server's origin (a post's Origin header must match its host).
    const scenariosFor = async (server: RunningServer, tag: string) => {
      const ids = [...ds.meta.special.page500, ...ds.meta.special.page20, ...ds.meta.special.post];
      const paths = new Map(await Promise.all(ids.map(async (id) => [id, await canonicalPath(server.origin, id)] as const)));
      const lastPage = await lastPageOf(server.origin, paths.get(ds.meta.special.page500[0]!)!, cookies[0]!);
      const hasListRoute = (await fetch(`${server.origin}/dilemmas`, { headers: { cookie: cookies[0]! } })).status === 200;
      return scenarios({ ...facts, origin: server.origin, meta: ds.meta, cookies, paths, lastPageOf500: lastPage, runId: runId + tag, hasListRoute, encoding: ENCODING });
    };

    phase(`bench_${size}: statements per page (server behind the query spy)`);
    const { pages, captured } = await recordStatements(appDir, ds, scenariosFor);
    const statements = new Map<string, Awaited<ReturnType<typeof explainAll>>>();
    for (const [key, recorded] of captured) statements.set(key, await explainAll(c, recorded));

    phase(
      `bench_${size}: load (server warm-up ${SERVER_WARMUP_SECONDS} s; per scenario: ${WARMUP_SECONDS} s 1 connection, ` +
        `${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured with ${CONNECTIONS})`,
    );
    const server = await startServer(appDir, ds.url);
    const cpu = new CpuMeter(path.join(BENCH_DATA_DIR, "postgres"), server.pid);
    const results: ScenarioResult[] = [];
    // Resident memory per server process (decision 031): at rest once ready, then the peak of
    // each scenario's measured run.
    const rss = new RssSampler(server.pid);
    await new Promise((r) => setTimeout(r, 1000));
    const machine: MachineFigures = { readyMs: server.readyMs, restRss: [...rss.now()].map(([pid, bytes]) => ({ pid, bytes })), serverPid: server.pid };
    try {
      const all = await scenariosFor(server, "l");
      await warmUp(server, all);
      for (const s of chosen(all)) {
        const next = requestsOf(s);
        // One client first (latency without queueing; also a warm-up), then all of them.
        const single = await runLoad({ origin: server.origin, connections: 1, seconds: WARMUP_SECONDS, next });
        await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: WARMUP_SECONDS, next });
        await new Promise((r) => setTimeout(r, 300)); // the warm-up's last requests finish
        const before = cpu.snapshot();
        const firstSent = next.sent();
        // The trace of the old check's "12 more stored than answered" (decision 040): the
        // warm-up's posts stored when the measured run begins, and again once all are in.
        const warmUpStoredAtStart = s.writes ? await countStored(c, s.submissions!, 0, firstSent) : 0;
        rss.start();
        const load = await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: SECONDS, next });
        const memory = rss.stop();
        const use = cpu.use(before, cpu.snapshot(), load.requests);
        // Posts: the replies of exactly this run's requests (their submission ids), counted
        // once the server has finished every one it received (see storedOf).
        const stored = s.writes ? await storedOf(c, s.submissions!, firstSent, next.sent()) : undefined;
        const warmUpLate = s.writes ? (await storedOf(c, s.submissions!, 0, firstSent)) - warmUpStoredAtStart : undefined;
        results.push({
          scenario: s,
          load,
          single,
          cpu: use,
          page: pages.get(s.key)!,
          statements: statements.get(s.key) ?? [],
          stored,
          sent: next.sent() - firstSent,
          warmUpLate,
          rss: [...memory.perProcess].map(([pid, m]) => ({ pid, peak: m.peak })),
          rssTotal: memory.peakTotal,
          loadAverage: os.loadavg()[0]!,
        });
        console.log(`         ${measured(s, load, use)}`);
        if (load.failures > 0) await showFailure(server.origin, s, serverLog(server));
      }
    } finally {
      await server.stop();
    }

    // One process and two, each on its own, with the page load (issue 24's memory targets).
    if (profileHere && !ONLY_SCENARIOS && !process.argv.includes("--no-footprint")) {
      // Start-up read as the median of --starts starts (3 by default) of each.
      const extraStarts = Number(arg("starts") ?? 3) - 1;
      footprints.push({ footprint: await footprintOf(appDir, ds, c, "one process", "1", [], extraStarts), small: false });
      footprints.push({ footprint: await footprintOf(appDir, ds, c, "two processes", "2", [], extraStarts), small: false });
    }

    let profile: string | undefined;
    if (PROFILE && profileHere) {
      phase(`bench_${size}: CPU profile of the server during "${PROFILE}"`);
      profile = await profileScenario(appDir, ds, PROFILE, scenariosFor);
    }
    const { rows } = await c.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size");
    const removed = await removeBenchPosts(c, ds.meta.special.post);
    phase(`bench_${size}: removed the ${removed} replies the posting scenarios wrote`);
    return { meta: ds.meta, dbBytes: Number(rows[0]!.size), results, profile, machine };
  } finally {
    await c.end();
  }
}

type ScenariosFor = (server: RunningServer, tag: string) => Promise<Scenario[]>;

/** The scenarios to measure: --scenarios, or all. The server's warm-up uses all of them. */
function chosen(all: Scenario[]): Scenario[] {
  if (!ONLY_SCENARIOS) return all;
  const unknown = ONLY_SCENARIOS.filter((key) => !all.some((s) => s.key === key));
  if (unknown.length) throw new Error(`--scenarios: no scenario ${unknown.join(", ")} (there are: ${all.map((s) => s.key).join(", ")})`);
  // The machine's baseline is always measured: targets are read against it.
  return all.filter((s) => s.key === "healthz" || ONLY_SCENARIOS.includes(s.key));
}

/** One request at a time through the spy: which statements each page runs. */
async function recordStatements(appDir: string, ds: Dataset, scenariosFor: ScenariosFor) {
  const db = new URL(ds.url);
  const spy = new QuerySpy({ host: db.hostname, port: Number(db.port) });
  const spied = new URL(ds.url);
  spied.port = String(await spy.listen());
  const server = await startServer(appDir, spied.toString());
  const pages = new Map<string, { status: number; bytes: number; replies: number }>();
  const captured = new Map<string, Statement[]>();
  try {
    for (const s of chosen(await scenariosFor(server, "q"))) {
      // Warm: JIT, pools, and the shared page data (decision 010), so a reading scenario's
      // statements are those of its steady state; "read live" scenarios show the other side.
      // A write is warmed with other requests: repeating one would only find the earlier post.
      for (let n = 0; n < 3; n++) await send(server.origin, s, s.writes ? n : 3);
      let page = { status: 0, bytes: 0, replies: 0 };
      captured.set(s.key, await spy.record(async () => void (page = await send(server.origin, s, 3))));
      pages.set(s.key, page);
    }
  } finally {
    await server.stop();
    await spy.close();
  }
  return { pages, captured };
}

async function profileScenario(appDir: string, ds: Dataset, key: string, scenariosFor: ScenariosFor): Promise<string> {
  const dir = path.join(BENCH_DATA_DIR, "profiles", `${ds.meta.dilemmas}-${key}`);
  fs.rmSync(dir, { recursive: true, force: true });
  // One process: a profile per worker would each see only part of the requests.
  const server = await startServer(appDir, ds.url, ["--cpu-prof", `--cpu-prof-dir=${dir}`], "1");
  let window: { from: number; to: number; requests: number };
  try {
    const all = await scenariosFor(server, "p");
    const s = all.find((x) => x.key === key);
    if (!s) throw new Error(`--profile=${key}: no such scenario`);
    const next = requestsOf(s);
    await warmUp(server, all);
    await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: WARMUP_SECONDS * 2, next });
    const from = Date.now();
    const load = await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: SECONDS, next });
    window = { from, to: Date.now(), requests: load.requests };
  } finally {
    await server.stop(); // the profile is written as the process exits
  }
  const summary = summariseProfile(dir, server.spawnedAt, window.from, window.to, window.requests);
  return `Profile of "${key}" on bench_${ds.meta.dilemmas} (${path.relative(process.cwd(), dir)}):\n${summary}`;
}

function requestsOf(s: Scenario) {
  let n = 0;
  return Object.assign(() => s.request(n++), { sent: () => n });
}

/** The server warm-up: the reading scenarios' requests in turn (SERVER_WARMUP_SECONDS). */
async function warmUp(server: RunningServer, all: Scenario[]) {
  const reads = all.filter((s) => !s.writes).map(requestsOf);
  let n = 0;
  await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: SERVER_WARMUP_SECONDS, next: () => reads[n++ % reads.length]!() });
}

async function datasetFacts(c: pg.Client, ds: Dataset) {
  const { rows: replies } = await c.query<{ dilemmaId: number; id: number }>(
    `SELECT "dilemmaId", id FROM "Reply" WHERE "dilemmaId" = ANY($1::int[]) AND "parentId" IS NULL
       AND "hiddenAt" IS NULL AND "deletedByAuthorAt" IS NULL AND "submissionId" IS NULL ORDER BY id`,
    [ds.meta.special.post],
  );
  const replyIds = new Map<number, number[]>();
  for (const r of replies) replyIds.set(r.dilemmaId, [...(replyIds.get(r.dilemmaId) ?? []), r.id]);
  // The least used competence: its filter has to look furthest for a page of matches.
  const { rows } = await c.query<{ slug: string }>(
    `SELECT slug FROM "Competence" c JOIN "DilemmaCompetence" dc ON dc."competenceId" = c.id GROUP BY slug ORDER BY count(*), slug LIMIT 1`,
  );
  return { replyIds, competenceSlug: rows[0]!.slug };
}

/**
 * Replies stored for the requests numbered [from, to) of a posting scenario: each carries its
 * own submission id (`<prefix>s<n>` or `<prefix>t<n>`). Counted this way, and not as the
 * difference of two counts of all bench replies, the figure cannot include the warm-up's last
 * posts. (It did: after the warm-up the bench waited 300 ms and then counted, and on a busy
 * machine some of the warm-up's posts were still being written; they landed in the measured
 * run's count. With up to one post per connection still in flight at the end of the measured
 * run, that made "12 more replies stored than responses received" against a tolerance of 10.)
 * Waits until the count holds still: the server finishes requests whose client has gone.
 */
async function storedOf(c: pg.Client, prefix: string, from: number, to: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const n = await countStored(c, prefix, from, to);
    if (n === last) return last;
    last = n;
  }
  return last;
}

/** Replies stored now for the requests numbered [from, to) of a posting scenario. */
async function countStored(c: pg.Client, prefix: string, from: number, to: number): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Reply"
      WHERE "submissionId" LIKE $1 || '%' AND substring("submissionId" FROM char_length($1) + 1) ~ '^[0-9]+$' AND substring("submissionId" FROM '[0-9]+$')::int >= $2
        AND substring("submissionId" FROM '[0-9]+$')::int < $3`,
    [prefix, from, to],
  );
  return rows[0]!.n;
}

/** One request of a scenario, as the load generator would send it; what came back. */
async function send(origin: string, s: Scenario, n: number) {
  const r = s.request(n);
  const response = await fetch(origin + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
  const body = await response.text();
  const expected = s.writes ? response.status >= 300 && response.status < 400 : response.status === 200;
  if (!expected) throw new Error(`${s.label}: ${r.method} ${r.path} answered ${response.status}:\n${body.slice(0, 500)}`);
  return { status: response.status, bytes: body.length, replies: new Set(body.match(/\/replies\/\d+/g) ?? []).size };
}

/** The last page of a paged thread: follow the pages until one is past the end (404). */
async function lastPageOf(origin: string, pagePath: string, cookie: string): Promise<number> {
  let page = 1;
  while (page < 100 && (await fetch(`${origin}${pagePath}?page=${page + 1}`, { headers: { cookie } })).status === 200) page++;
  return page;
}

async function showFailure(origin: string, s: Scenario, log: string[]) {
  const r = s.request(1_000_000);
  const response = await fetch(origin + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: "manual" });
  console.error(`         ! ${s.label}: a replayed request answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  for (const line of log.slice(-5)) console.error(`         ! server: ${line.slice(0, 300)}`);
}

/** The search bench (bench/search.ts) in its own process: it loads the Dutch lexicon and its
 *  own copy of the data set. */
function runSearchBench(): number {
  const passOn = process.argv.slice(2).filter((a) => /^--(reindex|rounds=|size=)/.test(a));
  const child = spawnSync(process.execPath, ["--import", "tsx", "bench/search.ts", ...passOn], { stdio: "inherit" });
  return child.status ?? 1;
}

/** The privacy guard's bench (bench/privacy.ts) in its own process, with a collector it can force. */
function runPrivacyBench(): number {
  const passOn = process.argv.slice(2).filter((a) => /^--rounds=/.test(a));
  const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/privacy.ts", ...passOn], { stdio: "inherit" });
  return child.status ?? 1;
}

const ONLY_SEARCH = arg("only") === "search";
const ONLY_SEARCH_SCALE = arg("only") === "search-scale";

/** The relevance suite at scale (bench/search-scale.ts), under the machine's bench lock. */
function runSearchScaleBench(): number {
  const passOn = process.argv.slice(2).filter((a) => /^--(rounds|size|before|seconds)=|^--(http|prepare)$/.test(a));
  // --prepare only builds the copies' indexes (minutes): that needs no lock, measuring does.
  const command = [process.execPath, "--import", "tsx", "bench/search-scale.ts", ...passOn];
  const child = passOn.includes("--prepare")
    ? spawnSync(command[0]!, command.slice(1), { stdio: "inherit" })
    : spawnSync("flock", ["/tmp/kk-bench.lock", ...command], { stdio: "inherit" });
  return child.status ?? 1;
}
const ONLY_PRIVACY = arg("only") === "privacy";
const COMPARE = Boolean(arg("compare"));

(ONLY_SEARCH_SCALE ? Promise.resolve(runSearchScaleBench()).then((code) => process.exit(code)) : COMPARE ? compareBuilds() : ONLY_PRIVACY ? Promise.resolve(runPrivacyBench()) : ONLY_SEARCH ? Promise.resolve(0) : main())
  .then((code) => {
    // --scenarios asks for those pages only: search and the privacy guard have their own --only.
    if (COMPARE || ONLY_PRIVACY || SMALL_SERVER || FOOTPRINT_ONLY || ONLY_SCENARIOS || process.argv.includes("--no-search") || arg("only") === "mail" || arg("only") === "digest") return code;
    phase("search bench (bench/search.ts)");
    return Math.max(code, runSearchBench());
  })
  .then((code) => {
    if (COMPARE || ONLY_PRIVACY || ONLY_SEARCH || SMALL_SERVER || ONLY_SCENARIOS || arg("only") === "mail" || arg("only") === "digest") return code;
    phase("privacy guard bench (bench/privacy.ts)");
    return Math.max(code, runPrivacyBench());
  })
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
