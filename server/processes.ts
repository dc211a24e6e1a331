// Several server processes on one port (WEB_CONCURRENCY > 1): Node's cluster module. The
// primary process owns the database side (the embedded Postgres, migrations, the demo seed,
// re-indexing search) and starts the workers, which serve HTTP; the operating system hands
// each connection to one of them. Sessions, rate limits and everything else live in Postgres,
// so the processes behave as one site (tests/integration/server-processes.test.ts).
import cluster, { type Worker } from "node:cluster";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { disconnectDb } from "~/platform/db.server";
import { startSearch } from "~/search/startup.server";
import { startInboundMail } from "~/web/inbound-mail.server";
import { startHttp } from "./http";
import { onStopSignals } from "./stop";

type WorkerMessage = "listening" | { fail: string };

/** The worker side: serve HTTP on the shared port; the primary gave DATABASE_URL. */
export async function runWorker(): Promise<void> {
  const settings = env();
  startSearch(logger); // the lexicon for queries; one worker rebuilds an outdated index
  // Reply by e-mail: every worker listens on the one port, as for HTTP (cluster shares it).
  const inbound = await startInboundMail().catch((error: Error) => {
    process.send?.({ fail: `reply by e-mail: ${error.message}` } satisfies WorkerMessage, undefined, {}, () => process.exit(1));
    return null;
  });

  const http = await startHttp({
    dev: false,
    settings,
    onReady: () => process.send?.("listening" satisfies WorkerMessage),
    onError: (message) => {
      // Exit once the primary has the message: it stops the site and says it in one line.
      process.send?.({ fail: message } satisfies WorkerMessage, undefined, {}, () => process.exit(1));
    },
  });
  onStopSignals(async () => {
    await inbound?.close();
    await http.close();
    await disconnectDb();
  });
}

/** A worker that dies more often than this per minute is not restarted again. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** The primary side: start the workers, replace one that crashes, stop them all on a signal. */
export function runPrimary(opts: {
  processes: number;
  started: number;
  /** After the workers: the database side (Postgres last). */
  stop: () => Promise<void>;
  fail: (message: string) => Promise<never>;
}): void {
  const { processes } = opts;
  const port = env().PORT;
  const listening = new Set<number>();
  const restarts: number[] = [];
  let stopping = false;
  let announced = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: WorkerMessage) => {
      if (message === "listening") {
        listening.add(worker.id);
        if (!announced && listening.size === processes) {
          announced = true;
          logger.info(
            { port, processes, ms: Date.now() - opts.started },
            `Kenniskring listens on http://localhost:${port} (${processes} processes)`,
          );
        }
      } else if (!stopping) {
        stopping = true;
        void stopWorkers().then(() => opts.fail(message.fail));
      }
    });
    return worker;
  };

  const stopWorkers = async () => {
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => w.process.kill("SIGKILL"), 10_000);
            w.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            w.process.kill("SIGTERM");
          }),
      ),
    );
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) return;
    if (!announced && !wasListening) {
      stopping = true;
      void stopWorkers().then(() => opts.fail(`a server process exited while starting (code ${code ?? signal}); see above`));
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      stopping = true;
      void stopWorkers().then(() => opts.fail("server processes keep stopping unexpectedly; see the log"));
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, "a server process stopped unexpectedly; starting another");
    fork();
  });

  for (let i = 0; i < processes; i++) fork();
  onStopSignals(async () => {
    stopping = true;
    await stopWorkers();
    await opts.stop();
  });
}
