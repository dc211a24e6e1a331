// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded Postgres
// (reusing the dev server's one when it runs, and leaving it running).
import { resolveDatabase } from "../app/platform/embedded-postgres.server.ts";
import { migrate } from "../app/platform/migrate.server.ts";
import { cliLog } from "./lib/cli-log.ts";
import { failure, say } from "./lib/cli-text";

async function main() {
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  try {
    const { applied } = await migrate(database.url, { log: cliLog.info });
    if (applied.length === 0) console.log(say("migrate.upToDate"));
    for (const name of applied) console.log(say("migrate.applied", { name }));
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${failure("db:migrate", error)}\n`);
  process.exitCode = 1;
});
