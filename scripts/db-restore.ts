// npm run db:restore -- DIR            restore a backup into an empty database: DATABASE_URL,
//                                      or the embedded Postgres of a new, empty KK_DATA_DIR
// npm run db:restore -- DIR --check    restore it into a throw-away database on the same
//                                      server, compare, and drop it: proof that it restores
// The backup is checked whole before anything is written (decision 019).
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { uploadsDirectory } from "~/platform/file-store.server";
import { resolveDatabase } from "~/platform/embedded-postgres.server";
import { restoreBackup } from "~/platform/restore.server";
import { cliLog } from "./lib/cli-log";
import { backupSummary, failure, say } from "./lib/cli-text";

const usage = say("usage", { line: "npm run db:restore -- BACKUP_DIR [--check]" });

async function main() {
  const { values, positionals } = parseArgs({ options: { check: { type: "boolean" } }, allowPositionals: true });
  const from = positionals[0];
  if (!from || positionals.length > 1) {
    console.log(usage);
    process.exit(2);
  }
  const database = await resolveDatabase({ purpose: "command", log: cliLog });
  try {
    if (!values.check) {
      const result = await restoreBackup({ from, url: database.url, uploadsDir: uploadsDirectory(), log: cliLog.info });
      console.log(say("backup.restored", { path: from, summary: backupSummary(result.manifest) }));
      return;
    }
    const scratch = `kk_restore_check_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new URL(database.url);
    admin.pathname = "/postgres";
    const target = new URL(database.url);
    target.pathname = `/${scratch}`;
    await adminQuery(admin.href, `CREATE DATABASE ${scratch}`);
    try {
      const result = await restoreBackup({ from, url: target.href, log: cliLog.info });
      console.log(say("backup.restoresWhole", { path: from, summary: backupSummary(result.manifest) }));
    } finally {
      await adminQuery(admin.href, `DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    }
  } finally {
    await database.stop();
  }
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${failure("db:restore", error)}\n`);
  process.exitCode = 1;
});
