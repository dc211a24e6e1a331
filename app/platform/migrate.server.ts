// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, without
// Prisma's schema-engine binary (which this project cannot download at run time). It writes
// the same _prisma_migrations rows, so either tool can take over from the other.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export type MigrateOptions = {
  /** Defaults to prisma/migrations under the working directory (the project root). */
  migrationsDir?: string;
  /** Told when we wait for another process that is migrating the same database. */
  log?: (message: string) => void;
  /** Apply migrations up to and including this one only (a restore builds the backup's schema). */
  upTo?: string;
};

type Migration = { name: string; sql: string; checksum: string };

/** This version's migrations in the order they apply: name and checksum. */
export function knownMigrations(migrationsDir = path.resolve("prisma/migrations")): { name: string; checksum: string }[] {
  return readMigrations(migrationsDir).map(({ name, checksum }) => ({ name, checksum }));
}
type Row = { migration_name: string; checksum: string; finished_at: Date | null };

// The key Prisma Migrate locks on, so our migrator and `prisma migrate deploy` also exclude
// each other, not just two Kenniskring processes starting at once.
const ADVISORY_LOCK_KEY = 72707369;

// Prisma Migrate's own DDL for its bookkeeping table (schema-engine, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export async function migrate(url: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  let migrations = readMigrations(opts.migrationsDir ?? path.resolve("prisma/migrations"));
  if (opts.upTo !== undefined) {
    const last = migrations.findIndex((m) => m.name === opts.upTo);
    if (last < 0) throw new Error(`No migration ${opts.upTo} in this version of Kenniskring`);
    migrations = migrations.slice(0, last + 1);
  }
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query instead
  await client.connect();
  try {
    // Session-level lock: held until client.end(), which releases it even if we crash.
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      ADVISORY_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) {
      opts.log?.("waiting for another process that is migrating this database");
      await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    }
    await client.query(CREATE_MIGRATIONS_TABLE);
    const pending = await pendingMigrations(client, migrations);
    const applied: string[] = [];
    for (const migration of pending) {
      await apply(client, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.end().catch(() => {});
  }
}

function readMigrations(dir: string): Migration[] {
  // A wrong working directory must not quietly leave the database empty.
  if (!fs.existsSync(dir))
    throw new Error(`No migrations folder at ${dir}; run Kenniskring from its project root`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort() // Prisma orders by directory name, i.e. by the timestamp prefix
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: crypto.createHash("sha256").update(bytes).digest("hex"),
      };
    });
}

/** The migrations still to run; refuses edited or half-applied ones before running any. */
async function pendingMigrations(client: pg.Client, migrations: Migration[]): Promise<Migration[]> {
  // Rows marked rolled back are history only, as in Prisma.
  const { rows } = await client.query<Row>(
    "SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL",
  );
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const mine = rows.filter((row) => row.migration_name === migration.name);
    const done = mine.find((row) => row.finished_at !== null);
    if (done && done.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied to this database (its checksum differs). Restore prisma/migrations/${migration.name}/migration.sql and put the change in a new migration.`,
      );
    }
    if (!done && mine.length > 0) {
      throw new Error(
        `Migration ${migration.name} started earlier but never finished (finished_at is empty in _prisma_migrations). Repair the database by hand, then mark it rolled back (set rolled_back_at) to retry it.`,
      );
    }
    if (!done) pending.push(migration);
  }
  return pending;
}

/** One transaction: the migration's SQL and its bookkeeping row commit together or not at all. */
async function apply(client: pg.Client, migration: Migration) {
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ now: Date }>("SELECT clock_timestamp() AS now");
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
      [crypto.randomUUID(), migration.checksum, migration.name, rows[0]!.now],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const where = lineOf(migration.sql, (error as { position?: string }).position);
    throw new Error(
      `Migration ${migration.name} failed${where}: ${(error as Error).message}. Nothing of it was applied.`,
      {
        cause: error,
      },
    );
  }
}

function lineOf(sql: string, position: string | undefined): string {
  if (!position) return "";
  return ` at line ${sql.slice(0, Number(position)).split("\n").length} of migration.sql`;
}
