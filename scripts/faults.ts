// npm run faults: kill parts of a running forum under a write load and count what members
// would notice (decision 018). Loopback only, every phase bounded, about three minutes:
//
//   postgres  the embedded Postgres is killed (SIGKILL); the server must bring it back itself
//   worker    one of two server processes (WEB_CONCURRENCY=2) is killed; the primary replaces it
//   primary   the primary process is killed; its workers go with it, and a supervisor starts the
//             server again (systemd does in production, docs/kenniskring.service; this script
//             stands in for it when, as here, systemd is not running), which adopts Postgres
//
// For each: replies acknowledged and lost (must be 0), found twice (must be 0), seconds until a
// reply sent after the kill was acknowledged (Postgres: under 15 s), and the status codes the
// writers saw. Exits non-zero when a check fails. Needs the production build (npm run build).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../server/node-flags";
import { firstThreadPath, MARKER_PREFIX, startWriteLoad, writerSession, type WriteLoad } from "./lib/write-load";

const { values } = parseArgs({
  options: { only: { type: "string" }, writers: { type: "string", default: "4" }, "keep-data": { type: "boolean" } },
});
const SCENARIOS = ["postgres", "worker", "primary"] as const;
type Scenario = (typeof SCENARIOS)[number];
const chosen = (values.only?.split(",") ?? SCENARIOS) as Scenario[];
const WRITERS = Number(values.writers);
const TARGET_SECONDS = 15;
const deadline = Date.now() + 8 * 60_000; // the whole script, whatever happens

type Result = {
  scenario: Scenario;
  acked: number;
  lost: number;
  duplicates: number;
  servingAgainSeconds: number | null;
  statuses: Record<string, number>;
  notes: string[];
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-faults-"));
fs.chmodSync(dataDir, 0o755); // as root, Postgres runs as "postgres" and must enter it
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const children = new Set<ChildProcess>();

/** The server as `npm start` runs it; its output goes to a log file in the data dir. */
function startServerProcess(extra: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_PROGRAM], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), KK_DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "1", LOG_LEVEL: "info", POSTING_LIMITS: "off", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = fs.createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Like systemd's Restart=always, RestartSec=1: a server that exits is started again. */
function supervised(extra: Record<string, string>) {
  let current = startServerProcess(extra);
  let stopping = false;
  let restarts = 0;
  const watch = (child: ChildProcess) =>
    child.once("exit", () => {
      if (stopping) return;
      setTimeout(() => {
        if (stopping) return;
        restarts++;
        current = startServerProcess(extra);
        watch(current);
      }, 1_000);
    });
  watch(current);
  return {
    pid: () => current.pid!,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await stopProcess(current);
    },
  };
}

