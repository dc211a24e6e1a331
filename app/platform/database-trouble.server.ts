// Failures that say nothing about the request but everything about the database right now: it
// is gone (restarting, unreachable) or too busy to take the request in time. Both are answered
// 503 with Retry-After (app/web/viewer-middleware.server.ts), never 500, and logged as one line
// per request with the stack once per outage (decision 018), not a stack trace per request.

export type DatabaseTrouble = "unavailable" | "busy";

/** Seconds a client should wait before trying again, per kind of trouble. */
export const RETRY_AFTER_SECONDS: Record<DatabaseTrouble, number> = {
  // The supervisor has the embedded Postgres back within seconds (decision 018).
  unavailable: 5,
  busy: 2,
};

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1017", // server has closed the connection
  "57P01", // admin_shutdown (fast or immediate stop, or the postmaster died)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, shutting down, recovering
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const BUSY_CODES = new Set([
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction API: could not start in time, or outlived its limit
  "53300", // too_many_connections
  "57014", // query_canceled (statement_timeout)
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const BUSY_KINDS = new Set(["TooManyConnections"]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|the database system is (starting up|shutting down|in recovery mode|not yet accepting)|terminating connection due to|server closed the connection|Can't reach database server|DATABASE_URL is not set/i;
const BUSY_MESSAGES =
  /timeout exceeded when trying to connect|Unable to start a transaction in the given time|Transaction already closed|Transaction API error|timed out fetching a new connection/i;

/** What the error says about the database, or null when it is about this request. */
export function databaseTroubleOf(error: unknown): DatabaseTrouble | null {
  let busy = false;
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return false;
    seen.add(value);
    const { code, kind, message, cause, meta, originalCode } = value as Record<string, unknown>;
    for (const c of [code, originalCode]) {
      if (typeof c !== "string") continue;
      if (UNAVAILABLE_CODES.has(c)) return true;
      if (BUSY_CODES.has(c)) busy = true;
    }
    if (typeof kind === "string") {
      if (UNAVAILABLE_KINDS.has(kind)) return true;
      if (BUSY_KINDS.has(kind)) busy = true;
    }
    if (typeof message === "string") {
      if (UNAVAILABLE_MESSAGES.test(message)) return true;
      if (BUSY_MESSAGES.test(message)) busy = true;
    }
    const driver = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    return visit(cause, depth + 1) || visit(driver, depth + 1) || visit(meta, depth + 1);
  };
  if (visit(error, 0)) return "unavailable";
  return busy ? "busy" : null;
}

/**
 * One stack per outage: the first failure of a run of them is logged whole, the ones after it
 * only by their request's own log line. A request that reaches the database again ends the run.
 */
let inOutage = false;

/** True for the first failure since the database last answered: log its stack. */
export function firstOfOutage(): boolean {
  if (inOutage) return false;
  inOutage = true;
  return true;
}

/** The database answered a request: the next failure starts a new run (and logs its stack). */
export function databaseAnswered(): void {
  inOutage = false;
}
