// Backups round-trip (decision 019): `npm run db:backup` while members keep posting, then
// `npm run db:restore` into an empty database; every reply acknowledged before the backup
// started is there exactly once, the counters agree with the rows (one snapshot, not tables
// copied at different moments), and the uploaded files come back byte for byte. For the
// embedded Postgres 18 and for a stock PostgreSQL 15 over DATABASE_URL, and across the two.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { readManifest, verifyBackup } from "~/platform/backup-format.server";
import { type ResolvedDatabase, resolveDatabase } from "~/platform/embedded-postgres.server";
import { restoreBackup } from "~/platform/restore.server";
import { firstThreadPath, MARKER_PREFIX, startWriteLoad, writerSession } from "../../scripts/lib/write-load";
import { admin, useTestDatabase, withDatabase } from "../support/database";
import { type ServerProcess, startServer } from "../support/server-process";
import { skipWithoutStockPostgres, type StockPostgres, startStockPostgres } from "../support/stock-postgres";

const temps: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // as root, Postgres runs as "postgres" and must enter it
  temps.push(dir);
  return dir;
}

/** Runs one of our npm scripts as `npm run` would, with its own environment. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: "", KK_LANG: "nl", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

async function rowsOf(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** How many times each load marker is in the database, and the thread's counter minus its rows. */
async function stateOf(url: string) {
  const replies = await rowsOf(url, `SELECT "bodyMd" FROM "Reply" WHERE "bodyMd" LIKE '${MARKER_PREFIX}-%'`);
  const times = new Map<string, number>();
  for (const r of replies) {
    const marker = String(r.bodyMd).split(" ")[0]!;
    times.set(marker, (times.get(marker) ?? 0) + 1);
  }
  const drift = await rowsOf(
    url,
    `SELECT d.id, d."replyCount" - count(r.id)::int AS drift FROM "Dilemma" d LEFT JOIN "Reply" r ON r."dilemmaId" = d.id GROUP BY d.id ORDER BY d.id`,
  );
  return { times, drift: drift.map((d) => `${String(d.id)}:${String(d.drift)}`).join(",") };
}

/**
 * Members post replies; once some are acknowledged a backup is made (by the real command)
 * while they go on; the replies acknowledged before it started must all be in it.
 */
async function backUpUnderLoad(server: ServerProcess, env: Record<string, string>, url: string) {
  const cookies = await Promise.all([1, 2, 3].map((i) => writerSession(server.url, env, `Schrijver ${i}`)));
  const load = startWriteLoad({ base: () => server.url, cookies, threadPath: await firstThreadPath(server.url), maxMs: 90_000 });
  try {
    while (load.acked.size < 30) await new Promise((r) => setTimeout(r, 100));
    const before = new Set(load.acked.keys());
    const backupDir = tempDir("kk-backups-");
    const backup = await runScript("db-backup", ["--dir", backupDir], env);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/^Back-up gemaakt en gecontroleerd: .*kenniskring-[\d-]+T[\d-]+Z \(\d+ rijen in \d+ tabellen/m);
    const during = load.acked.size - before.size;
    await load.stop();
    const [backupPath] = fs.readdirSync(backupDir).map((name) => path.join(backupDir, name));
    return { backupPath: backupPath!, before, during, live: await stateOf(url), acked: load.acked };
  } finally {
    await load.stop();
  }
}

async function expectRestored(url: string, run: Awaited<ReturnType<typeof backUpUnderLoad>>) {
  const restored = await stateOf(url);
  for (const marker of run.before) expect(restored.times.get(marker), marker).toBe(1);
  for (const [marker, times] of restored.times) {
    expect(times, marker).toBe(1); // nothing twice
    expect(run.acked.has(marker) || times === 1).toBe(true);
  }
  // Counters agree with rows exactly as they do in the live database.
  expect(restored.drift).toBe(run.live.drift);
  // Every table as many rows as the manifest says.
  const manifest = readManifest(run.backupPath);
  for (const table of manifest.tables) {
    const [{ n }] = (await rowsOf(url, `SELECT count(*)::int AS n FROM "${table.name}"`)) as [{ n: number }];
    expect(n, table.name).toBe(table.rows);
  }
  // The restored database takes new rows: its sequences continue past the restored ids.
  const [{ id }] = (await rowsOf(url, `INSERT INTO "User" (handle, "displayName") VALUES ('na-herstel', 'Na Herstel') RETURNING id`)) as [{ id: number }];
  const [{ max }] = (await rowsOf(url, `SELECT max(id)::int AS max FROM "User" WHERE handle <> 'na-herstel'`)) as [{ max: number }];
  expect(id).toBeGreaterThan(max);
}

let embeddedBackup: string | undefined;

