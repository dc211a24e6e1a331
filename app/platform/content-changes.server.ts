// Knowing, in this process, that content changed somewhere (decision 010). Triggers on the
// content tables send a notification on the channel 'content_changed' when a transaction
// commits (migration 20261125150000). Each server process follows the channel on its one
// listening connection (pg-listener.server.ts, shared with live updates) and counts the
// notifications in a *generation* number. Page data kept in memory is tagged with the
// generation it was read in and is good only while the generation stays the same.
//
// Unknown is never taken for "unchanged": until the LISTEN connection is up, and whenever it
// is down, contentGeneration() answers null and callers read live. After a reconnect the
// generation moves on, because notifications sent while we were away are lost.
import type { Logger } from "pino";
import { listenTo } from "./pg-listener.server";
import { stopExplains } from "./stopping.server";

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
 * Listens for content changes until stop(), on the process's one listening connection
 * (pg-listener.server.ts). Resolves once the first connection attempt has succeeded or
 * failed; a failure is logged and retried, never fatal: without the feed pages are only read
 * live.
 */
export async function followContentChanges(connectionString: string, options: FeedOptions): Promise<ContentChangeFeed> {
  const { logger } = options;
  let saidDown = false; // one warning per outage, not one per retry
  const subscription = await listenTo(
    connectionString,
    CONTENT_CHANGED_CHANNEL,
    {
      notify: () => {
        state.generation++;
      },
      up: () => {
        if (saidDown) logger.info("the content-change connection is back");
        saidDown = false;
        state.generation++; // whatever was read before this point may predate a missed change
        state.listening = true;
      },
      down: (reason) => {
        state.listening = false;
        state.generation++;
        if (!saidDown) logger[stopExplains(reason) ? "info" : "warn"]({ reason }, "no content-change connection; pages are read live until it is back");
        saidDown = true;
      },
    },
    { retryMs: options.retryMs, maxRetryMs: options.maxRetryMs },
  );
  return {
    async stop() {
      state.listening = false;
      state.generation++;
      await subscription.stop();
    },
  };
}
