// The product's one job queue (decision 015): pg-boss, in the same Postgres as everything else.
//
//   // once, at module level, where the work belongs:
//   export const sendMail = defineQueue<{ mailId: number }>("mail.send", {
//     retryLimit: 8, retryDelaySeconds: 30, handler: async (data, job) => { … },
//   });
//   // anywhere, in the caller's transaction when the job must exist only if the write commits:
//   await db.$transaction(async (tx) => { …; await sendMail.enqueue({ mailId }, { tx }); });
//
// Enqueueing writes one row through the app's own Prisma client (or the caller's
// transaction), so web processes open no pool of their own. Only the process that
// startJobRunner({ work: true }) runs in (`npm start`'s one process, or its first worker with
// WEB_CONCURRENCY > 1: decision 042) fetches and works jobs;
// pg-boss hands each job to one worker (SKIP LOCKED), so several machines may each run one.
import { createRequire } from "node:module";
import pg from "pg";
import type PgBossType from "pg-boss";
import type { Job, JobWithMetadata } from "pg-boss";
import type { Prisma } from "~/generated/prisma/client";
import { databaseTroubleOf } from "./database-trouble.server";
import { stopExplains } from "./stopping.server";
import { db } from "./db.server";
import { logger } from "./logger.server";

// pg-boss 10 is CommonJS with `export =` typings; a require keeps its class as it is.
const PgBoss = createRequire(import.meta.url)("pg-boss") as typeof PgBossType;

export const JOBS_SCHEMA = "pgboss";

// pg-boss reports the loss of each pooled connection and every failed poll while Postgres is
// down; the supervisor and the request log already say so. One short line a minute, no stacks
// (decision 018); any other error of the queue whole.
let databaseTroubleSaidAt = 0;
function reportQueueError(error: Error): void {
  if (!databaseTroubleOf(error)) {
    logger.error({ err: error }, "job queue error");
    return;
  }
  if (Date.now() - databaseTroubleSaidAt < 60_000) return;
  databaseTroubleSaidAt = Date.now();
  logger[stopExplains(error.message) ? "info" : "warn"]({ reason: error.message }, "job queue: no database; jobs wait until it is back");
}

export type JobContext = {
  id: string;
  /** How many tries failed before this one (0 on the first). */
  retryCount: number;
  /** True when a failure now is the job's last: no retry follows. */
  lastTry: boolean;
  /** Aborted when the runner stops: a long job hands back what it has not begun (decision 041). */
  signal: AbortSignal;
};

export type QueueOptions<T> = {
  /** Work one job. Throw to have it retried (with back-off) until retryLimit is used up. */
  handler: (data: T, job: JobContext) => Promise<void>;
  /** Retries after the first try (default 5). */
  retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled each time with `retryBackoff`. */
  retryDelaySeconds?: number;
  /** Exponential back-off with jitter (default true). */
  retryBackoff?: boolean;
  /** A try that runs longer than this fails (default 5 minutes). */
  expireInSeconds?: number;
  /** Jobs fetched at once; the handler runs them `concurrency` at a time (defaults 10, 5). */
  batchSize?: number;
  concurrency?: number;
  /** How often an idle runner looks for new jobs (default 2 s). */
  pollingIntervalSeconds?: number;
  /** Cron (UTC) to enqueue this job on its own, e.g. "17 3 * * *" (data: {}). */
  cron?: string;
};

export type EnqueueOptions = {
  /** The caller's transaction: the job exists only if it commits. */
  tx?: Prisma.TransactionClient;
  /** Start no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** At most one queued job per key (pg-boss singletonKey). */
  singletonKey?: string;
};

export type Queue<T> = {
  readonly name: string;
  enqueue(data: T, options?: EnqueueOptions): Promise<string | null>;
  enqueueMany(items: T[], options?: Omit<EnqueueOptions, "singletonKey" | "startAfterSeconds">): Promise<void>;
};

type Definition = QueueOptions<never> & { name: string };
const definitions = new Map<string, Definition>();

/** Declares a queue and its handler. Call at module level: the runner works every declared queue. */
export function defineQueue<T extends object>(name: string, options: QueueOptions<T>): Queue<T> {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new Error(`bad queue name ${name}`);
  definitions.set(name, { ...(options as QueueOptions<never>), name });
  return {
    name,
    async enqueue(data, opts = {}) {
      const id = await sender().send(name, data, {
        db: sqlThrough(opts.tx ?? db),
        startAfter: opts.startAfterSeconds,
        singletonKey: opts.singletonKey,
      });
      // pg-boss inserts nothing (and says nothing) for a queue it does not know.
      if (id === null && !opts.singletonKey) throw new Error(`job queue ${name} does not exist: start the job runner first`);
      return id;
    },
    async enqueueMany(items, opts = {}) {
      if (!items.length) return;
      // pg-boss's bulk insert returns no ids; the count of inserted rows tells the same.
      let inserted = 0;
      await sender().insert(
        items.map((data) => ({ name, data: data as object })),
        { db: countingSqlThrough(opts.tx ?? db, (n) => (inserted += n)) },
      );
      if (inserted !== items.length) throw new Error(`job queue ${name} took ${inserted} of ${items.length} jobs: does it exist?`);
    },
  };
}

// ── Enqueueing: pg-boss's own statements, run by Prisma ───────────────────────────────

type SqlRunner = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

function sqlThrough(client: Prisma.TransactionClient): SqlRunner {
  return {
    async executeSql(text, values = []) {
      const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values.map(toSqlValue));
      return { rows };
    },
  };
}

function countingSqlThrough(client: Prisma.TransactionClient, count: (n: number) => void): SqlRunner {
  return {
    async executeSql(text, values = []) {
      count(await client.$executeRawUnsafe(text, ...values.map(toSqlValue)));
      return { rows: [] };
    },
  };
}

