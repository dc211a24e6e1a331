// npm run bench -- --only=search-scale [--rounds=3] [--size=20000] [--before=DIR]
//   (or: flock /tmp/kk-bench.lock npx tsx bench/search-scale.ts …)
// --prepare: only clone the copies and build their indexes (minutes at scale), measure nothing:
// run it without the bench lock, then the measuring run under `flock /tmp/kk-bench.lock`.
// --http: also the search page through HTTP in this checkout, inside bench_<size>: one server
// process (its build: scripts/build-if-needed.ts first), 10 connections asking /search?q=… for
// a common word and for two words, with the /healthz baseline of the same run (decision 031).
// --before=DIR: also measure the search of another checkout (a scratch worktree, e.g. of main:
// `git worktree add --detach DIR main`, node_modules and app/generated linked or copied in) in
// the same run, A/B, with this checkout's suite (copied into DIR) and its own index.
//
// The relevance suite at the size of a real forum (issue 23). The suite's documents
// (tests/fixtures/search-corpus.jsonl) are searched twice with the suite's queries:
//   - alone, in a database of their own (bench_relevance_alone, made anew every run);
//   - mixed into the bench data (bench_relevance_<size>: a copy of bench_<size>, 20 000
//     dilemmas and ≈270 000 replies, cloned once per generated data set, the corpus imported
//     into it once), where hundreds of generated threads use the same words.
// For each: thread-level recall@5 (a result stands for its thread; see
// tests/support/relevance-suite.ts), per mechanism, the queries that miss, and the latency of
// the whole search (page, facets, snippets, partial matches, suggestion) per query: p50, p95,
// max over every query × round. Targets: recall@5 ≥ 0.95 in both, p95 < 50 ms, max < 200 ms at
// scale. Each database is measured in a child process of its own (the app's caches are per
// process). Writes .data/bench/search-scale-last-run.md. Not part of npm test.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_DATA_DIR, databaseUrl, ensureDataset, startBenchCluster } from "./generate";
import { runLoad } from "./load";
import { BROWSER_ENCODING } from "./scenarios";
import { startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const SIZE = Number(arg("size") ?? 20_000);
const ROUNDS = Number(arg("rounds") ?? 3);
const REPORT = path.join(BENCH_DATA_DIR, "search-scale-last-run.md");
const BEFORE = arg("before");
const PREPARE = process.argv.includes("--prepare");
const HTTP = process.argv.includes("--http");
const HTTP_SECONDS = Number(arg("seconds") ?? 10);

/** Requests per second through HTTP with one server process: the baseline, then search pages. */
async function httpThroughput(url: string): Promise<string[]> {
  const server = await startServer(process.cwd(), url, [], "1");
  const lines = [`\n## this checkout: search page through HTTP inside bench_${SIZE} (1 process, 10 connections, ${HTTP_SECONDS} s each)`];
  try {
    const paths = [
      ["baseline /healthz", "/healthz"],
      ["search page \"bewoners\"", "/search?q=bewoners"],
      ["search page \"vrijwilligers waarderen\"", "/search?q=vrijwilligers+waarderen"],
    ] as const;
    for (const [label, p] of paths) {
      await fetch(server.origin + p); // warm: lexicon, statistics, plan cache
      const r = await runLoad({
        origin: server.origin,
        connections: 10,
        seconds: HTTP_SECONDS,
        next: () => ({ method: "GET", path: p, headers: { accept: "text/html", "accept-encoding": BROWSER_ENCODING, "accept-language": "nl" } }),
      });
      lines.push(`${label}: ${r.perSecond.toFixed(0)} req/s · p50 ${r.p50.toFixed(0)} ms · p99 ${r.p99.toFixed(0)} ms · max ${r.max.toFixed(0)} ms · failures ${r.failures} (load ${load()})`);
    }
  } finally {
    await server.stop();
  }
  console.log(lines.join("\n"));
  return lines;
}
/** What the measuring child needs from this checkout (copied into a --before checkout). */
const SUITE_FILES = ["bench/search-scale-measure.ts", "tests/support/relevance-suite.ts", "tests/fixtures/search-queries.json", "tests/fixtures/search-corpus.jsonl"];

/** The analysis version of a checkout: its index is built by that version (a database each). */
function analysisVersion(dir: string): number {
  const source = fs.readFileSync(path.join(dir, "app/search/dutch/analysis.server.ts"), "utf8");
  return Number(/DUTCH_ANALYSIS_VERSION = (\d+)/.exec(source)?.[1] ?? 0);
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** bench_relevance_<size>: bench_<size> as generated, plus the corpus (imported by the child). */
async function scaleDatabase(adminUrl: string, generatedAt: string, version: number): Promise<{ url: string; fresh: boolean }> {
  const name = `bench_relevance_${SIZE}_v${version}`;
  // The corpus by its content, not its file's time: every worktree has its own mtime, and a new
  // label means a new clone and a re-index (half an hour at scale).
  const corpus = crypto.createHash("sha256").update(fs.readFileSync("tests/fixtures/search-corpus.jsonl")).digest("hex").slice(0, 16);
  const label = `cloned from bench_${SIZE} generated ${generatedAt}; corpus sha256 ${corpus}`;
  const fresh = await withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ label: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS label FROM pg_database WHERE datname = $1",
      [name],
    );
    if (rows[0]?.label === label) return false;
    console.log(`cloning bench_${SIZE} into ${name} (once per data set)`);
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(`bench_${SIZE}`)}`);
    await c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(name)} IS ${c.escapeLiteral(label)}`);
    return true;
  });
  return { url: databaseUrl(adminUrl, name), fresh };
}

