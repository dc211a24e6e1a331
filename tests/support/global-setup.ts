// One throw-away Postgres for the whole test run, in a fresh temp dir (never .data/, so tests
// cannot touch a dev database), holding kk_template: a database with every migration
// applied. Each integration test file clones it (tests/support/database.ts), which takes
// milliseconds, instead of migrating a database of its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "~/platform/embedded-postgres.server";
import { migrate } from "~/platform/migrate.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server's "postgres" database; clone kk_template from it. */
    kkAdminUrl: string;
  }
}

const TEMPLATE = "kk_template";

export default async function setup(project: TestProject) {
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
    await migrate(database.url);
    const admin = new URL(database.url);
    admin.pathname = "/postgres";
    // Nobody may connect to the template: CREATE DATABASE ... TEMPLATE fails while anyone is.
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    await client.query(`ALTER DATABASE ${TEMPLATE} WITH ALLOW_CONNECTIONS false`);
    await client.end();
    project.provide("kkAdminUrl", admin.href);
  } catch (error) {
    await stop();
    throw error;
  }
  if (process.env.KK_TIMING)
    process.stdout.write(`test Postgres ready in ${Math.round(performance.now() - started)} ms\n`);
  return stop;
}