async function waitReady(ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`the server was not ready within ${ms / 1000} s; see ${path.join(dataDir, "server.log")}`);
}

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The primary's worker processes: its children but Postgres (which it started). */
function workersOf(primary: number): number[] {
  const out = spawnSync("pgrep", ["-P", String(primary)], { encoding: "utf8" }).stdout;
  return out.split("\n").filter(Boolean).map(Number).filter((pid) => pid !== postmasterPid());
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function databaseUrl(): Promise<string> {
  const { port: pgPort, password } = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/kenniskring`;
}

/** Each acknowledged reply must be in the database exactly once. */
async function count(load: WriteLoad): Promise<{ lost: number; duplicates: number }> {
  const client = new pg.Client({ connectionString: await databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: string; n: number }>(
      `SELECT split_part("bodyMd", ' ', 1) AS marker, count(*)::int AS n FROM "Reply" WHERE "bodyMd" LIKE $1 GROUP BY 1`,
      [`${MARKER_PREFIX}-%`],
    );
    const found = new Map(rows.map((r) => [r.marker, r.n]));
    let lost = 0;
    for (const marker of load.acked.keys()) if (!found.has(marker)) lost++;
    return { lost, duplicates: rows.filter((r) => r.n > 1).length };
  } finally {
    await client.end();
  }
}

async function underLoad(scenario: Scenario, kill: () => Promise<number>, notes: (result: Result) => Promise<void> = async () => {}): Promise<Result> {
  const cookies = [];
  for (let i = 0; i < WRITERS; i++) cookies.push(await writerSession(base, { KK_DATA_DIR: dataDir }, `Proef ${scenario} ${i}`));
  const load = startWriteLoad({ base: () => base, cookies, threadPath: await firstThreadPath(base), maxMs: 120_000 });
  await sleep(5_000);
  const killedAt = await kill();
  // Failures are known only when their answer (or its absence) comes: judge after a while.
  await sleep(3_000);
  while (!load.servingAgainAfter(killedAt) && Date.now() - killedAt < 60_000) await sleep(50);
  await sleep(5_000); // and some more writes once it serves again
  await load.stop();
  const againAt = load.servingAgainAfter(killedAt);
  await waitReady();
  const { lost, duplicates } = await count(load);
  const result: Result = {
    scenario,
    acked: load.acked.size,
    lost,
    duplicates,
    servingAgainSeconds: againAt === undefined ? null : Math.round((againAt - killedAt) / 100) / 10,
    statuses: Object.fromEntries([...load.statuses].sort()),
    notes: [],
  };
  await notes(result);
  return result;
}

async function main(): Promise<Result[]> {
  const results: Result[] = [];
  if (chosen.includes("postgres")) {
    const server = startServerProcess({});
    await waitReady();
    results.push(
      await underLoad("postgres", async () => {
        const pid = postmasterPid();
        process.kill(pid, "SIGKILL");
        return Date.now();
      }, async (r) => {
        r.notes.push(`Postgres pid ${postmasterPid()} after the kill`);
      }),
    );
    await stopProcess(server);
  }
  if (chosen.includes("worker")) {
    const server = startServerProcess({ WEB_CONCURRENCY: "2" });
    await waitReady();
    results.push(
      await underLoad("worker", async () => {
        process.kill(workersOf(server.pid!)[0]!, "SIGKILL");
        return Date.now();
      }, async (r) => {
        r.notes.push(`${workersOf(server.pid!).length} workers afterwards`);
      }),
    );
    await stopProcess(server);
  }
  if (chosen.includes("primary")) {
    const site = supervised({ WEB_CONCURRENCY: "2" });
    await waitReady();
    results.push(
      await underLoad("primary", async () => {
        process.kill(site.pid(), "SIGKILL");
        return Date.now();
      }, async (r) => {
        r.notes.push(`restarted by the supervisor stand-in ${site.restarts()}×`);
      }),
    );
    await site.stop();
  }
  return results;
}

function report(results: Result[]): boolean {
  let ok = true;
  console.log("\n| fault | replies acknowledged | lost | twice | serving again after | statuses the writers saw |");
  console.log("|---|---|---|---|---|---|");
  for (const r of results) {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ");
    const again = r.servingAgainSeconds === null ? "never" : `${r.servingAgainSeconds} s`;
    console.log(`| ${r.scenario} killed | ${r.acked} | ${r.lost} | ${r.duplicates} | ${again} | ${statuses} |`);
    const problems = [
      r.lost > 0 && `${r.lost} acknowledged replies lost`,
      r.duplicates > 0 && `${r.duplicates} replies stored twice`,
      r.servingAgainSeconds === null && "never served again",
      r.scenario === "postgres" && (r.servingAgainSeconds ?? Infinity) >= TARGET_SECONDS && `not serving again within ${TARGET_SECONDS} s`,
      (r.statuses["500"] ?? 0) > 0 && `${r.statuses["500"]} answers were 500`,
    ].filter(Boolean);
    for (const p of problems) console.log(`FAIL ${r.scenario}: ${p}`);
    for (const n of r.notes) console.log(`     ${r.scenario}: ${n}`);
    ok &&= problems.length === 0;
  }
  return ok;
}

const guard = setTimeout(() => {
  console.error("faults: ran out of its time budget; stopping everything");
  cleanUp();
  process.exit(1);
}, deadline - Date.now());

function cleanUp() {
  for (const child of children) child.kill("SIGKILL");
  try {
    process.kill(postmasterPid(), "SIGINT");
  } catch {
    // not running
  }
}

try {
  console.log(`fault script: data in ${dataDir}, server on ${base}, ${WRITERS} writers`);
  const ok = report(await main());
  clearTimeout(guard);
  await sleep(1_000);
  if (values["keep-data"]) console.log(`data and server.log kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`faults failed: ${(error as Error).message}`);
  cleanUp();
  clearTimeout(guard);
  process.exitCode = 1;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
    srv.on("error", reject);
  });
}