async function aloneDatabase(adminUrl: string): Promise<string> {
  const name = "bench_relevance_alone"; // made anew for each measurement
  await withAdmin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  return databaseUrl(adminUrl, name);
}

function measureIn(url: string, label: string, dir = process.cwd(), reindex = false): { ok: boolean; lines: string[] } {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/search-scale-measure.ts", `--label=${label}`, `--rounds=${ROUNDS}`, ...(reindex ? ["--reindex"] : []), ...(PREPARE ? ["--prepare"] : [])],
    { cwd: dir, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 << 20 },
  );
  process.stdout.write(child.stdout);
  return { ok: child.status === 0, lines: child.stdout.split("\n") };
}

async function main(): Promise<boolean> {
  console.log(`# Search at scale (${new Date().toISOString().slice(0, 16)}, ${os.cpus().length} CPUs, load ${load()})`);
  const cluster = await startBenchCluster();
  const lines: string[] = [];
  let ok = true;
  try {
    // Each checkout builds the index of its own copy (its analysis version): the source's is not needed.
    const ds = await ensureDataset(cluster.adminUrl, SIZE, false, { searchIndex: false });
    const checkouts: [string, string][] = [[process.cwd(), "this checkout"]];
    if (BEFORE) {
      for (const file of SUITE_FILES) {
        fs.mkdirSync(path.dirname(path.join(BEFORE, file)), { recursive: true });
        fs.copyFileSync(file, path.join(BEFORE, file));
      }
      checkouts.unshift([path.resolve(BEFORE), `before (${BEFORE})`]);
    }
    for (const [dir, name] of checkouts) {
      const alone = PREPARE ? { ok: true, lines: [] } : measureIn(await aloneDatabase(cluster.adminUrl), `${name}: suite alone`, dir);
      const copy = await scaleDatabase(cluster.adminUrl, ds.meta.generatedAt, analysisVersion(dir));
      // A fresh copy's index is built by the checkout that searches it, from empty.
      const scaled = measureIn(copy.url, `${name}: suite inside bench_${SIZE}`, dir, copy.fresh);
      // The verdict is this checkout's.
      if (dir === process.cwd()) ok = alone.ok && scaled.ok;
      lines.push(...alone.lines, ...scaled.lines);
      if (HTTP && !PREPARE && dir === process.cwd()) lines.push(...(await httpThroughput(copy.url)));
    }
  } finally {
    await cluster.stop();
  }
  if (PREPARE) return ok;
  fs.writeFileSync(REPORT, lines.join("\n") + "\n");
  console.log(`report: ${path.relative(process.cwd(), REPORT)}`);
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
