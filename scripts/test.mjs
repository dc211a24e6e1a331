// `npm test`: unit and integration tests (Vitest, real Postgres), then the browser tests
// (Playwright on Debian's Chromium). Without Chromium the browser tests are skipped with one
// line saying so; CI installs Chromium, so there they always run. Ends with one summary line
// ("N passed, N failed") counted from both runners' JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const reports = mkdtempSync(path.join(tmpdir(), "kk-test-"));
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

// The integration tests start real server processes, which serve the production build.
if (run("npx", ["--no-install", "tsx", "scripts/build-if-needed.ts"]) !== 0) process.exit(1);

const vitestReport = path.join(reports, "vitest.json");
let failed =
  run("npx", ["--no-install", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]) !== 0;
const vitest = readJson(vitestReport);
let passed = vitest?.numPassedTests ?? 0;
let failedCount = vitest ? vitest.numFailedTests : 1;

if (existsSync(chromium)) {
  const playwrightReport = path.join(reports, "playwright.json");
  failed =
    run("npx", ["--no-install", "playwright", "test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
    }) !== 0 || failed;
  const stats = readJson(playwrightReport)?.stats;
  passed += stats?.expected ?? 0;
  failedCount += stats ? stats.unexpected + stats.flaky : 1;
} else {
  console.log(`Chromium not found at ${chromium}: browser tests skipped (install: apt-get install -y chromium).`);
}
if (failed && failedCount === 0) failedCount = 1; // a runner failed without a failing test
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(failed ? 1 : 0);
