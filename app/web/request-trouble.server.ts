// What went wrong with the database during one request, so the middleware can answer 503 with
// Retry-After instead of the 500 React Router rendered for a loader's or action's error. The
// error itself reaches handleError (entry.server.tsx), not the middleware; both are handed the
// request's context, where this store carries it from one to the other. (An AsyncLocalStorage
// did this before decision 055: on Node 20 each one in use costs every promise a step.)
import { createContext, type RouterContextProvider } from "react-router";
import { type DatabaseTrouble, databaseTroubleOf, firstOfOutage, RETRY_AFTER_SECONDS } from "~/platform/database-trouble.server";
import { logger } from "~/platform/logger.server";

type Store = { trouble: DatabaseTrouble | null };
type Ctx = Readonly<RouterContextProvider>;

// On globalThis for the reason context.server.ts says: the server's and the built app's copies
// of this module are two instances, and a context is matched by identity.
const key = Symbol.for("kenniskring.context.databaseTrouble");
const store = globalThis as unknown as Record<symbol, ReturnType<typeof createContext<Store | null>>>;
const troubleContext = (store[key] ??= createContext<Store | null>(null));

export function trackDatabaseTrouble<T>(context: Ctx, fn: () => Promise<T>): { trouble: () => DatabaseTrouble | null; result: Promise<T> } {
  const tracked: Store = { trouble: null };
  context.set(troubleContext, tracked);
  return { trouble: () => tracked.trouble, result: fn() };
}

/**
 * Logs an error of a loader, action or middleware once: a database outage or overload by one
 * short line, with its stack only the first time in a run of failures (the request's own log
 * line already says 503); anything else whole. Returns the database trouble, if that is it.
 */
export function reportRequestError(error: unknown, where: string, context?: Ctx): DatabaseTrouble | null {
  const trouble = databaseTroubleOf(error);
  if (!trouble) {
    logger.error({ err: error, where }, "unhandled error in a loader or action");
    return null;
  }
  const tracked = context?.get(troubleContext);
  if (tracked) tracked.trouble ??= trouble;
  if (firstOfOutage()) {
    logger.warn({ err: error, where, trouble }, `database ${trouble}: answering 503 until it answers again (stack shown once)`);
  }
  return trouble;
}

/**
 * A 503 says when to try again. React Router drops the headers of a response thrown by a
 * middleware (it renders the error boundary from the status alone), so the entry adds
 * Retry-After to every 503 that lacks one, pages (handleRequest) and data (handleDataRequest).
 */
export function ensureRetryAfter(status: number, headers: Headers, context?: Ctx): void {
  if (status === 503 && !headers.has("Retry-After")) {
    const trouble = context?.get(troubleContext)?.trouble ?? "unavailable";
    headers.set("Retry-After", String(RETRY_AFTER_SECONDS[trouble]));
  }
}
