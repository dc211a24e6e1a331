// Knowing, in this process, that content changed somewhere (decision 010). Triggers on the
// content tables send a notification on the channel 'content_changed' when a transaction
// commits (migration 20261125150000). Each server process holds one LISTEN connection and
// counts the notifications in a *generation* number. Page data kept in memory is tagged with
// the generation it was read in and is good only while the generation stays the same.
//
// Unknown is never taken for "unchanged": until the LISTEN connection is up, and whenever it
// is down, contentGeneration() answers null and callers read live. After a reconnect the
// generation moves on, because notifications sent while we were away are lost.
import pg from "pg";
import type { Logger } from "pino";

export const CONTENT_CHANGED_CHANNEL = "content_changed";

type State = { generation: number; listening: boolean };

// On globalThis: the server's copy of this module (which listens) and the built app's copy
// (whose loaders ask) are two module instances in one process.
const state: State = ((globalThis as Record<symbol, State | undefined>)[Symbol.for("kenniskring.contentChanges")] ??= {
  generation: 0,
  listening: false,
});

/** The current generation, or null when changes cannot be known right now (read live then). */
export function contentGeneration(): number | null {
  return state.listening ? state.generation : null;
}

export type ContentChangeFeed = { stop(): Promise<void> };

type FeedOptions = {
  logger: Logger;
  /** First wait before reconnecting; it doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
};

/**
 * Listens for content changes until stop(). Resolves once the first connection attempt has
 * succeeded or failed; a failure is logged and retried, never fatal: without the feed pages
 * are only read live.
 */
export async function followContentChanges(connectionString: string, options: FeedOptions): Promise<ContentChangeFeed> {
  const { logger } = options;
  const firstRetryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let retryMs = firstRetryMs;
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let saidDown = false; // one warning per outage, not one per retry

  const lost = (reason: string) => {
    state.listening = false;
    state.generation++;
    client = null;
    if (stopped) return;
    if (!saidDown) logger.warn({ reason }, "no content-change connection; pages are read live until it is back");
    saidDown = true;
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const connect = async () => {
    // TCP keepalive: a connection that died silently (a proxy, a failover) must not leave us
    // trusting old data; the socket errors within about a minute and we reconnect.
    const candidate = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let settled = false;
    const onLost = (reason: string) => {
      if (settled || stopped) return;
      settled = true;
      candidate.removeAllListeners("notification");
      candidate.end().catch(() => {});
      lost(reason);
    };
    candidate.on("error", (error) => onLost(error.message));
    candidate.on("end", () => onLost("connection ended"));
    candidate.on("notification", () => {
      state.generation++;
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CONTENT_CHANGED_CHANNEL}`);
    } catch (error) {
      onLost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (stopped || settled) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    retryMs = firstRetryMs;
    if (saidDown) logger.info("the content-change connection is back");
    saidDown = false;
    state.generation++; // whatever was read before this point may predate a missed change
    state.listening = true;
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      state.listening = false;
      state.generation++;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
