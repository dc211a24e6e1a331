// Several server processes on one port (WEB_CONCURRENCY > 1): Node's cluster module. The
// primary process owns the database side (the embedded Postgres, migrations, the demo seed,
// backups) and starts the workers (server/worker.ts), which serve HTTP; the operating system
// hands each connection to one of them. The first worker also works the job queues, so the
// primary imports none of the app (decision 042). Sessions, rate limits and everything else
// live in Postgres, so the processes behave as one site (tests/integration/server-processes.test.ts).
import cluster, { type Worker } from "node:cluster";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { workerEnv, workerExecArgv } from "./node-flags";
import { onStopSignals } from "./stop";
import { WORKER_ROLE, type WorkerMessage, type WorkerRoleName } from "./worker-role";

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

  const roles = new Map<number, WorkerRoleName>();
  let othersForked = false;
  // The workers serve the pages: they run with the server's Node flags and malloc setting even
  // when the primary was started without them (decision 047).
  cluster.setupPrimary({ execArgv: workerExecArgv() });
  const fork = (role: WorkerRoleName): Worker => {
    const worker = cluster.fork({ ...workerEnv(), [WORKER_ROLE]: role });
    roles.set(worker.id, role);
    worker.on("message", (message: WorkerMessage) => {
      if (message === "jobs-ready") {
        // The queues exist now: the other workers may enqueue into them.
        if (!othersForked) {
          othersForked = true;
          for (let i = 1; i < processes; i++) fork("web");
        }
      } else if (message === "listening") {
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
    const role = roles.get(worker.id) ?? "web";
    roles.delete(worker.id);
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
    // The job worker's replacement works the jobs; the set-up link was said already.
    fork(role === "web" ? "web" : "jobs");
  });

  fork("jobs+setup-link");
  onStopSignals(async () => {
    stopping = true;
    await stopWorkers();
    await opts.stop();
  });
}
