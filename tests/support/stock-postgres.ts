// A stock Debian PostgreSQL (the server production most likely runs) for the tests that must
// prove the product on it: backups over DATABASE_URL, a streaming read replica. Each test
// starts its own throw-away cluster from the installed binaries, in a temp dir, on a free
// loopback port, and stops it afterwards. Without the binaries those tests are skipped with
// one line saying so; CI installs them (.ci/run) and sets KK_REQUIRE_STOCK_POSTGRES=1, which
// turns a missing server into a failure instead.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresUserIds } from "./postgres-pids";
import { freePort } from "./server-process";

export type StockPostgres = {
  port: number;
  dataDir: string;
  version: string;
  /** Superuser URL of a database on it. */
  url(database?: string): string;
  query(sql: string, database?: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
};

const CANDIDATES = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"];

/** The stock server's programs, or null (with the reason) when this machine has none. */
export function stockPostgresBin(): string | null {
  const configured = process.env.KK_STOCK_PG_BIN;
  const found = (configured ? [configured] : CANDIDATES).find((dir) => fs.existsSync(path.join(dir, "pg_basebackup")));
  if (!found && process.env.KK_REQUIRE_STOCK_POSTGRES === "1")
    throw new Error("KK_REQUIRE_STOCK_POSTGRES=1 but no stock PostgreSQL is installed (apt-get install postgresql-15)");
  return found ?? null;
}

/** For describe.skipIf: true (and one line on the console) when no stock server can run here. */
export function skipWithoutStockPostgres(what: string): boolean {
  if (stockPostgresBin()) return false;
  console.log(`skipped ${what}: no stock PostgreSQL here (apt-get install postgresql-15; CI runs it)`);
  return true;
}

const runAs = postgresUserIds;

function prepareDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const user = runAs();
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid!);
  fs.chmodSync(dir, 0o700);
  return dir;
}

function run(bin: string, program: string, args: string[]) {
  const result = spawnSync(path.join(bin, program), args, { ...runAs(), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
}

const SETTINGS = [
  "-c", "listen_addresses=127.0.0.1",
  // Throw-away clusters: durability costs seconds and proves nothing here.
  "-c", "fsync=off",
  "-c", "synchronous_commit=off",
  "-c", "full_page_writes=off",
  "-c", "wal_level=replica",
  "-c", "max_wal_senders=4",
  "-c", "hot_standby=on",
];

async function launch(bin: string, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-k", dataDir, ...SETTINGS], {
    ...runAs(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let said = "";
  child.stderr!.on("data", (d: Buffer) => (said = (said + d.toString()).slice(-4000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${said}`);
    const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return child;
    } catch {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${said}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function handle(bin: string, dir: string, dataDir: string, port: number, child: ChildProcess): StockPostgres {
  const version = fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    dataDir,
    version,
    url,
    async query(sql, database) {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh cluster (trust authentication: loopback only, a temp dir, gone after the test). */
export async function startStockPostgres(): Promise<StockPostgres> {
  const bin = stockPostgresBin();
  if (!bin) throw new Error("no stock PostgreSQL installed");
  const dir = prepareDir("kk-stock-");
  const dataDir = path.join(dir, "data");
  run(bin, "initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  fs.appendFileSync(path.join(dataDir, "pg_hba.conf"), "host replication postgres 127.0.0.1/32 trust\n");
  const port = await freePort();
  return handle(bin, dir, dataDir, port, await launch(bin, dataDir, port));
}

/** A streaming replica of primary: pg_basebackup -R, then a hot standby on its own port. */
export async function startStreamingReplica(primary: StockPostgres): Promise<StockPostgres> {
  const bin = stockPostgresBin()!;
  const dir = prepareDir("kk-replica-");
  const dataDir = path.join(dir, "data");
  run(bin, "pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", dataDir, "-R", "-X", "stream", "--no-sync"]);
  const port = await freePort();
  return handle(bin, dir, dataDir, port, await launch(bin, dataDir, port));
}
