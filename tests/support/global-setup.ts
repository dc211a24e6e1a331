// One throw-away Postgres for the whole test run, in a fresh temp dir (never .data/, so tests
// cannot touch a dev database), holding kk_template: a database with every migration
// applied. Each integration test file clones it (tests/support/database.ts), which takes
// milliseconds, instead of migrating a database of its own.
//
// TEST_DATABASE_URL instead runs the suite on a server of your own, e.g. a stock Debian
// PostgreSQL 15 as production may use (CI does so): a superuser URL of any database there.
// The run creates its template and clones there, each with a name of its own, and drops them
// afterwards. (Tests of the embedded Postgres itself still start one of their own.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "~/platform/embedded-postgres.server";
import { startJobRunner } from "~/platform/jobs.server";
import { migrate } from "~/platform/migrate.server";
import "~/platform/mail.server";
import "~/accounts/purge.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server's "postgres" database; clone kk_template from it. */
    kkAdminUrl: string;
    /** The migrated database to clone. */
    kkTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  return external ? setupExternal(project, external) : setupEmbedded(project);
}

async function setupExternal(project: TestProject, url: string) {
  const admin = new URL(url);
  const template = `kk_template_${process.pid}`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const version = await (async () => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    } finally {
      await client.end();
    }
  })();
  process.stdout.write(`Integration tests on TEST_DATABASE_URL (PostgreSQL ${version})\n`);
  await query(`CREATE DATABASE ${template}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const drop = () => query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  try {
    await prepareTemplate(templateUrl.href);
    await query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
  } catch (error) {
    await drop();
    throw error;
  }
  project.provide("kkAdminUrl", admin.href);
  project.provide("kkTemplate", template);
  return drop;
}

const TEMPLATE = "kk_template";

/**
 * Every migration, and the job queues too (pg-boss's schema and one queue per declared job),
 * as the server's start makes them: code under test that queues mail finds its queue in every
 * clone, on the embedded server and on TEST_DATABASE_URL alike.
 */
async function prepareTemplate(url: string) {
  await migrate(url);
  const jobs = await startJobRunner({ work: false, connectionString: url });
  await jobs.stop(1_000);
}

async function setupEmbedded(project: TestProject) {
  const started = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-test-"));
  const lines: string[] = [];
  const database = await startEmbeddedPostgres({
    dataDir,
    database: TEMPLATE,
    purpose: "command",
    durable: false,
    log: { info: () => {}, warn: (m) => lines.push(m), debug: () => {} },
  });
  const stop = async () => {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await prepareTemplate(database.url);
    const admin = new URL(database.url);
    admin.pathname = "/postgres";
    // Nobody may connect to the template: CREATE DATABASE ... TEMPLATE fails while anyone is.
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    await client.query(`ALTER DATABASE ${TEMPLATE} WITH ALLOW_CONNECTIONS false`);
    await client.end();
    project.provide("kkAdminUrl", admin.href);
    project.provide("kkTemplate", TEMPLATE);
  } catch (error) {
    await stop();
    throw error;
  }
  if (process.env.KK_TIMING)
    process.stdout.write(`test Postgres ready in ${Math.round(performance.now() - started)} ms\n`);
  return stop;
}
