// The server keeps its embedded Postgres running (decision 018): killed, it is noticed, said
// in one line, started again, and the site serves again by itself; whatever Postgres then runs
// on the data dir (one the supervisor started, or one a person started by hand) stops with
// the server. Real processes in a temp KK_DATA_DIR; this file does not use the shared test
// server from global-setup.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { alive, postgresUserIds, postmasterPidOf } from "../support/postgres-pids";
import { startServer } from "../support/server-process";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-supervised-"));
fs.chmodSync(dataDir, 0o755);
const pgdata = path.join(dataDir, "postgres");
const quiet = { info() {}, warn() {}, debug() {} };

afterAll(async () => {
  await stopWhateverRuns();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a supervised embedded Postgres", () => {
  it("is started again after it was killed, and the site serves again by itself", async () => {
    const server = await startServer({ KK_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "info" });
    try {
      expect((await fetch(`${server.url}/dilemmas`)).status).toBe(200);
      const first = postmasterPid()!;
      process.kill(first, "SIGKILL");
      const killedAt = Date.now();

      // While it is away: 503 with Retry-After, never 500.
      const statuses = new Set<number>();
      let second: number | undefined;
      while (Date.now() - killedAt < 30_000) {
        const res = await fetch(`${server.url}/dilemmas`);
        statuses.add(res.status);
        if (res.status === 503) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        if (res.status === 200 && postmasterPid() !== first) {
          second = postmasterPid();
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(second).toBeGreaterThan(0);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
      const log = server.output();
      expect(log.match(/embedded Postgres \(pid \d+\) stopped unexpectedly/g)).toHaveLength(1);
      expect(log).toMatch(/embedded Postgres is back after [\d.]+ s/);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await server.stop();
      expect(alive(second!)).toBe(false);
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("stops with its Postgres on a Ctrl-C in the terminal, without a warning on the way out", async () => {
    // A terminal's Ctrl-C reaches the whole process group: the server and its Postgres at once,
    // so the database drops the server's connections before the server closes them itself.
    const server = await startServer({ KK_DATA_DIR: dataDir, DATABASE_URL: "" }, { ownGroup: true });
    expect((await fetch(`${server.url}/dilemmas`)).status).toBe(200);
    const postgres = postmasterPid()!;
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    process.kill(-server.child.pid!, "SIGINT");
    expect(await exited).toBe(0);
    while (alive(postgres)) await new Promise((r) => setTimeout(r, 50));
    expect(server.output()).not.toMatch(/"level":(40|50|60)/);
  }, 180_000);

  it("stops a Postgres that a person started by hand after a crash, when the server stops", async () => {
    delete process.env.DATABASE_URL;
    const saved = process.env.KK_DATA_DIR;
    process.env.KK_DATA_DIR = dataDir;
    try {
      const database = await resolveDatabase({ purpose: "server", log: quiet });
      const first = postmasterPid()!;
      process.kill(first, "SIGKILL");
      while (alive(first)) await new Promise((r) => setTimeout(r, 50));

      const byHand = await startByHand();
      expect(byHand).not.toBe(first);
      await database.stop();
      expect(alive(byHand)).toBe(false);
    } finally {
      process.env.KK_DATA_DIR = saved;
    }
  }, 60_000);
});

/** As `pg_ctl start` would: the embedded package's postgres on the same data dir and port. */
async function startByHand(): Promise<number> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number };
  fs.rmSync(path.join(pgdata, "postmaster.pid"), { force: true });
  const asPostgres = postgresUserIds();
  const child = spawn(
    postgres,
    ["-D", pgdata, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...asPostgres, detached: true, stdio: "ignore" },
  );
  child.unref();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const pid = postmasterPid();
    const ready = fs.existsSync(path.join(pgdata, "postmaster.pid")) && fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").includes("ready");
    if (pid !== undefined && pid === child.pid && ready) return pid;
    if (Date.now() > deadline) throw new Error("the Postgres started by hand did not get ready");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const postmasterPid = () => postmasterPidOf(pgdata);

async function stopWhateverRuns() {
  const pid = postmasterPid();
  if (!pid || !alive(pid)) return;
  process.kill(pid, "SIGINT");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
}
