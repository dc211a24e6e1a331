// The server as one process (WEB_CONCURRENCY=1, and `npm run dev`): jobs, search, reply by
// e-mail and pages all here. Imported by server/main.ts only when it serves alone (decision 042).
import { disconnectDb } from "~/platform/db.server";
import { type Env, publicOrigin } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { startSearch } from "~/search/startup.server";
import { startInboundMail } from "~/web/inbound-mail.server";
import { inConsoleLanguage as say } from "~/platform/console-language";
import { startHttp } from "./http";
import { announceSetupLink, startJobs } from "./jobs";
import { onStopSignals } from "./stop";

export async function serveHere(opts: {
  dev: boolean;
  settings: Env;
  started: number;
  step: (name: string) => void;
  /** Backups, then Postgres. */
  stopDatabase: () => Promise<void>;
  fail: (message: string) => never;
}): Promise<void> {
  const { dev, settings, started, step, fail } = opts;
  const jobs = await startJobs(); // mail and other jobs: worked here, enqueued by every process
  const stopJobsAndDatabase = async () => {
    await jobs.stop();
    await disconnectDb();
    await opts.stopDatabase();
  };
  step("jobs started");
  await announceSetupLink((line) => process.stdout.write(`${line}\n`));
  startSearch(logger); // the Dutch lexicon now, not on the first search; a re-index if the analysis changed
  step("lexicon loaded");
  const inbound = await startInboundMail().catch((error: Error) => fail(`reply by e-mail: ${error.message}`));
  const http = await startHttp({
    dev,
    settings,
    onReady: () => {
      logger.info({ port: settings.PORT, ms: Date.now() - started }, `Kenniskring listens on http://localhost:${settings.PORT}`);
      // The one line a person starting the server needs, outside the JSON log (issue 22).
      const url = publicOrigin();
      process.stdout.write(`\n${say(`De Kenniskring is klaar: open ${url} in je browser.`, `Kenniskring is ready: open ${url} in your browser.`)}\n\n`);
    },
    onError: fail,
  });
  onStopSignals(async () => {
    await inbound?.close();
    await http.close();
    await stopJobsAndDatabase();
  });
}
