// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded Postgres
// (reusing the dev server's one when it runs, and leaving it running).
import { resolveDatabase } from "../app/platform/embedded-postgres.server.ts";
import { migrate } from "../app/platform/migrate.server.ts";
import { cliLog } from "./lib/cli-log.ts";

async function main() {
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  try {
    const { applied } = await migrate(database.url, { log: cliLog.info });
    if (applied.length === 0) console.log("The database is up to date: no migrations to apply.");
    for (const name of applied) console.log(`applied ${name}`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
