// `npm run screens`: screenshots of the pages people use most, on a phone (375 × 667) and a
// laptop (1280 × 800), into docs/screens/, so a change in look is visible in review (issue 22).
// It serves the production build on a fresh embedded Postgres with the demo content (its own
// data dir, so nobody's data is touched), signs a member in, and photographs what they see.
// SCREENS_URL=http://localhost:3000 photographs an already running server instead (then
// SCREENS_DATA_DIR must name its KK_DATA_DIR, to create the member).
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../server/node-flags";
import { promisify } from "node:util";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { chromium } from "@playwright/test";
import pg from "pg";

const run = promisify(execFile);
const outDir = path.resolve("docs/screens");
const viewports = [
  { name: "phone", width: 375, height: 667 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

function databaseUrl(dataDir: string): string {
  const { port, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; password: string };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kenniskring`;
}

async function startServer(): Promise<{ url: string; dataDir: string; stop: () => void }> {
  const port = Number(process.env.SCREENS_PORT ?? 3199);
  const dataDir = mkdtempSync(path.join(tmpdir(), "kk-screens-"));
  console.log(`Starting a server with the demo content on port ${port}…`);
  await run("npx", ["--no-install", "tsx", "scripts/build-if-needed.ts"]);
  const child = spawn("node", [...SERVER_NODE_FLAGS, SERVER_PROGRAM], {
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

/** A member with a session cookie, made the way `npm run user:create` and a login make them. */
async function signedInCookie(dataDir: string): Promise<string> {
  const email = `screens-${Date.now()}@voorbeeld.nl`;
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

async function main() {
  const given = process.env.SCREENS_URL;
  const server = given ? { url: given, dataDir: process.env.SCREENS_DATA_DIR ?? ".data", stop: () => {} } : await startServer();
  try {
    const token = await signedInCookie(server.dataDir);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
    mkdirSync(outDir, { recursive: true });
    // The first dilemma and the first meeting with a report, found through the pages themselves.
    const probe = await browser.newPage();
    await probe.goto(`${server.url}/dilemmas`);
    const thread = await probe.locator(".dilemma-list__title a").first().getAttribute("href");
    await probe.goto(`${server.url}/meetings`);
    const report = (await probe.locator(".meeting-list a[href^='/meetings/']").last().getAttribute("href")) ?? "/meetings/1";
    await probe.close();
    const pages: [string, string][] = [
      ["home", "/"],
      ["list", "/dilemmas"],
      ["thread", thread ?? "/dilemmas/1"],
      ["ask", "/dilemmas/new"],
      ["meetings", "/meetings"],
      ["report", report],
      ["search", "/search?q=eigen+kracht"],
    ];
    for (const viewport of viewports) {
      const context = await browser.newContext({ viewport, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
      await context.addCookies([{ name: "kk_session", value: token, url: server.url }]);
      const page = await context.newPage();
      for (const [name, href] of pages) {
        await page.goto(`${server.url}${href}`, { waitUntil: "networkidle" });
        const file = path.join(outDir, `${name}-${viewport.name}.png`);
        await page.screenshot({ path: file });
        console.log(`  ${path.relative(process.cwd(), file)}`);
      }
      await context.close();
    }
    await browser.close();
  } finally {
    server.stop();
  }
}

await main();
