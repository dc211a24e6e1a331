import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ResolvedDatabase, startEmbeddedPostgres } from "~/platform/embedded-postgres.server";
import { migrate } from "~/platform/migrate.server";
import { type ServerProcess, startServer } from "../support/server-process";

// When Postgres goes away under a running server, pages answer 503 (not 500), the server keeps
// running, and it serves again as soon as Postgres is back.
const dataDir = mkdtempSync(path.join(tmpdir(), "kk-outage-"));
const start = () => startEmbeddedPostgres({ dataDir, database: "kenniskring", purpose: "command", durable: false });
let database: ResolvedDatabase;
let server: ServerProcess;

beforeAll(async () => {
  database = await start();
  await migrate(database.url);
  server = await startServer({ DATABASE_URL: database.url });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await database?.stop();
});

async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("condition not met in time");
}

describe("a database outage", () => {
  it("answers 503 while Postgres is down and recovers when it is back", async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);

    await database.stop();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    const page = await fetch(`${server.url}/`, { headers: { "Accept-Language": "nl" } });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("even niet bereikbaar");
    expect(server.child.exitCode).toBeNull(); // still running

    database = await start();
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  }, 60_000);
});
