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
}, 180_000);

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
    const health = await fetch(`${server.url}/readyz`);
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await health.json()).toEqual({ status: "database unreachable" });
    // Alive all the same: nothing to restart about this process.
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    const page = await fetch(`${server.url}/`, { headers: { "Accept-Language": "nl" } });
    expect(page.status).toBe(503);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).toContain("even niet bereikbaar");
    // Client-side navigation asks for data: the same answer.
    const data = await fetch(`${server.url}/dilemmas.data`);
    expect(data.status).toBe(503);
    expect(Number(data.headers.get("retry-after"))).toBeGreaterThan(0);

    // The log: one line per failed request, the stack trace once for the whole outage.
    await new Promise((r) => setTimeout(r, 200));
    const before = server.output().length;
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/dilemmas?pagina=${i}`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 200));
    const logged = server.output().slice(before).trim().split("\n");
    expect(logged.filter((l) => l.includes('"path":"/dilemmas"'))).toHaveLength(5);
    expect(logged, logged.join("\n")).toHaveLength(5);
    expect(server.output().match(/"stack"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(server.child.exitCode).toBeNull(); // still running

    database = await start();
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  }, 60_000);
});
