// One worker process of WEB_CONCURRENCY > 1 (server/processes.ts forks it): serves HTTP on the
// shared port; the primary gave DATABASE_URL. One worker at a time also works the jobs, so the
// primary loads none of the app (decision 042). Imported only by a worker, on its start.
import { disconnectDb } from "~/platform/db.server";
import { env } from "~/platform/env.server";
import type { JobRunner } from "~/platform/jobs.server";
import { logger } from "~/platform/logger.server";
import { startSearch } from "~/search/startup.server";
import { startInboundMail } from "~/web/inbound-mail.server";
import { startHttp } from "./http";
import { type WorkerMessage, workerRole } from "./worker-role";
import { onStopSignals } from "./stop";

export async function runWorker(): Promise<void> {
  const settings = env();
  const role = workerRole();
  // Before serving: the job worker creates the queues every process enqueues into (the
  // primary forks the others once it says so), and says the set-up link once.
  let jobs: JobRunner | null = null;
  if (role.jobs) {
    const { announceSetupLink, startJobs } = await import("./jobs");
    jobs = await startJobs();
    if (role.announce) await announceSetupLink((line) => process.stdout.write(`${line}\n`));
    process.send?.("jobs-ready" satisfies WorkerMessage);
  }
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
    await jobs?.stop();
    await disconnectDb();
  });
}

