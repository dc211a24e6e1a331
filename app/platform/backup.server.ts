// Making a backup (decision 019): every table of the schema our migrations build, read in one
// REPEATABLE READ snapshot while the forum goes on taking writes, as COPY text (gzip'd), with
// a manifest of row counts and checksums; then the uploaded files; then everything read back
// and checked before the backup gets its final name. Plain SQL over an ordinary connection,
// so it works the same for the embedded Postgres 18 and any DATABASE_URL (a stock 15, a
// managed server), where pg_dump would have to match the server's major version.
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupName,
  digest,
  type FileEntry,
  listBackups,
  type Manifest,
  type SequenceEntry,
  type TableEntry,
  verifyBackup,
} from "./backup-format.server";

/** Two backups of one database never run at once (a schedule and a person, two hosts). */
const BACKUP_LOCK_KEY = 72707370;

export type BackupOptions = {
  url: string;
  /** The folder the backup goes into (it gets a folder of its own there). */
  dir: string;
  /** KK_DATA_DIR/uploads: copied in when it exists. */
  uploadsDir?: string;
  now?: Date;
};

export type BackupResult = { path: string; manifest: Manifest };

export async function makeBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const name = backupName(opts.now ?? new Date());
  const final = path.join(opts.dir, name);
  const work = `${final}.partial`;
  fs.mkdirSync(path.join(work, "data"), { recursive: true });
  try {
    const snapshot = await copyDatabase(opts.url, work);
    const uploads = opts.uploadsDir ? await copyUploads(opts.uploadsDir, path.join(work, "uploads")) : [];
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: snapshot.at,
      postgres: snapshot.postgres,
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      sequences: snapshot.sequences,
      uploads,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    fs.writeFileSync(path.join(work, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    const { problems } = await verifyBackup(work);
    if (problems.length) throw new Error(`the backup did not read back whole: ${problems.join("; ")}`);
    fs.renameSync(work, final);
    return { path: final, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** Keeps the newest `keep` complete backups in dir; removes older ones and abandoned halves. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed = listBackups(dir).slice(Math.max(1, keep));
  for (const old of removed) fs.rmSync(old, { recursive: true, force: true });
  // A .partial folder older than a day was left by a backup that was killed.
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const full = path.join(dir, name);
    if (name.endsWith(".partial") && Date.now() - fs.statSync(full).mtimeMs > 86_400_000) {
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(full);
    }
  }
  return removed;
}

type Snapshot = Pick<Manifest, "postgres" | "migrations" | "tables" | "sequences"> & { at: string };

async function copyDatabase(url: string, work: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a dropped connection fails the statement in flight instead
  await client.connect();
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [BACKUP_LOCK_KEY]);
    if (!locked[0]?.ok) throw new Error("another backup of this database is running");
    // One snapshot for every table: the backup is the database as of one instant, whatever
    // is written meanwhile. READ ONLY: it cannot change anything by mistake.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: info } = await client.query<{ at: Date; postgres: string }>(
      "SELECT now() AS at, current_setting('server_version') AS postgres",
    );
    const migrations = await readMigrations(client);
    const tables: TableEntry[] = [];
    for (const table of await readTables(client)) tables.push(await copyTable(client, table, work));
    const sequences = await readSequences(client);
    await client.query("COMMIT");
    return { at: info[0]!.at.toISOString(), postgres: info[0]!.postgres.split(" ")[0]!, migrations, tables, sequences };
  } finally {
    await client.end().catch(() => {});
  }
}

async function readMigrations(client: pg.Client) {
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  if (rows.length === 0) throw new Error("the database has no migrations applied: nothing of Kenniskring to back up");
  return rows;
}

/** The schema's tables and their stored columns; generated columns are computed again on restore. */
async function readTables(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
     GROUP BY c.relname ORDER BY c.relname`,
  );
  return rows;
}

async function copyTable(client: pg.Client, table: { name: string; columns: string[] }, work: string): Promise<TableEntry> {
  const file = path.join("data", `${table.name}.tsv.gz`);
  const columns = table.columns.map(quoteIdent).join(", ");
  const source = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${columns}) TO STDOUT`));
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  const written = digest();
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written.add(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, counter, zlib.createGzip({ level: 6 }), hasher, fs.createWriteStream(path.join(work, file)));
  return { name: table.name, file, columns: table.columns, rows, ...written.result() };
}

async function readSequences(client: pg.Client): Promise<SequenceEntry[]> {
  const { rows: names } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const sequences: SequenceEntry[] = [];
  for (const { name } of names) {
    // Not transactional: the value now, at least what any row in the snapshot used.
    const { rows } = await client.query<{ value: string; isCalled: boolean }>(
      `SELECT last_value::text AS value, is_called AS "isCalled" FROM ${quoteIdent(name)}`,
    );
    sequences.push({ name, ...rows[0]! });
  }
  return sequences;
}

/** Every file under the uploads folder, copied with its checksum. */
async function copyUploads(from: string, to: string): Promise<FileEntry[]> {
  if (!fs.existsSync(from)) return [];
  const files: FileEntry[] = [];
  for (const relative of walk(from)) {
    const target = path.join(to, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const d = digest();
    await pipeline(
      fs.createReadStream(path.join(from, relative)),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          d.add(chunk);
          done(null, chunk);
        },
      }),
      fs.createWriteStream(target),
    );
    files.push({ path: relative.split(path.sep).join("/"), ...d.result() });
  }
  return files;
}

function walk(root: string, relative = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) out.push(...walk(root, child));
    else if (entry.isFile()) out.push(child);
  }
  return out.sort();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
