// `npm test`: unit and integration tests (Vitest, real Postgres), then the browser tests
// (Playwright on Debian's Chromium). Without Chromium the browser tests are skipped with one
// line saying so; CI installs Chromium, so there they always run. Ends with one summary line
// ("N passed, N failed") counted from both runners' JSON reports, preceded by the names of the
// failing tests: CI keeps only the tail of the output, and a count alone says nothing to fix.
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

let playwrightJson = null;
if (existsSync(chromium)) {
  const playwrightReport = path.join(reports, "playwright.json");
  failed =
    run("npx", ["--no-install", "playwright", "test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
    }) !== 0 || failed;
  playwrightJson = readJson(playwrightReport);
  const stats = playwrightJson?.stats;
  passed += stats?.expected ?? 0;
  failedCount += stats ? stats.unexpected + stats.flaky : 1;
} else {
  console.log(`Chromium not found at ${chromium}: browser tests skipped (install: apt-get install -y chromium).`);
}
if (failed && failedCount === 0) failedCount = 1; // a runner failed without a failing test
const failures = [...vitestFailures(vitest), ...playwrightFailures(playwrightJson)];
if (failures.length > 0) console.log(`Failed:\n${failures.map((line) => `  ✗ ${line}`).join("\n")}`);
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(failed ? 1 : 0);

/** "file › test name — first line of the error" for each failed Vitest test. */
function vitestFailures(report) {
  return (report?.testResults ?? []).flatMap((file) => {
    const name = path.relative(process.cwd(), file.name);
    const tests = file.assertionResults.filter((test) => test.status === "failed");
    if (tests.length === 0 && file.status === "failed") return [`${name} — ${firstLine(file.message)}`];
    return tests.map((test) => {
      // Vitest's JSON report writes a timeout as a bare "STACK_TRACE_ERROR"; say what it was.
      const message = firstLine(test.failureMessages?.[0]).replace(/^Error: STACK_TRACE_ERROR$/, "no message: most likely a timeout");
      return `${name} › ${test.fullName} — ${message} (after ${Math.round((test.duration ?? 0) / 1000)} s)`;
    });
  });
}

/** The same for Playwright, whose report nests suites inside suites. */
function playwrightFailures(report) {
  const lines = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        lines.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")} (${test.projectName || "browser"}, ${test.status}) — ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report?.suites ?? []) visit(suite, []);
  return lines;
}

function firstLine(text) {
  // Strip terminal colours; keep one line, short enough for a CI excerpt.
  const line = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((l) => l.trim()) ?? "";
  return line.trim().slice(0, 200);
}
