// Kenniskring's server: resolve the database (DATABASE_URL or the embedded Postgres) →
// migrate → seed demo content into an empty database → serve, in this process or in
// WEB_CONCURRENCY worker processes (server/processes.ts). One clear line and a non-zero exit
// when any of that fails; a clean stop (Postgres included) on SIGINT/SIGTERM.
//
// Only the database side is imported here. The app (pages, jobs, search, Prisma) is imported
// where it runs — in this process when it serves alone (server/single.ts), in the workers
// otherwise (server/worker.ts) — so the primary of WEB_CONCURRENCY > 1 never loads it
// (decision 042). The build keeps them one module graph: these are chunks of it (036).
import cluster from "node:cluster";
import os from "node:os";
import { scheduleBackups } from "~/platform/backup-schedule.server";
import { backupDir } from "~/platform/data-dir.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { env } from "~/platform/env.server";
import { logger } from "~/platform/logger.server";
import { migrate } from "~/platform/migrate.server";
import { limitHeapGrowth } from "./heap-growth";
import { installMemoryReport } from "./memory-report";
import { runPrimary } from "./processes";
import { hasMembers } from "./members";
import { inConsoleLanguage as say } from "~/platform/console-language";

const dev = process.argv.includes("--dev");
// Before the app is imported: the old generation grows by half, not up to 4×, between full
// collections (decision 047), in this process and in every worker (each runs this entry).
limitHeapGrowth();

async function main() {
  if (cluster.isWorker) {
    installMemoryReport("worker");
    const { runWorker } = await import("./worker");
    return runWorker();
  }
  const started = Date.now();
  // Where start-up time goes, at debug level (issue 24: ready within 5 s when built).
  const step = (name: string) => logger.debug({ ms: Date.now() - started }, `start-up: ${name}`);
  const settings = env();
  const processes = dev ? 1 : settings.WEB_CONCURRENCY === "auto" ? os.availableParallelism() : settings.WEB_CONCURRENCY;
  installMemoryReport(processes > 1 ? "primary" : "server");
  const database = await resolveDatabase({ purpose: "server" });
  process.env.DATABASE_URL = database.url; // workers inherit it
  // The embedded Postgres is ours to keep running: restarted when it dies (decision 018).
  database.supervise?.();
  step("database ready");
  const { applied } = await migrate(database.url);
  if (applied.length) logger.info({ applied }, "applied migrations");
  step("migrations checked");
  // The demo seed (and the Prisma client it writes with) is loaded only into an empty
  // database: asked over a plain connection first (decision 042).
  if (settings.SEED_DEMO === "1" && !(await hasMembers(database.url))) {
    const { seedDemoIfEmpty } = await import("../prisma/seed/demo");
    // The first seed takes ~20 s: say so while it runs, not only after it (issue 24).
    const seeded = await seedDemoIfEmpty(() =>
      process.stdout.write(
        `${say("De voorbeeldinhoud wordt klaargezet (de eerste keer duurt dat ongeveer 20 seconden)…", "Putting the demo content in place (the first time takes about 20 seconds)…")}\n`,
      ),
    );
    if (seeded) logger.info("seeded the demo content");
    // The primary's connections go back to Postgres; the workers open their own.
    if (processes > 1) await (await import("~/platform/db.server")).disconnectDb();
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
    await database.stop();
  };

  if (processes > 1) {
    // The primary keeps to the database side and its workers (decisions 018, 042): the first
    // worker works the jobs, the search index is kept current by the workers (one of them
    // rebuilds; reindex takes a lock).
    runPrimary({
      processes,
      started,
      stop: stopDatabase,
      fail: async (message) => {
        await stopDatabase().catch(() => {});
        return fail(message);
      },
    });
    return;
  }

  const { serveHere } = await import("./single");
  await serveHere({ dev, settings, started, step, stopDatabase, fail });
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
