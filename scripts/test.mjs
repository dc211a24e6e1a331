// `npm test`: unit and integration tests (Vitest, real Postgres), then the browser tests
// (Playwright on Debian's Chromium). Without Chromium the browser tests are skipped with one
// line saying so; CI installs Chromium, so there they always run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env: process.env }).status ?? 1;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The integration tests start real server processes, which serve the production build.
if (run("npx", ["--no-install", "tsx", "scripts/build-if-needed.ts"]) !== 0) process.exit(1);

let failed = run("npx", ["--no-install", "vitest", "run"]) !== 0;

if (existsSync(chromium)) {
  failed = run("npx", ["--no-install", "playwright", "test"]) !== 0 || failed;
} else {
  console.log(`Chromium not found at ${chromium}: browser tests skipped (install: apt-get install -y chromium).`);
}
process.exit(failed ? 1 : 0);
