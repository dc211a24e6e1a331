// Restoring a backup (decision 019) into an empty database: check the backup whole first;
// build the schema it was taken with through our own migrator; load every table in one
// transaction (foreign keys dropped and added again after, so their order does not matter and
// every reference is checked once at the end; our triggers held, so nothing is announced or
// re-derived); set the sequences; compare every table's rows with the manifest before
// committing; then apply the migrations this version has beyond the backup's.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fileDigest, type Manifest, verifyBackup } from "./backup-format.server";
import { quoteIdent } from "./backup.server";
import { knownMigrations, migrate } from "./migrate.server";

export type RestoreOptions = {
  from: string;
  url: string;
  /** KK_DATA_DIR/uploads: the backup's uploaded files go there (it must hold none yet). */
  uploadsDir?: string;
  log?: (message: string) => void;
};

export type RestoreResult = { manifest: Manifest; rows: number; laterMigrations: string[] };

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const { manifest, problems } = await verifyBackup(opts.from);
  if (problems.length) throw new Error(`the backup in ${opts.from} is not whole: ${problems.join("; ")}`);
  checkSchemaKnown(manifest);
  if (manifest.uploads.length && opts.uploadsDir) checkUploadsFree(opts.uploadsDir);
  await checkEmpty(opts.url);

  log(`building the schema of the backup (${manifest.migrations.length} migrations)`);
  await migrate(opts.url, { upTo: manifest.migrations.at(-1)!.name });
  const rows = await loadTables(opts.url, opts.from, manifest, log);
  const { applied } = await migrate(opts.url);
  if (applied.length) log(`applied ${applied.length} newer migrations: ${applied.join(", ")}`);
  if (manifest.uploads.length && opts.uploadsDir) await restoreUploads(opts.from, opts.uploadsDir, manifest);
  return { manifest, rows, laterMigrations: applied };
}

/** The backup's schema must be this version's, or an earlier state of it. */
function checkSchemaKnown(manifest: Manifest) {
  const known = knownMigrations();
  manifest.migrations.forEach((m, i) => {
    const here = known[i];
    if (!here || here.name !== m.name)
      throw new Error(`the backup was made by a newer or other version of Kenniskring (migration ${m.name} is unknown here); restore it with that version`);
    if (here.checksum !== m.checksum) throw new Error(`migration ${m.name} differs from the one the backup was made with`);
  });
}

async function checkEmpty(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
    );
    if (rows[0]!.n > 0)
      throw new Error(`the database already holds ${rows[0]!.n} tables; restore only into an empty database (create a new one, or a new KK_DATA_DIR)`);
  } finally {
    await client.end();
  }
}

async function loadTables(url: string, from: string, manifest: Manifest, log: (m: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
    );
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
    // Indexes of their own (search's GIN and trigram ones above all) are built once after
    // loading, as pg_restore does, not row by row: measured 125 s → 81 s on bench_20000.
    // Those behind a primary key or unique constraint stay: plain b-trees, and the rows must
    // keep their promise while they load.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relnamespace = current_schema()::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    const { rows: present } = await client.query<{ name: string; columns: string[] }>(
      `SELECT c.relname AS name, array_agg(a.attname::text) AS columns FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE n.nspname = current_schema() AND c.relkind = 'r' GROUP BY c.relname`,
    );
    const schema = new Map(present.map((t) => [t.name, new Set(t.columns)]));
    const strangers = manifest.tables.flatMap((t) =>
      !schema.has(t.name) ? [t.name] : t.columns.filter((c) => !schema.get(t.name)!.has(c)).map((c) => `${t.name}.${c}`),
    );
    if (strangers.length)
      throw new Error(`the backup holds tables or columns its migrations do not make, so they cannot be restored: ${strangers.join(", ")}`);
    let total = 0;
    for (const table of manifest.tables) {
      const name = quoteIdent(table.name);
      // User triggers only (the table owner may hold those): loaded rows are history, not news.
      await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
      const columns = table.columns.map(quoteIdent).join(", ");
      await pipeline(
        fs.createReadStream(path.join(from, table.file)),
        zlib.createGunzip(),
        client.query(copyFrom(`COPY ${name} (${columns}) FROM STDIN`)),
      );
      await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
      if (rows[0]!.n !== table.rows) throw new Error(`${table.name} has ${rows[0]!.n} rows after loading, the backup ${table.rows}`);
      total += table.rows;
    }
    for (const seq of manifest.sequences) {
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [quoteIdent(seq.name), seq.value, seq.isCalled]);
    }
    log(`loaded ${total} rows in ${manifest.tables.length} tables; building ${indexes.length} indexes and checking every reference`);
    for (const index of indexes) await client.query(index.definition);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`);
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return total;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

function checkUploadsFree(dir: string) {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new Error(`${dir} already holds files; restore uploads only into an empty folder`);
}

async function restoreUploads(from: string, to: string, manifest: Manifest) {
  for (const file of manifest.uploads) {
    const target = path.join(to, ...file.path.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, "uploads", ...file.path.split("/")), target);
    const got = await fileDigest(target);
    if (got.sha256 !== file.sha256) throw new Error(`${target} did not copy whole`);
  }
}
