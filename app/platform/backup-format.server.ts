// What a backup is on disk (decision 019), and how to check one without a database:
//
//   kenniskring-2026-12-06T03-00-00-000Z/
//     manifest.json        what is inside: schema version (migrations), tables with their
//                          columns, row counts and checksums, sequences, uploaded files
//     data/<table>.tsv.gz  each table's rows as COPY text (one row a line), gzip'd
//     uploads/…            the files under KK_DATA_DIR/uploads, as they were
//
// A backup is written as <name>.partial and renamed only after it was read back and checked,
// so a directory without ".partial" is a complete, verified backup.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export const BACKUP_FORMAT = "kenniskring-backup";
export const BACKUP_VERSION = 1;
export const BACKUP_NAME = /^kenniskring-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{3})?Z$/;

export type TableEntry = { name: string; file: string; columns: string[]; rows: number; bytes: number; sha256: string };
export type SequenceEntry = { name: string; value: string; isCalled: boolean };
export type FileEntry = { path: string; bytes: number; sha256: string };

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The server it was taken from (e.g. "18.1" or "15.18"); any of them restores into any. */
  postgres: string;
  /** The schema: the migrations applied when the snapshot was taken, in order. */
  migrations: { name: string; checksum: string }[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
  uploads: FileEntry[];
  seconds: number;
};

export function backupName(at: Date): string {
  return `kenniskring-${at.toISOString().replace(/:/g, "-").replace(".", "-")}`;
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch (error) {
    throw new Error(`${dir} is not a readable backup: ${(error as Error).message}`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION)
    throw new Error(`${dir} is not a Kenniskring backup of version ${BACKUP_VERSION}`);
  return manifest;
}

/** Sha-256 and size of what passes through, for checksums written while the data streams. */
export function digest() {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  return {
    add(chunk: Buffer) {
      hash.update(chunk);
      bytes += chunk.length;
    },
    result: () => ({ sha256: hash.digest("hex"), bytes }),
  };
}

export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const d = digest();
  for await (const chunk of fs.createReadStream(file)) d.add(chunk as Buffer);
  return d.result();
}

/** Lines in a gzip'd COPY file: its rows (COPY text escapes newlines inside values). */
export async function countRows(file: string): Promise<number> {
  let rows = 0;
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
    }
    yield* [];
  });
  return rows;
}

/**
 * Reads everything back: every file's checksum and size, every table's row count. Returns what
 * is wrong, one line each (empty: the backup is whole).
 */
export async function verifyBackup(dir: string): Promise<{ manifest: Manifest; problems: string[] }> {
  const manifest = readManifest(dir);
  const problems: string[] = [];
  const check = async (relative: string, want: { sha256: string; bytes: number }) => {
    const file = path.join(dir, relative);
    if (!fs.existsSync(file)) {
      problems.push(`${relative} is missing`);
      return false;
    }
    const got = await fileDigest(file);
    if (got.bytes !== want.bytes || got.sha256 !== want.sha256) {
      problems.push(`${relative} is damaged (its checksum differs)`);
      return false;
    }
    return true;
  };
  for (const table of manifest.tables) {
    if (!(await check(table.file, table))) continue;
    const rows = await countRows(path.join(dir, table.file)).catch(() => -1);
    if (rows !== table.rows) problems.push(`${table.file} holds ${rows < 0 ? "unreadable data" : `${rows} rows`}, not ${table.rows}`);
  }
  for (const upload of manifest.uploads) await check(path.join("uploads", upload.path), upload);
  return { manifest, problems };
}

/** The complete backups in dir, newest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name) && fs.existsSync(path.join(dir, name, "manifest.json")))
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}

/** "12345 rows in 28 tables, 3 uploaded files, 4.2 MB, taken … from PostgreSQL 18.1 in 1.3 s" */
export function describeBackup(manifest: Manifest): string {
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const bytes = [...manifest.tables, ...manifest.uploads].reduce((n, f) => n + f.bytes, 0);
  return `${rows} rows in ${manifest.tables.length} tables, ${manifest.uploads.length} uploaded files, ${(bytes / 1e6).toFixed(1)} MB, taken ${manifest.createdAt} from PostgreSQL ${manifest.postgres} in ${manifest.seconds} s`;
}
