// A production server on a fresh embedded Postgres with the demo content, for scripts that look
// at the product as a member does (screenshots, Lighthouse). Its own data dir, so nobody's data
// is touched; a signed-in member made the way `npm run user:create` and a login make them.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../../server/node-flags";

const run = promisify(execFile);

export type DemoServer = { url: string; dataDir: string; stop: () => void };

function databaseUrl(dataDir: string): string {
  const { port, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kenniskring`;
}

/**
 * `given` (a running server's URL and its KK_DATA_DIR) or a new one on `port`: this checkout's
 * build (built first if its sources are newer), or the build already in `checkout` (another
 * revision's, for an A/B comparison; used as it is).
 */
export async function demoServer(port: number, given?: { url: string; dataDir: string }, checkout?: string): Promise<DemoServer> {
  if (given) return { ...given, stop: () => {} };
  const dataDir = mkdtempSync(path.join(tmpdir(), "kk-demo-"));
  console.log(`Starting a server with the demo content on port ${port}${checkout ? ` from ${checkout}` : ""}…`);
  if (!checkout) await run("npx", ["--no-install", "tsx", "scripts/build-if-needed.ts"]);
  const child = spawn("node", [...SERVER_NODE_FLAGS, SERVER_PROGRAM], {
    cwd: checkout,
    env: { ...process.env, PORT: String(port), KK_DATA_DIR: dataDir, SEED_DEMO: "1", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: "ignore",
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, dataDir, stop: () => child.kill("SIGTERM") };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  throw new Error("the server did not start within 2 minutes");
}

/** A member's session token (the `kk_session` cookie's value). */
export async function signedInMember(dataDir: string): Promise<string> {
  const email = `demo-${Date.now()}@voorbeeld.nl`;
  const env = { ...process.env, DATABASE_URL: databaseUrl(dataDir), LOG_LEVEL: "warn" };
  await run("npx", ["--no-install", "tsx", "scripts/user-create.ts", "--email", email, "--role", "member", "--name", "Sanne de Vries", "--password", "een lang wachtwoord voor de foto's"], { env });
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    // Joined a while ago, so the demo content counts as new since then.
    await client.query(`UPDATE "User" SET "createdAt" = '2000-01-01' WHERE email = $1`, [email]);
    await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT $1, id, now() + interval '1 day' FROM "User" WHERE email = $2`,
      [createHash("sha256").update(token).digest("hex"), email],
    );
  } finally {
    await client.end();
  }
  return token;
}

/** The pages people use most, by name; the first dilemma and the last report found through the pages themselves. */
export async function mostUsedPages(browser: Browser, url: string): Promise<[string, string][]> {
  const probe = await browser.newPage();
  try {
    await probe.goto(`${url}/dilemmas`);
    const thread = await probe.locator(".dilemma-list__title a").first().getAttribute("href");
    await probe.goto(`${url}/meetings`);
    const report = await probe.locator(".meeting-list a[href^='/meetings/']").last().getAttribute("href");
    return [
      ["home", "/"],
      ["list", "/dilemmas"],
      ["thread", thread ?? "/dilemmas/1"],
      ["ask", "/dilemmas/new"],
      ["meetings", "/meetings"],
      ["report", report ?? "/meetings/1"],
      ["search", "/search?q=eigen+kracht"],
    ];
  } finally {
    await probe.close();
  }
}
