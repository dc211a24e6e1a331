// npm run db:backup [-- --dir DIR] [--keep N]    a consistent backup, read back and checked
// npm run db:backup -- --verify DIR               check an existing backup (checksums, rows)
// Works with the server running (it takes writes meanwhile) or not, for the embedded Postgres
// and for DATABASE_URL alike (decision 019).
import { parseArgs } from "node:util";
import { describeBackup, verifyBackup } from "~/platform/backup-format.server";
import { makeBackup, pruneBackups } from "~/platform/backup.server";
import { backupDir } from "~/platform/data-dir.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { cliLog } from "./lib/cli-log";

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string" }, keep: { type: "string" }, verify: { type: "string" } } });
  if (values.verify) {
    const { manifest, problems } = await verifyBackup(values.verify);
    if (problems.length) {
      for (const problem of problems) console.log(problem);
      throw new Error(`${values.verify} is not whole (${problems.length} problems above)`);
    }
    console.log(`${values.verify} is whole: ${describeBackup(manifest)}`);
    return;
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new Error("--keep takes a whole number of 1 or more");
  const dir = values.dir ?? backupDir();
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  try {
    const { path, manifest } = await makeBackup({ url: database.url, dir, uploadsDir: uploadsDirectory() });
    console.log(`backup written and checked: ${path} (${describeBackup(manifest)})`);
    if (keep !== undefined) for (const old of pruneBackups(dir, keep)) console.log(`removed ${old}`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`db:backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