describe("backup and restore, embedded Postgres", () => {
  it("backs up while members post, and restores into a new data dir every acknowledged reply and upload", async () => {
    const dataDir = tempDir("kk-backup-a-");
    const photo = crypto.randomBytes(20_000);
    fs.mkdirSync(path.join(dataDir, "uploads", "avatars"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "uploads", "avatars", "lid-1.webp"), photo);
    const server = await startServer({ KK_DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "1", POSTING_LIMITS: "off" });
    let run;
    try {
      delete process.env.DATABASE_URL;
      process.env.KK_DATA_DIR = dataDir;
      const live = await resolveDatabase({ purpose: "command", log: { info() {}, warn() {}, debug() {} } });
      run = await backUpUnderLoad(server, { KK_DATA_DIR: dataDir }, live.url);
      await live.stop();
    } finally {
      delete process.env.KK_DATA_DIR;
      await server.stop();
    }
    expect(run.during).toBeGreaterThan(0); // members were writing while it ran
    embeddedBackup = run.backupPath;

    const fresh = tempDir("kk-backup-b-");
    const restore = await runScript("db-restore", [run.backupPath], { KK_DATA_DIR: fresh });
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/^.* teruggezet: \d+ rijen in \d+ tabellen, 1 geüploade bestanden/m);
    expect(fs.readFileSync(path.join(fresh, "uploads", "avatars", "lid-1.webp")).equals(photo)).toBe(true);

    process.env.KK_DATA_DIR = fresh;
    let restored: ResolvedDatabase | undefined;
    try {
      restored = await resolveDatabase({ purpose: "command", log: { info() {}, warn() {}, debug() {} } });
      await expectRestored(restored.url, run);
    } finally {
      await restored?.stop();
      delete process.env.KK_DATA_DIR;
    }
  }, 360_000);

  it("proves a backup restores (--check) without touching the live database", async () => {
    expect(embeddedBackup).toBeDefined();
    const dataDir = tempDir("kk-backup-check-");
    const check = await runScript("db-restore", [embeddedBackup!, "--check"], { KK_DATA_DIR: dataDir });
    expect(check.code, check.output).toBe(0);
    expect(check.output).toMatch(/is volledig terug te zetten: \d+ rijen/);
  }, 120_000);
});

describe("refusals", () => {
  const database = useTestDatabase();

  it("refuses a damaged backup before writing anything, naming the damaged file", async () => {
    expect(embeddedBackup).toBeDefined();
    const copy = path.join(tempDir("kk-damaged-"), "backup");
    fs.cpSync(embeddedBackup!, copy, { recursive: true });
    const manifest = readManifest(copy);
    const victim = manifest.tables.find((t) => t.name === "Reply")!;
    const file = path.join(copy, victim.file);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect((await verifyBackup(copy)).problems).toEqual([
      `data/Reply.tsv.gz is damaged (its checksum differs)`,
    ]);
    const empty = `${database.url.replace(/\/[^/]+$/, "")}/postgres`;
    await expect(restoreBackup({ from: copy, url: empty })).rejects.toThrow(/is not whole: data\/Reply\.tsv\.gz is damaged/);
  });

  it("refuses a backup holding what its migrations do not make, before loading anything", async () => {
    const copy = path.join(tempDir("kk-stranger-"), "backup");
    fs.cpSync(embeddedBackup!, copy, { recursive: true });
    const manifest = readManifest(copy);
    manifest.tables.find((t) => t.name === "Reply")!.columns.push("madeByHand");
    fs.writeFileSync(path.join(copy, "manifest.json"), JSON.stringify(manifest));
    const name = `kk_stranger_${crypto.randomBytes(3).toString("hex")}`;
    await admin(inject("kkAdminUrl"), `CREATE DATABASE ${name}`);
    try {
      const url = withDatabase(inject("kkAdminUrl"), name);
      await expect(restoreBackup({ from: copy, url })).rejects.toThrow(
        "the backup holds tables or columns its migrations do not make, so they cannot be restored: Reply.madeByHand",
      );
      expect(await rowsOf(url, `SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 0 }]);
    } finally {
      await admin(inject("kkAdminUrl"), `DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  it("restores only into an empty database", async () => {
    await expect(restoreBackup({ from: embeddedBackup!, url: database.url })).rejects.toThrow(
      /the database already holds \d+ tables; restore only into an empty database/,
    );
  });
});

describe.skipIf(skipWithoutStockPostgres("backups over DATABASE_URL"))("backup and restore, stock PostgreSQL over DATABASE_URL", () => {
  let stock: StockPostgres;

  it("backs up while members post, and restores into an empty database on the same server", async () => {
    stock = await startStockPostgres();
    cleanups.push(() => stock.stop());
    await stock.query("CREATE DATABASE kenniskring");
    await stock.query("CREATE DATABASE restored");
    const dataDir = tempDir("kk-backup-stock-");
    const server = await startServer({ DATABASE_URL: stock.url("kenniskring"), KK_DATA_DIR: dataDir, SEED_DEMO: "1", POSTING_LIMITS: "off" });
    let run;
    try {
      run = await backUpUnderLoad(server, { DATABASE_URL: stock.url("kenniskring"), KK_DATA_DIR: dataDir }, stock.url("kenniskring"));
    } finally {
      await server.stop();
    }
    expect(readManifest(run.backupPath).postgres).toMatch(new RegExp(`^${stock.version}\\.`));
    const restore = await runScript("db-restore", [run.backupPath], { DATABASE_URL: stock.url("restored"), KK_DATA_DIR: dataDir });
    expect(restore.code, restore.output).toBe(0);
    await expectRestored(stock.url("restored"), run);
  }, 360_000);

  it("restores the embedded Postgres 18's backup into PostgreSQL 15", async () => {
    expect(embeddedBackup).toBeDefined();
    await stock.query("CREATE DATABASE from_embedded");
    const result = await restoreBackup({ from: embeddedBackup!, url: stock.url("from_embedded") });
    expect(result.manifest.postgres).toMatch(/^18\./);
    const [{ n }] = (await stock.query(`SELECT count(*)::int AS n FROM "Reply"`, "from_embedded")) as [{ n: number }];
    expect(n).toBe(result.manifest.tables.find((t) => t.name === "Reply")!.rows);
  }, 120_000);
});
