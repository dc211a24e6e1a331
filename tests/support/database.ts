// useTestDatabase(): call at the top of an integration test file. The file gets its own
// database, cloned from the migrated kk_template (tests/support/global-setup.ts), and
// DATABASE_URL points at it before any test runs, so `db` from ~/platform/db.server connects
// there on first use. Files run in parallel without seeing each other's rows.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "~/platform/db.server";
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";

export type TestDatabase = {
  /** The clone's name and URL; available from beforeAll on. */
  readonly name: string;
  readonly url: string;
  /** Raw SQL on the clone, for arranging and checking what the code under test did. */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
};

export function useTestDatabase(): TestDatabase {
  const name = `kk_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const adminUrl = inject("kkAdminUrl");
  const template = inject("kkTemplate");
  const url = withDatabase(adminUrl, name);
  let pool: pg.Pool | undefined;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    await admin(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    process.env.DATABASE_URL = url;
    // As the server does before it takes a write: content is indexed inside its write's
    // transaction (decision 014), and loading the lexicon there would hold it open for seconds.
    warmDutchAnalysis();
  });

  afterAll(async () => {
    await disconnectDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await pool?.end();
    // A pool's end() resolves before its connections have closed; one that is still closing
    // when FORCE ends it reports an error nobody listens to any more, failing the run. So give
    // them a moment first. FORCE then: a leaked connection must not keep the clone (and the
    // next run's disk) alive.
    await admin(
      adminUrl,
      `DO $$ BEGIN
         FOR i IN 1..40 LOOP
           EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '${name}');
           PERFORM pg_sleep(0.05);
         END LOOP;
       END $$`,
    );
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  return {
    name,
    url,
    async query(sql, params) {
      pool ??= new pg.Pool({ connectionString: url, max: 2 });
      return (await pool.query(sql, params)).rows;
    },
  };
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

/** One statement on the admin database (CREATE/DROP DATABASE cannot run on the target). */
export async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
