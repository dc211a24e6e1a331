// `npm run screens`: screenshots of the pages people use most, on a phone (375 × 667) and a
// laptop (1280 × 800), into docs/screens/, so a change in look is visible in review (issue 22).
// It serves the production build on a fresh embedded Postgres with the demo content (its own
// data dir, so nobody's data is touched), signs a member in, and photographs what they see.
// SCREENS_URL=http://localhost:3000 photographs an already running server instead (then
// SCREENS_DATA_DIR must name its KK_DATA_DIR, to create the member).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { demoServer, mostUsedPages, signedInMember } from "./lib/demo-server";

const outDir = path.resolve("docs/screens");
const viewports = [
  { name: "phone", width: 375, height: 667 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

async function main() {
  const given = process.env.SCREENS_URL;
  const server = await demoServer(Number(process.env.SCREENS_PORT ?? 3199), given ? { url: given, dataDir: process.env.SCREENS_DATA_DIR ?? ".data" } : undefined);
  try {
    const token = await signedInMember(server.dataDir);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
    mkdirSync(outDir, { recursive: true });
    const pages = await mostUsedPages(browser, server.url);
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
