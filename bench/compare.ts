// npm run bench -- --compare=main[,other-ref] [--scenarios=list,page20,page500-1,post] [--rounds=4]
//                  [--seconds=6] [--only=2000]
//
// A paired A/B of app builds on a shared machine: each git revision given (and the working
// tree, last) as its own built snapshot, one server process each (WEB_CONCURRENCY=1, so the
// server's CPU is one process's), measured in turn, round after round, the order turned round
// every round (A B, B A, …). Neighbours' load then falls on every build alike, and the figure
// to read is the server's CPU per request (load-independent, unlike req/s and p99), as a median
// of the rounds, with its spread across rounds as the noise to compare a difference with.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { prepareApp, prepareRefApp } from "./app-build";
import { CpuMeter } from "./cpu";
import { BENCH_DATA_DIR, ensureDataset, removeBenchPosts, startBenchCluster, type Dataset } from "./generate";
import { runLoad } from "./load";
import { BROWSER_ENCODING, canonicalPath, createSessions, scenarios, type Scenario } from "./scenarios";
import { startServer, type RunningServer } from "./server";

type Build = { label: string; dir: string };
type Sample = { serverMs: number; postgresMs: number; perSecond: number; p99: number; others: number; failures: number };

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

export async function compareBuilds(): Promise<number> {
  const refs = arg("compare")!.split(",").filter(Boolean);
  const keys = (arg("scenarios") ?? "list,page20,page500-1,post").split(",");
  const rounds = Number(arg("rounds") ?? 4);
  const seconds = Number(arg("seconds") ?? 6);
  const size = Number(arg("only") ?? 2000);
  const connections = Number(arg("connections") ?? 10);
  const started = Date.now();
  const phase = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${what}`);

  console.log(`Kenniskring bench, paired A/B: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}, ${rounds} rounds × ${seconds} s per scenario, 1 server process per build`);
  const builds: Build[] = [];
  for (const ref of refs) {
    phase(`snapshot of ${ref}`);
    const app = prepareRefApp(ref);
    builds.push({ label: `${ref} (${app.commit.slice(0, 7)})`, dir: app.dir });
  }
  phase("snapshot of the working tree");
  const tree = prepareApp();
  if (tree.stale) throw new Error(tree.stale);
  builds.push({ label: "working tree", dir: tree.dir });

  const cluster = await startBenchCluster();
  const samples = new Map<string, Sample[]>(); // `${build}|${scenario}`
  try {
    phase(`data set bench_${size}`);
    const ds = await ensureDataset(cluster.adminUrl, size, false);
    const c = new pg.Client({ connectionString: ds.url });
    await c.connect();
    try {
      await removeBenchPosts(c, ds.meta.special.post);
      const cookies = (await createSessions(c, 50)).map((s) => s.cookie);
      const facts = await datasetFacts(c, ds);
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? builds : [...builds].reverse();
        for (const build of order) {
          phase(`round ${round + 1}/${rounds}: ${build.label}`);
          const server = await startServer(build.dir, ds.url, [], "1");
          try {
            const all = await scenariosOf(server, ds, cookies, facts, `${round}${builds.indexOf(build)}`);
            const chosen = keys.map((k) => all.find((s) => s.key === k) ?? missing(k, all));
            // A fresh server first compiles its hot paths and sizes its heap (bench/run.ts).
            await load(server, all.filter((s) => !s.writes), connections, 10);
            const cpu = new CpuMeter(path.join(BENCH_DATA_DIR, "postgres"), server.pid);
            for (const s of chosen) {
              await load(server, [s], connections, 2);
              const before = cpu.snapshot();
              const result = await load(server, [s], connections, seconds);
              const use = cpu.use(before, cpu.snapshot(), result.requests);
              const sample = { serverMs: use.serverMs, postgresMs: use.postgresMs, perSecond: result.perSecond, p99: result.p99, others: use.othersCores, failures: result.failures };
              samples.set(`${build.label}|${s.key}`, [...(samples.get(`${build.label}|${s.key}`) ?? []), sample]);
              console.log(`         ${s.label.padEnd(30)} server ${use.serverMs.toFixed(2)} ms/req  ${result.perSecond.toFixed(0)} req/s  p99 ${result.p99.toFixed(1)} ms  others ${use.othersCores.toFixed(2)} cores`);
            }
          } finally {
            await server.stop();
          }
          await removeBenchPosts(c, ds.meta.special.post);
        }
      }
      console.log(reportOf(builds, keys, samples, ds));
    } finally {
      await c.end();
    }
  } finally {
    await cluster.stop();
  }
  const failed = [...samples.values()].flat().some((s) => s.failures > 0);
  return failed ? 1 : 0;
}

function missing(key: string, all: Scenario[]): never {
  throw new Error(`--scenarios: no scenario ${key} (there are: ${all.map((s) => s.key).join(", ")})`);
}

async function load(server: RunningServer, list: Scenario[], connections: number, seconds: number) {
  const next = list.map((s) => {
    let n = 0;
    return () => s.request(n++);
  });
  let i = 0;
  return runLoad({ origin: server.origin, connections, seconds, next: () => next[i++ % next.length]!() });
}

async function scenariosOf(server: RunningServer, ds: Dataset, cookies: string[], facts: Awaited<ReturnType<typeof datasetFacts>>, tag: string) {
  const ids = [...ds.meta.special.page500, ...ds.meta.special.page20, ...ds.meta.special.post];
  const paths = new Map(await Promise.all(ids.map(async (id) => [id, await canonicalPath(server.origin, id)] as const)));
  return scenarios({
    ...facts,
    origin: server.origin,
    meta: ds.meta,
    cookies,
    paths,
    lastPageOf500: 2,
    runId: `${Date.now().toString(36)}${tag}`,
    hasListRoute: true,
    encoding: BROWSER_ENCODING,
  });
}

async function datasetFacts(c: pg.Client, ds: Dataset) {
  const { rows: replies } = await c.query<{ dilemmaId: number; id: number }>(
    `SELECT "dilemmaId", id FROM "Reply" WHERE "dilemmaId" = ANY($1::int[]) AND "parentId" IS NULL
       AND "hiddenAt" IS NULL AND "deletedByAuthorAt" IS NULL AND "submissionId" IS NULL ORDER BY id`,
    [ds.meta.special.post],
  );
  const replyIds = new Map<number, number[]>();
  for (const r of replies) replyIds.set(r.dilemmaId, [...(replyIds.get(r.dilemmaId) ?? []), r.id]);
  const { rows } = await c.query<{ slug: string }>(
    `SELECT slug FROM "Competence" c JOIN "DilemmaCompetence" dc ON dc."competenceId" = c.id GROUP BY slug ORDER BY count(*), slug LIMIT 1`,
  );
  return { replyIds, competenceSlug: rows[0]!.slug };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function reportOf(builds: Build[], keys: string[], samples: Map<string, Sample[]>, ds: Dataset): string {
  const lines = [`\nPaired A/B on bench_${ds.meta.dilemmas}, medians of the rounds (server CPU per request: min–max across rounds)`];
  const base = builds[0]!.label;
  for (const key of keys) {
    lines.push(`\n${key}`);
    const baseMs = median(samples.get(`${base}|${key}`)!.map((s) => s.serverMs));
    for (const build of builds) {
      const list = samples.get(`${build.label}|${key}`)!;
      const ms = list.map((s) => s.serverMs);
      const delta = build.label === base ? "" : `  ${(((median(ms) - baseMs) / baseMs) * 100).toFixed(1).padStart(5)} % against ${base}`;
      lines.push(
        `  ${build.label.padEnd(24)} server ${median(ms).toFixed(2)} ms (${Math.min(...ms).toFixed(2)}–${Math.max(...ms).toFixed(2)})` +
          `  pg ${median(list.map((s) => s.postgresMs)).toFixed(2)} ms  ${median(list.map((s) => s.perSecond)).toFixed(0)} req/s` +
          `  p99 ${median(list.map((s) => s.p99)).toFixed(1)} ms  others ${median(list.map((s) => s.others)).toFixed(2)} cores${delta}`,
      );
    }
  }
  return lines.join("\n");
}
