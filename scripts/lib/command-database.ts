// What every data command (user:create, search:reindex, content:import) does around its work:
// find the database (DATABASE_URL, or the embedded Postgres, borrowing a running server's),
// bring it up to date, point the app's client at it, and afterwards close the client and stop
// a Postgres this command started.
import { disconnectDb } from "~/platform/db.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { migrate } from "~/platform/migrate.server";
import { cliLog } from "./cli-log";

export async function withMigratedDatabase<T>(work: () => Promise<T>): Promise<T> {
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  process.env.DATABASE_URL = database.url;
  try {
    await migrate(database.url);
    return await work();
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

/** A progress line on stderr at most every `ms` (and always at the end), rewritten in place. */
export function progressLine(ms: number): (label: string, done: number, total: number) => void {
  let last = 0;
  return (label, done, total) => {
    if (Date.now() - last < ms && done < total) return;
    last = Date.now();
    process.stderr.write(`\r${label} ${done}/${total}   `);
  };
}