/** pg would JSON-encode objects and send undefined as NULL; Prisma needs that spelled out. */
function toSqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

let sendOnly: PgBossType | undefined;
/** A pg-boss that only builds statements: it is never started and owns no connection. */
function sender(): PgBossType {
  sendOnly ??= new PgBoss({ db: sqlThrough(db), schema: JOBS_SCHEMA });
  return sendOnly;
}

// ── Working the queues ────────────────────────────────────────────────────────────────

/**
 * The back-off of work that keeps its own retries (mail, decision 041): `base` seconds doubled
 * per retry, with jitter, as pg-boss does for jobs; a runner started with `quickRetries` (tests)
 * waits 1 s and allows at most 2 retries, as it does for jobs.
 */
let quickRetries = false;
export function ownRetries(limit: number, baseSeconds: number): { limit: number; delaySeconds(retry: number): number } {
  if (quickRetries) return { limit: Math.min(2, limit), delaySeconds: () => 1 };
  return { limit, delaySeconds: (retry) => baseSeconds * 2 ** retry * (0.75 + Math.random() * 0.5) };
}

export type JobRunner = {
  /** Finishes the jobs in hand (up to `timeoutMs`), then closes the connections. */
  stop(timeoutMs?: number): Promise<void>;
  /** Looks for new jobs now instead of at the next poll (tests, and right after a burst). */
  wake(queue: string): void;
};

/**
 * pg-boss creates a queue's partition and its row in one statement, and two processes doing
 * that at the same moment (two servers started together on one database) deadlock: one of
 * them failed to start. A session advisory lock on a connection of its own lets one process
 * at a time set up; closing that connection releases it, also when the setup throws.
 */
const QUEUE_SETUP_LOCK = 727_001; // any number no other advisory lock of ours uses
async function oneProcessAtATime(connectionString: string, setUp: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "kenniskring-jobs-setup" });
  client.on("error", () => {}); // a dropped connection fails the query below instead
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    await setUp();
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates pg-boss's schema and the declared queues (idempotent), and, with `work`, starts
 * working them. `quickRetries` (tests of retries only): at most 2 retries, 1 s apart.
 */
export async function startJobRunner(opts: { work: boolean; quickRetries?: boolean; connectionString?: string }): Promise<JobRunner> {
  const connectionString = opts.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: resolve the database before starting the job runner");
  quickRetries = opts.quickRetries ?? false;
  const stopping = new AbortController();
  const boss = new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    application_name: "kenniskring-jobs",
    max: 4,
    supervise: opts.work,
    schedule: opts.work,
    // Completed and failed jobs are the app's own records' business (mail keeps its status);
    // pg-boss keeps them a week for inspection.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 7,
  });
  boss.on("error", reportQueueError);
  await oneProcessAtATime(connectionString, async () => {
    await boss.start();
    for (const def of definitions.values()) {
      const queueOptions = {
        name: def.name,
        retryLimit: opts.quickRetries ? Math.min(2, def.retryLimit ?? 5) : (def.retryLimit ?? 5),
        retryDelay: opts.quickRetries ? 1 : (def.retryDelaySeconds ?? 30),
        retryBackoff: opts.quickRetries ? false : (def.retryBackoff ?? true),
        expireInSeconds: def.expireInSeconds ?? 5 * 60,
      };
      await boss.createQueue(def.name, queueOptions);
      await boss.updateQueue(def.name, queueOptions); // a changed definition takes effect
      if (opts.work && def.cron) await boss.schedule(def.name, def.cron, {});
    }
  });

  const workerIds = new Map<string, string>();
  for (const def of definitions.values()) {
    if (!opts.work) continue;
    const batchSize = def.batchSize ?? 10;
    const id = await boss.work(
      def.name,
      { batchSize, includeMetadata: true, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2 },
      async (jobs: JobWithMetadata<object>[]) => {
        await workBatch(def, jobs, boss, stopping.signal);
        // A full batch means more are waiting: fetch again now instead of after the interval.
        if (jobs.length === batchSize) boss.notifyWorker(workerIds.get(def.name)!);
      },
    );
    workerIds.set(def.name, id);
  }

  return {
    async stop(timeoutMs = 10_000) {
      stopping.abort();
      await boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
    },
    wake(queue) {
      const id = workerIds.get(queue);
      if (id) boss.notifyWorker(id);
    },
  };
}

/**
 * pg-boss hands a batch to one callback and completes or fails it as a whole; here each job
 * succeeds or fails on its own (a bad address must not make nine good mails wait), so the
 * failed ones are failed by id and the callback returns normally.
 */
async function workBatch(def: Definition, jobs: JobWithMetadata<object>[], boss: PgBossType, signal: AbortSignal) {
  const concurrency = Math.max(1, def.concurrency ?? 5);
  let next = 0;
  const failures: { id: string; error: unknown }[] = [];
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const context: JobContext = { id: job.id, retryCount: job.retryCount, lastTry: job.retryCount >= job.retryLimit, signal };
      try {
        await def.handler(job.data as never, context);
      } catch (error) {
        failures.push({ id: job.id, error });
        logger.warn({ queue: def.name, job: job.id, retry: job.retryCount, err: error }, "job failed");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  // Failing by id first makes the batch's completion (pg-boss's, after we return) skip them.
  for (const { id, error } of failures) {
    await boss.fail(def.name, id, { message: error instanceof Error ? error.message : String(error) });
  }
}

/** For tests: a job runner's queue names. */
export function declaredQueues(): string[] {
  return [...definitions.keys()];
}

export type { Job };
