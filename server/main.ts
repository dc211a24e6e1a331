// Kenniskring's server: resolve the database (DATABASE_URL or the embedded Postgres) →
// migrate → seed demo content into an empty database → serve, in this process or in
// WEB_CONCURRENCY worker processes (server/processes.ts). One clear line and a non-zero exit
// when any of that fails; a clean stop (Postgres included) on SIGINT/SIGTERM.
import cluster from "node:cluster";
import os from "node:os";
import { scheduleBackups } from "~/platform/backup-schedule.server";
import { backupDir } from "~/platform/data-dir.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import { disconnectDb } from "~/platform/db.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { env, publicOrigin } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { migrate } from "~/platform/migrate.server";
import { startSearch } from "~/search/startup.server";
import { seedDemoIfEmpty } from "../prisma/seed/demo";
import { startInboundMail } from "~/web/inbound-mail.server";
import { startHttp } from "./http";
import { installMemoryReport } from "./memory-report";
import { announceSetupLink, startJobs } from "./jobs";
import { runPrimary, runWorker } from "./processes";
import { onStopSignals } from "./stop";
import { inConsoleLanguage as say } from "~/platform/console-language";

const dev = process.argv.includes("--dev");

async function main() {
  if (cluster.isWorker) {
    installMemoryReport("worker");
    return runWorker();
  }
  installMemoryReport("primary");
  const started = Date.now();
  // Where start-up time goes, at debug level (issue 24: ready within 5 s when built).
  const step = (name: string) => logger.debug({ ms: Date.now() - started }, `start-up: ${name}`);
  const settings = env();
  const database = await resolveDatabase({ purpose: "server" });
  process.env.DATABASE_URL = database.url; // workers inherit it
  // The embedded Postgres is ours to keep running: restarted when it dies (decision 018).
  database.supervise?.();
  step("database ready");
  const { applied } = await migrate(database.url);
  if (applied.length) logger.info({ applied }, "applied migrations");
  step("migrations checked");
  if (settings.SEED_DEMO === "1") {
    // The first seed takes ~20 s: say so while it runs, not only after it — and only when it
    // seeds (the emptiness check is the first query, slow on a busy machine; issue 24).
    const seeded = await seedDemoIfEmpty(() =>
      process.stdout.write(
        `${say("De voorbeeldinhoud wordt klaargezet (de eerste keer duurt dat ongeveer 20 seconden)…", "Putting the demo content in place (the first time takes about 20 seconds)…")}\n`,
      ),
    );
    if (seeded) logger.info("seeded the demo content");
  }
  step("demo content checked");
  const backups = scheduleBackups({
    url: database.url,
    dir: backupDir(),
    uploadsDir: uploadsDirectory(),
    intervalHours: settings.BACKUP_INTERVAL_HOURS,
    keep: settings.BACKUP_KEEP,
    log: logger,
  });
  const stopDatabase = async () => {
    await backups.stop();
    await disconnectDb();
    await database.stop();
  };
  const jobs = await startJobs(); // mail and other jobs: worked here, enqueued by every process
  const stopJobsAndDatabase = async () => {
    await jobs.stop();
    await stopDatabase();
  };
  step("jobs started");
  await announceSetupLink((line) => process.stdout.write(`${line}\n`));

  const processes = dev ? 1 : settings.WEB_CONCURRENCY === "auto" ? os.availableParallelism() : settings.WEB_CONCURRENCY;
  if (processes > 1) {
    // The primary keeps to the database side and its workers (decision 018): the search
    // index is kept current by the workers (one of them rebuilds; reindex takes a lock), and
    // the primary's connections go back to Postgres.
    await disconnectDb();
    runPrimary({
      processes,
      started,
      stop: stopJobsAndDatabase,
      fail: async (message) => {
        await stopJobsAndDatabase().catch(() => {});
        return fail(message);
      },
    });
    return;
  }

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

function fail(message: string): never {
  // One line a person can act on; the details are in the structured log above it.
  process.stderr.write(`${say(`Kenniskring kon niet starten: ${message}`, `Kenniskring could not start: ${message}`)}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  logger.debug({ err: error }, "start-up failed");
  fail(error instanceof Error ? error.message : String(error));
});
