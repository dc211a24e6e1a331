// The app's Prisma client. Created on first use, not at import: the server resolves the
// database (maybe starting the embedded one) and tests create their own database before they
// set DATABASE_URL, and both happen after this module is imported.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client";
import { databaseTroubleOf } from "./database-trouble.server";
import { env } from "./env.server";

type Holder = { client?: PrismaClient; replica?: PrismaClient | null };

// In development Vite re-evaluates modules on every change; keeping the client on globalThis
// stops each reload from opening a new pool of connections.
const holder: Holder =
  process.env.NODE_ENV === "production"
    ? {}
    : ((globalThis as { __kenniskringDb?: Holder }).__kenniskringDb ??= {});

function client(): PrismaClient {
  if (!holder.client) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error("DATABASE_URL is not set: resolve the database before the first query");
    holder.client = createClient(connectionString);
  }
  return holder.client;
}

function createClient(connectionString: string, onError?: (error: unknown) => void): PrismaClient {
  const base = new PrismaClient({
    adapter: new PrismaPg(poolSettings(connectionString), { statementNameGenerator: preparedStatementName }),
    transactionOptions: TRANSACTION_LIMITS,
  });
  // Postgres cannot store U+0000 in text and answers such a query with an error; a NUL typed
  // or pasted into any form would then become a 500. It carries no meaning in text, so it is
  // dropped from every argument of every query, reads included, in this one place.
  return base.$extends({
    query: {
      $allOperations: ({ args, query }) =>
        onError ? query(withoutNul(args)).catch((error: unknown) => {
          onError(error);
          throw error;
        }) : query(withoutNul(args)),
    },
  }) as unknown as PrismaClient;
}

// Reads from a streaming replica (DATABASE_REPLICA_URL, decision 020). Only where a read asks
// for it (readDb()), and only in a request that may: one that writes, and the pages a member
// reads in the seconds after their own write (own-writes.server.ts), read the primary, so
// nobody misses what they just did. A replica that fails is left alone for a while.
type Routing = { replicaAllowed: boolean };
const routing = new AsyncLocalStorage<Routing>();
const REPLICA_REST_MS = 30_000;
let replicaDownUntil = 0;

/** Runs fn (a request's loaders) with reads routed as allowed; the web layer decides. */
export function withReadRouting<T>(replicaAllowed: boolean, fn: () => T): T {
  // Without a replica every read goes to the primary, whatever the request allows: no store
  // to carry. An AsyncLocalStorage that has run once costs every promise of the process a
  // propagation step from then on (Node 20's async hooks; ≈3 % of a list page, decision 055).
  if (!process.env.DATABASE_REPLICA_URL) return fn();
  return routing.run({ replicaAllowed }, fn);
}

/**
 * The client for a read that may see the database as it was a moment ago: the replica when
 * one is set, up, and the request allows it; else the primary (`db`).
 */
export function readDb(): PrismaClient {
  if (!routing.getStore()?.replicaAllowed || Date.now() < replicaDownUntil) return db;
  if (holder.replica === undefined) {
    const url = process.env.DATABASE_REPLICA_URL;
    holder.replica = url
      ? createClient(url, (error) => {
          if (databaseTroubleOf(error) === "unavailable") replicaDownUntil = Date.now() + REPLICA_REST_MS;
        })
      : null;
  }
  return holder.replica ?? db;
}

/**
 * How long a request may wait for the database before it is shed with 503 (decision 018).
 * Under load every query waits for one of the pool's connections. Prisma's defaults let a
 * plain query wait forever (pg's pool has no limit) but a transaction only 2 s, and cut off a
 * transaction after 5 s: on a busy 2-core machine a search (one transaction) and turning a
 * meeting into its report answered 500 while the pages around them waited and succeeded. Now
 * every kind of statement waits the same bounded time for a connection, and a transaction may
 * run as long as a slow machine needs (the limit is there for a runaway, not for load).
 */
export const CONNECTION_WAIT_MS = 10_000;
const TRANSACTION_LIMITS = { maxWait: CONNECTION_WAIT_MS, timeout: 30_000 };

function poolSettings(connectionString: string) {
  return { connectionString, max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: CONNECTION_WAIT_MS };
}

// Named statements: each connection parses (and, after a few runs, plans) a statement once and
// then only executes it. A thread page runs a dozen small statements; parsing and planning them
// every time was most of Postgres' 3 ms per page (bench). Searches stay unnamed: their best
// plan depends on the words searched (a generic plan cannot know how common they are), so
// they are planned every time. The set of names is bounded, in case some code ever builds
// unboundedly many distinct statements.
const MAX_NAMED_STATEMENTS = 2_000;
const statementNames = new Map<string, string>();

/** The statement's name, or "" for the unnamed statement (parsed and planned every time). */
export function preparedStatementName({ sql }: { sql: string }): string {
  if (sql.includes("tsquery")) return "";
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return "";
    name = `kk_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function withoutNul<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  // A raw statement ($queryRaw`…`): its values are the user's text as much as a model call's.
  if (value instanceof Prisma.Sql) return new Prisma.Sql(value.strings, value.values.map(withoutNul)) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  }
  return value; // dates, decimals, buffers, Prisma's own objects: untouched
}

/**
 * Reads like a plain client (`db.user.findUnique(...)`, `db.$transaction(...)`) but
 * connects on first use with the DATABASE_URL of that moment.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** Closes the pool; the next use of `db` connects again (with the then-current URL). */
export async function disconnectDb(): Promise<void> {
  const current = holder.client;
  const replica = holder.replica;
  holder.client = undefined;
  holder.replica = undefined;
  await current?.$disconnect();
  await replica?.$disconnect();
}

/** For /healthz: can we run a query right now? Never throws, never waits long. */
export async function pingDb(timeoutMs = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = (async () => {
    await db.$queryRaw`SELECT 1`;
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A unique index refused a write: P2002 from a model call, or, from a raw statement, P2010
 *  with the driver adapter's UniqueConstraintViolation. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (e.code === "P2002") return true;
  return e.code === "P2010" && causeOf(e)?.kind === "UniqueConstraintViolation";
}

/** The unique index a raw statement violated (its name), or null. */
export function violatedUniqueIndex(e: unknown): string | null {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2010") return null;
  const cause = causeOf(e);
  return cause?.kind === "UniqueConstraintViolation" ? (cause.constraint?.index ?? null) : null;
}

function causeOf(e: Prisma.PrismaClientKnownRequestError) {
  const meta = e.meta as { driverAdapterError?: { cause?: { kind?: string; constraint?: { index?: string } } } } | undefined;
  return meta?.driverAdapterError?.cause;
}

/**
 * Runs `fn` in a transaction: a new one on the database client, or the caller's when it
 * passes its own (an import writes everything in one). Domain writers take an optional client
 * for that reason.
 */
export async function inTransaction<T>(
  client: PrismaClient | Prisma.TransactionClient,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return isTransaction(client) ? fn(client) : (client as PrismaClient).$transaction(fn);
}

/** A transaction's client lacks what only the root client has ($connect, $extends, …). */
export function isTransaction(client: PrismaClient | Prisma.TransactionClient): client is Prisma.TransactionClient {
  return typeof (client as Partial<PrismaClient>).$connect !== "function";
}
