// The embedded Postgres life cycle in a temp KK_DATA_DIR, with real processes: restarts keep
// data, a stale postmaster.pid is cleared, a server that was SIGKILLed leaves Postgres
// running and the next server adopts it, and commands borrow a server's Postgres without
// stopping it. (This file does not use the shared test server from global-setup.)
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DatabasePurpose, type Log, resolveDatabase } from "~/platform/embedded-postgres.server";
import { alive, postmasterPidOf } from "../support/postgres-pids";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-embedded-"));
const pgdata = path.join(dataDir, "postgres");
const saved = { KK_DATA_DIR: process.env.KK_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const children: ChildProcess[] = [];
let lines: string[] = [];
const log: Log = { info: (m) => lines.push(m), warn: (m) => lines.push(m), debug: () => {} };

beforeAll(() => {
  process.env.KK_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await forceStop();
  lines = [];
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each test starts and stops real Postgres servers: seconds on a quiet machine, far more on a busy one.
describe("resolveDatabase with the embedded Postgres", { timeout: 120_000 }, () => {
  it("starts, keeps data across a restart, and stops cleanly", async () => {
    const first = await resolveDatabase({ purpose: "server", log });
    expect(first.embedded).toBe(true);
    expect(new URL(first.url).hostname).toBe("127.0.0.1");
    await sql(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    const pid = postmasterPid()!;
    await first.stop();
    expect(fs.existsSync(path.join(pgdata, "postmaster.pid"))).toBe(false);
    expect(alive(pid)).toBe(false);

    const second = await resolveDatabase({ purpose: "server", log });
    expect(new URL(second.url).port).toBe(new URL(first.url).port);
    expect(await sql(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await second.stop();
  });

  it("clears a stale postmaster.pid whose process is gone, saying so", async () => {
    const dead = await deadPid();
    const port = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")).port;
    fs.writeFileSync(
      path.join(pgdata, "postmaster.pid"),
      `${dead}\n${pgdata}\n1700000000\n${port}\n\n127.0.0.1\n0 0\nready\n`,
    );

    const database = await resolveDatabase({ purpose: "server", log });
    expect(lines).toContain(
      `removed a stale postmaster.pid (pid ${dead} is not a running Postgres) and starting afresh`,
    );
    expect(await sql(database.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await database.stop();
  });

  it("adopts the Postgres of a server that was killed with SIGKILL", async () => {
    const server = await holder("server");
    const pid = postmasterPid()!;
    server.kill("SIGKILL");
    await new Promise((resolve) => server.once("exit", resolve));
    expect(alive(pid)).toBe(true); // nobody stopped it: that is the situation to recover from

    const database = await resolveDatabase({ purpose: "server", log });
    expect(lines).toContain(`recovered: reusing Postgres left running by an earlier process (pid ${pid})`);
    expect(await sql(database.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await database.stop(); // adopted means owned: it stops it
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.join(pgdata, "postmaster.pid"))).toBe(false);
  });

  it("lets a command (and a second server) use a live server's Postgres without stopping it", async () => {
    const server = await holder("server");
    const pid = postmasterPid()!;

    const command = await resolveDatabase({ purpose: "command", log });
    expect(await sql(command.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    await command.stop();
    const secondServer = await resolveDatabase({ purpose: "server", log });
    await secondServer.stop();
    expect(lines.filter((l) => l.startsWith("using the Postgres already running"))).toHaveLength(2);
    expect(alive(pid)).toBe(true);

    server.kill("SIGTERM"); // its owner stops it on the way out
    await new Promise((resolve) => server.once("exit", resolve));
    expect(alive(pid)).toBe(false);
  });

  it("knows a live server's Postgres when its data folder is reached through a symlink", async () => {
    const server = await holder("server");
    const pid = postmasterPid()!;
    const link = path.join(os.tmpdir(), `kk-embedded-link-${process.pid}`);
    fs.rmSync(link, { force: true });
    fs.symlinkSync(dataDir, link);
    process.env.KK_DATA_DIR = link;
    try {
      const command = await resolveDatabase({ purpose: "command", log });
      expect(await sql(command.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
      await command.stop();
    } finally {
      process.env.KK_DATA_DIR = dataDir;
      fs.rmSync(link, { force: true });
    }
    expect(lines.some((l) => l.includes("stale"))).toBe(false);
    expect(alive(pid)).toBe(true);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  });

  it("takes Postgres over from a command that started it, which then leaves it running", async () => {
    const command = await holder("command");
    const pid = postmasterPid()!;

    const server = await resolveDatabase({ purpose: "server", log });
    expect(lines).toContain(`taking over Postgres (pid ${pid}) from process ${command.pid}`);
    command.kill("SIGTERM");
    expect(await new Promise((resolve) => command.once("exit", resolve))).toBe(0);
    expect(await sql(server.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);

    await server.stop();
    expect(alive(pid)).toBe(false);
  });

  it("serialises a server and a command that start at the same moment: the server ends up owning it", async () => {
    // Whichever wins the race to start Postgres, the server must own it in the end.
    const [server, command] = await Promise.all([
      holder("server"),
      resolveDatabase({ purpose: "command", log }),
    ]);
    const pid = postmasterPid()!;
    await command.stop();
    expect(alive(pid)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "postgres.lock"))).toBe(false);

    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    expect(alive(pid)).toBe(false);
  });

  it("starts Postgres for a command when none runs, and stops it afterwards", async () => {
    const command = await resolveDatabase({ purpose: "command", log });
    const pid = postmasterPid()!;
    expect(await sql(command.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await command.stop();
    expect(alive(pid)).toBe(false);
  });

  it("explains in one line when its port is taken by another program", async () => {
    const port = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")).port;
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const failure = await resolveDatabase({ purpose: "server", log }).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(
        new RegExp(`^Embedded Postgres could not start: port ${port} on 127.0.0.1 is in use`),
      );
      expect((failure as Error).message).not.toContain("\n");
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it.runIf(os.userInfo().uid === 0)("as root, names the folder the postgres user may not enter, in one line", async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), "kk-closed-")); // 0700, as mktemp -d makes
    process.env.KK_DATA_DIR = path.join(closed, "inner", "data");
    try {
      const failure = await resolveDatabase({ purpose: "server", log }).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain(`may not enter ${closed}: run "chmod o+x ${closed}"`);
      expect((failure as Error).message).not.toContain("\n");
    } finally {
      process.env.KK_DATA_DIR = dataDir;
      fs.rmSync(closed, { recursive: true, force: true });
    }
  });

  it("uses DATABASE_URL when it is set, and never stops that server", async () => {
    process.env.DATABASE_URL = "postgresql://someone@db.example:5432/kenniskring";
    try {
      const database = await resolveDatabase({ purpose: "server", log });
      expect(database).toMatchObject({ url: process.env.DATABASE_URL, embedded: false });
      await database.stop();
      expect(fs.existsSync(path.join(pgdata, "postmaster.pid"))).toBe(false);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});

/** Another Node process (as the web server or a CLI command would be) holding the database. */
async function holder(purpose: DatabasePurpose): Promise<ChildProcess> {
  const module = path.resolve("app/platform/embedded-postgres.server.ts");
  const code = `
    const { resolveDatabase } = await import(${JSON.stringify(module)});
    const quiet = { info() {}, warn() {}, debug() {} };
    const database = await resolveDatabase({ purpose: ${JSON.stringify(purpose)}, log: quiet });
    const idle = setInterval(() => {}, 60_000);
    // No process.exit(): after stop() nothing may keep this process alive.
    process.on("SIGTERM", async () => { await database.stop(); clearInterval(idle); });
    process.stdout.write("READY\\n");`;
  const env: NodeJS.ProcessEnv = { ...process.env, KK_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { env });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("READY")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`holder exited (${code}): ${output}`)));
  });
  return child;
}

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results = await client.query(text);
    return (Array.isArray(results) ? results.at(-1) : results).rows;
  } finally {
    await client.end();
  }
}

const postmasterPid = () => postmasterPidOf(pgdata);

/** A pid that surely belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn("true");
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

/** Whatever a test left running on the data dir (a killed holder's Postgres, say). */
async function forceStop() {
  const pid = postmasterPid();
  if (!pid || !alive(pid)) return;
  process.kill(pid, "SIGINT");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
}
