// npm run db:backup [-- --dir DIR] [--keep N]    a consistent backup, read back and checked
// npm run db:backup -- --verify DIR               check an existing backup (checksums, rows)
// Works with the server running (it takes writes meanwhile) or not, for the embedded Postgres
// and for DATABASE_URL alike (decision 019).
import { parseArgs } from "node:util";
import { verifyBackup } from "~/platform/backup-format.server";
import { makeBackup, pruneBackups } from "~/platform/backup.server";
import { backupDir } from "~/platform/data-dir.server";
import { uploadsDirectory } from "~/platform/file-store.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { cliLog } from "./lib/cli-log";
import { backupSummary, failure, say } from "./lib/cli-text";

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string" }, keep: { type: "string" }, verify: { type: "string" } } });
  if (values.verify) {
    const { manifest, problems } = await verifyBackup(values.verify);
    if (problems.length) {
      for (const problem of problems) console.log(problem);
      throw new Error(say("backup.notWhole", { path: values.verify, count: problems.length }));
    }
    console.log(say("backup.whole", { path: values.verify, summary: backupSummary(manifest) }));
    return;
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new Error(say("backup.keep"));
  const dir = values.dir ?? backupDir();
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  try {
    const { path, manifest } = await makeBackup({ url: database.url, dir, uploadsDir: uploadsDirectory() });
    console.log(say("backup.written", { path, summary: backupSummary(manifest) }));
    if (keep !== undefined) for (const old of pruneBackups(dir, keep)) console.log(say("backup.removed", { path: old }));
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${failure("db:backup", error)}\n`);
  process.exitCode = 1;
});
