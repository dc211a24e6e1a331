// Keeps the embedded Postgres running while the server runs (decision 018). Postgres restarts
// its own worker processes after one crashes; what nobody brought back was Postgres itself (its
// postmaster) after it was killed or crashed. The server owns it, so the server watches it:
// every half second it asks the operating system whether that process still lives. When it
// does not, one line says so, and the server starts it again (or adopts one a person started by
// hand meanwhile), backing off while that fails and saying once per reason why. Meanwhile every
// request is answered 503 with Retry-After (viewer-middleware), and serves again by itself.
import type { Log } from "./embedded-postgres.server";
import { isAlive } from "./postgres-process.server";

export type Supervisor = {
  /** The Postgres process now watched (changes after a restart). */
  pid(): number;
  /** Stop watching; waits for a restart in progress to finish. */
  stop(): Promise<void>;
};

export type SupervisorOptions = {
  pid: number;
  /** Starts Postgres (or adopts one that runs), returning its pid; throws with a one-line reason. */
  restart: () => Promise<{ pid: number; adopted: boolean }>;
  log: Log;
  checkEveryMs?: number;
  /** Waits between attempts: the last one repeats for as long as it takes. */
  backoffMs?: number[];
};

const BACKOFF_MS = [200, 1_000, 2_000, 5_000, 10_000, 30_000];

export function supervisePostgres(opts: SupervisorOptions): Supervisor {
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  let pid = opts.pid;
  let stopping = false;
  let restarting: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = null));

  const bringBack = async (lost: number) => {
    const since = Date.now();
    opts.log.warn(`embedded Postgres (pid ${lost}) stopped unexpectedly; restarting it (pages answer 503 meanwhile)`);
    let lastReason = "";
    for (let attempt = 0; !stopping; attempt++) {
      await pause(backoff[Math.min(attempt, backoff.length - 1)]!);
      if (stopping) return;
      try {
        const back = await opts.restart();
        pid = back.pid;
        const seconds = ((Date.now() - since) / 1000).toFixed(1);
        opts.log.info(
          back.adopted
            ? `embedded Postgres is back after ${seconds} s: using the one started outside Kenniskring (pid ${pid}); it stops with the server`
            : `embedded Postgres is back after ${seconds} s (pid ${pid})`,
        );
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // One line per reason, not one per attempt: the log stays readable through a long outage.
        if (reason !== lastReason) {
          const wait = backoff[Math.min(attempt + 1, backoff.length - 1)]! / 1000;
          opts.log.warn(`could not restart the embedded Postgres, trying again in ${wait} s and then every ${backoff.at(-1)! / 1000} s: ${reason}`);
        }
        lastReason = reason;
      }
    }
  };

  const timer = setInterval(() => {
    if (stopping || restarting || isAlive(pid)) return;
    restarting = bringBack(pid).finally(() => (restarting = null));
  }, opts.checkEveryMs ?? 500);
  // Watching must not keep a process alive that has nothing else left to do.
  timer.unref();

  return {
    pid: () => pid,
    async stop() {
      stopping = true;
      clearInterval(timer);
      wake?.();
      await restarting;
    },
  };
}
