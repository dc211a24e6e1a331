// The migrator against real, empty databases: order, idempotence, Prisma-shaped bookkeeping,
// refusal of edited migrations, and the advisory lock. Prisma's own schema engine (wasm)
// checks that `prisma migrate deploy` would agree with what we wrote, and the other way round.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "~/platform/migrate.server";
import { migrationList, withSchemaEngine } from "../../scripts/lib/schema-engine";
import { admin, withDatabase } from "../support/database";

const adminUrl = inject("kkAdminUrl");
const created: string[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  for (const name of created) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<string> {
  const name = `kk_migrate_${crypto.randomBytes(4).toString("hex")}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  created.push(name);
  return withDatabase(adminUrl, name);
}

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-migrations-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("migrate", () => {
  it("applies migrations in name order, once", async () => {
    const url = await emptyDatabase();
    // The second creates a table the first one's name sorts after: order must be by name.
    const dir = migrationsDir({
      "20260102000000_second": `INSERT INTO log (step) VALUES ('second');`,
      "20260101000000_first": `CREATE TABLE log (n serial PRIMARY KEY, step text);\nINSERT INTO log (step) VALUES ('first');`,
    });

    expect(await migrate(url, { migrationsDir: dir })).toEqual({
      applied: ["20260101000000_first", "20260102000000_second"],
    });
    expect(await query(url, "SELECT step FROM log ORDER BY n")).toEqual([
      { step: "first" },
      { step: "second" },
    ]);

    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] });
    expect(await query(url, "SELECT count(*)::int AS n FROM log")).toEqual([{ n: 2 }]);
  });

  it("writes _prisma_migrations exactly as Prisma Migrate does", async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({ "20260101000000_one": "CREATE TABLE one (id int);" });
    await migrate(url, { migrationsDir: dir });

    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);

    const [row] = await query<Record<string, unknown> & { started_at: Date; finished_at: Date }>(
      url,
      "SELECT * FROM _prisma_migrations",
    );
    expect(row).toMatchObject({
      migration_name: "20260101000000_one",
      checksum: sha256(path.join(dir, "20260101000000_one", "migration.sql")),
      applied_steps_count: 1,
      logs: null,
      rolled_back_at: null,
    });
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row!.finished_at).toBeInstanceOf(Date);
    expect(row!.finished_at.getTime()).toBeGreaterThanOrEqual(row!.started_at.getTime());
  });

  it("refuses an applied migration whose file changed, naming it, and applies nothing", async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({ "20260101000000_users": "CREATE TABLE users (id int);" });
    await migrate(url, { migrationsDir: dir });

    fs.writeFileSync(
      path.join(dir, "20260101000000_users", "migration.sql"),
      "CREATE TABLE users (id bigint);",
    );
    fs.mkdirSync(path.join(dir, "20260102000000_later"));
    fs.writeFileSync(path.join(dir, "20260102000000_later", "migration.sql"), "CREATE TABLE later (id int);");

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /20260101000000_users was changed after it was applied/,
    );
    expect(await query(url, "SELECT to_regclass('later') AS t")).toEqual([{ t: null }]);
  });

  it("rolls a failing migration back completely and says where it failed", async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({
      "20260101000000_broken": "CREATE TABLE half (id int);\nINSERT INTO nowhere VALUES (1);",
    });

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20260101000000_broken failed at line 2 of migration.sql: relation "nowhere" does not exist/,
    );
    expect(await query(url, "SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    expect(await query(url, "SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: 0 }]);
  });

  it("lets two processes migrate a fresh database at once without applying anything twice", async () => {
    const url = await emptyDatabase();
    // Slow enough that the second caller surely arrives while the first holds the lock.
    const dir = migrationsDir({
      "20260101000000_a": "SELECT pg_sleep(0.3); CREATE TABLE a (id int);",
      "20260102000000_b": "CREATE TABLE b (id int);",
    });
    const waited: string[] = [];

    const [first, second] = await Promise.all([
      migrate(url, { migrationsDir: dir, log: (m) => waited.push(m) }),
      migrate(url, { migrationsDir: dir, log: (m) => waited.push(m) }),
    ]);

    expect([...first.applied, ...second.applied]).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(waited).toEqual(["waiting for another process that is migrating this database"]);
    expect(await query(url, "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name")).toEqual(
      [{ migration_name: "20260101000000_a" }, { migration_name: "20260102000000_b" }],
    );
  });
});

describe("agreement with Prisma Migrate (its schema engine, as wasm)", () => {
  const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
  const dir = path.resolve("prisma/migrations");

  it("Prisma sees a database we migrated as up to date, with no edited or failed migrations", async () => {
    const url = await emptyDatabase();
    await migrate(url);

    const diagnosis = await withSchemaEngine(url, schema, (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList: migrationList(dir),
        optInToShadowDatabase: false,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    expect(diagnosis).toMatchObject({
      history: null,
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
    });
  });

  it("we see a database Prisma migrated as up to date", async () => {
    const url = await emptyDatabase();
    const { appliedMigrationNames } = await withSchemaEngine(url, schema, (engine) =>
      engine.applyMigrations({
        migrationsList: migrationList(dir),
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    expect(appliedMigrationNames.length).toBeGreaterThan(0);

    expect(await migrate(url)).toEqual({ applied: [] });
  });
});
