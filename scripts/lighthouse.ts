// `npm run lighthouse`: Lighthouse's mobile profile (simulated slow 4G and a 4× slower CPU) on the
// pages people use most, as a signed-in member sees them, on Debian's Chromium (issue 22: accessibility
// 100, performance ≥ 95). It serves the production build with the demo content on its own data dir,
// as `npm run screens` does, and writes the figures to docs/lighthouse.md with the machine's load.
// Like the bench, a measurement, not a test: it exits 1 when a page misses a target.
//
//   --rounds=N      measure every page N times and report the median (the machine is shared and
//                   the performance score follows its load)
//   --before=DIR    A/B: also serve the build in DIR (another revision's checkout with its own
//                   `build/`, used as it is) and measure each page on both servers alternately,
//                   so both sides see the same load; docs/lighthouse.md gets both
//   --json=DIR      keep every run's whole Lighthouse report (audit details) in DIR
//   --tasks         print each run's main-thread tasks after the first paint that Total Blocking Time
//                   counts (≥ 12.5 ms seen, so ≥ 50 ms at Lighthouse's 4× CPU): when, how long, and
//                   the scripts, timers or browser work inside (decision 056)
// LIGHTHOUSE_URL + LIGHTHOUSE_DATA_DIR measure an already running server instead.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { demoServer, type DemoServer, mostUsedPages, signedInMember } from "./lib/demo-server";

const TARGETS = { accessibility: 100, performance: 95 };
const DEBUG_PORT = Number(process.env.LIGHTHOUSE_DEBUG_PORT ?? 9333);
const { values: options } = parseArgs({
  options: { rounds: { type: "string", default: "1" }, before: { type: "string" }, json: { type: "string" }, tasks: { type: "boolean", default: false } },
});
const ROUNDS = Math.max(1, Number(options.rounds));

type Run = { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; cpuTbt: number; si: number; cls: number; load: number; problems: string[]; tasks: string[] };
type Side = { label: string; server: DemoServer; cookie: string };

const load = () => os.loadavg()[0]!;

async function measure(url: string, cookie: string, keep: string | null): Promise<Run> {
  const loadAtStart = load();
  const result = await lighthouse(url, {
    port: DEBUG_PORT,
    logLevel: "error",
    output: "json",
    onlyCategories: ["performance", "accessibility"],
    extraHeaders: { Cookie: cookie },
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (keep) writeFileSync(keep, JSON.stringify(result.lhr));
  const events = result.artifacts.Trace.traceEvents as TraceEvent[];
  const tasks = options.tasks ? blockingTasks(events) : [];
  const { categories, audits } = result.lhr;
  const value = (id: string) => Number(audits[id]?.numericValue ?? 0);
  const failing = (category: "performance" | "accessibility") =>
    (categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${category}: ${audits[ref.id]?.title ?? ref.id}`);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    fcp: value("first-contentful-paint"),
    lcp: value("largest-contentful-paint"),
    tbt: value("total-blocking-time"),
    cpuTbt: threadBlockingTime(events),
    si: value("speed-index"),
    cls: value("cumulative-layout-shift"),
    load: (loadAtStart + load()) / 2,
    problems: [...failing("accessibility"), ...failing("performance")],
    tasks,
  };
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string; data?: { url?: string; functionName?: string } } };
/** What a task holds, by its largest pieces: "evaluate react-dom-….js 31", "timer 12", "layout 9". */
const PIECES: Record<string, string> = {
  EvaluateScript: "script",
  "v8.evaluateModule": "module",
  FunctionCall: "call",
  TimerFire: "timer",
  FireAnimationFrame: "frame",
  RunMicrotasks: "microtasks",
  EventDispatch: "event",
  ParseHTML: "parse",
  UpdateLayoutTree: "style",
  Layout: "layout",
  MajorGC: "gc",
  MinorGC: "gc",
  "v8.compileModule": "compile",
  "v8.compile": "compile",
};

/**
 * The page's main-thread tasks after its first contentful paint that Lighthouse's Total Blocking
 * Time counts: simulated at 4× the CPU, a task seen as ≥ 12.5 ms is ≥ 50 ms. The trace of the
 * run, so which scripts are in them can be read, not only the score (decision 056).
 */
function blockingTasks(events: TraceEvent[]): string[] {
  const fcp = events.find((e) => e.name === "firstContentfulPaint");
  const main = fcp && events.find((e) => e.name === "thread_name" && e.pid === fcp.pid && e.args?.name === "CrRendererMain");
  if (!fcp || !main) return [];
  const navigation = events.find((e) => e.name === "navigationStart" && e.pid === fcp.pid)?.ts ?? fcp.ts;
  const thread = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined);
  return thread
    .filter((e) => e.name === "RunTask" && e.ts >= fcp.ts && e.dur! >= 12_500)
    .map((task) => {
      const end = task.ts + task.dur!;
      const pieces = thread
        .filter((e) => e !== task && PIECES[e.name] && e.ts >= task.ts && e.ts + e.dur! <= end && e.dur! >= 2_000)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 3)
        .map((e) => {
          const script = e.args?.data?.url?.split("/").pop()?.split("?")[0];
          return `${PIECES[e.name]}${script ? ` ${script}` : ""} ${Math.round(e.dur! / 1000)}`;
        });
      // Wall time is what Lighthouse multiplies; thread time (the CPU the task had) says more on a
      // shared machine, where a task's wall time includes the time other processes ran.
      const cpu = task.tdur === undefined ? "" : `, thread ${Math.round(task.tdur / 1000)} ms`;
      return `+${Math.round((task.ts - navigation) / 1000)} ms: ${Math.round(task.dur! / 1000)} ms${cpu} (${pieces.join(", ") || "browser"})`;
    });
}

/**
 * Total Blocking Time as Lighthouse would count it if every task's wall time were its thread time:
 * Σ max(0, 4 × thread ms − 50) over the main-thread tasks after the first contentful paint. On a
 * shared machine a task's wall time includes the time other processes had the core (a 1 ms task
 * seen as 228 ms), so Lighthouse's own TBT follows the load; this follows the page's work, and is
 * what an A/B run under load can compare (decision 059). Lantern also moves tasks around its
 * simulated paint; this estimate does not.
 */
function threadBlockingTime(events: TraceEvent[]): number {
  const fcp = events.find((e) => e.name === "firstContentfulPaint");
  const main = fcp && events.find((e) => e.name === "thread_name" && e.pid === fcp.pid && e.args?.name === "CrRendererMain");
  if (!fcp || !main) return NaN;
  return events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.name === "RunTask" && e.ts >= fcp.ts && e.tdur !== undefined)
    .reduce((sum, task) => sum + Math.max(0, (4 * task.tdur!) / 1000 - 50), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One figure per page and side: the median of its runs, metric by metric; the problems of any run. */
function summary(runs: Run[]): Run {
  const of = (key: keyof Omit<Run, "problems" | "tasks">) => median(runs.map((r) => r[key]));
  return {
    performance: Math.round(of("performance")),
    accessibility: Math.round(of("accessibility")),
    fcp: of("fcp"),
    lcp: of("lcp"),
    tbt: of("tbt"),
    cpuTbt: of("cpuTbt"),
    si: of("si"),
    cls: of("cls"),
    load: of("load"),
    problems: [...new Set(runs.flatMap((r) => r.problems))],
    tasks: [],
  };
}

const metrics = (r: Run) =>
  `FCP ${Math.round(r.fcp)} ms, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms (by thread time ${Math.round(r.cpuTbt)} ms), SI ${Math.round(r.si)} ms, CLS ${r.cls.toFixed(3)}`;
const passes = (r: Run) => r.accessibility >= TARGETS.accessibility && r.performance >= TARGETS.performance;

async function main(): Promise<number> {
  const given = process.env.LIGHTHOUSE_URL;
  const port = Number(process.env.LIGHTHOUSE_PORT ?? 3198);
  const sides: Side[] = [];
  const started: DemoServer[] = [];
  const start = async (label: string, server: Promise<DemoServer>) => {
    const running = await server;
    started.push(running);
    sides.push({ label, server: running, cookie: `kk_session=${await signedInMember(running.dataDir)}` });
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", `--remote-debugging-port=${DEBUG_PORT}`],
  });
  if (options.json) mkdirSync(options.json, { recursive: true });
  const runs = new Map<string, Run[]>(); // `${side} ${page}` → runs
  const loadBefore = load();
  let pages: [string, string][] = [];
  try {
    await start("this build", demoServer(port, given ? { url: given, dataDir: process.env.LIGHTHOUSE_DATA_DIR ?? ".data" } : undefined));
    if (options.before) {
      // Its address by number: cookies do not tell ports apart, so the two sides' sessions
      // (and anything a page sets) would otherwise meet in the browser's one cookie jar.
      const before = await demoServer(port + 1, undefined, path.resolve(options.before));
      await start("before", Promise.resolve({ ...before, url: before.url.replace("localhost", "127.0.0.1") }));
    }
    pages = await mostUsedPages(browser, sides[0]!.server.url);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, href] of pages) {
        // Alternately first and second, so neither side always meets the machine after the other.
        const order = (round + pages.findIndex(([n]) => n === name)) % 2 ? [...sides].reverse() : sides;
        for (const side of order) {
          const keep = options.json ? path.join(options.json, `${side.label.replace(/\W+/g, "-")}-${name}-${round}.json`) : null;
          const run = await measure(`${side.server.url}${href}`, side.cookie, keep);
          const key = `${side.label} ${name}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
          console.log(
            `  ${String(round).padStart(2)} ${side.label.padEnd(10)} ${name.padEnd(9)} performance ${run.performance}, accessibility ${run.accessibility}  (${metrics(run)}; load ${run.load.toFixed(2)})`,
          );
          for (const task of run.tasks) console.log(`       ${task}`);
        }
      }
    }
  } finally {
    await browser.close();
    for (const server of started) server.stop();
  }
  const figures = (label: string, name: string) => summary(runs.get(`${label} ${name}`) ?? []);
  const rows = pages.map(([name, href]) => ({ name, href, ...figures("this build", name) }));
  const machine = `${os.cpus().length} cores, load average ${loadBefore.toFixed(2)} before and ${load().toFixed(2)} after`;
  const each = ROUNDS > 1 ? `the median of ${ROUNDS} runs per page` : "one run per page";
  const comparison = options.before
    ? [
        "",
        `## A/B in the same run: \`${options.before}\` (before) and this build, alternately`,
        "",
        "| page | performance before → after | FCP before → after | LCP before → after | TBT before → after | TBT by thread time before → after | load |",
        "|---|---|---|---|---|---|---|",
        ...pages.map(([name]) => {
          const [b, a] = [figures("before", name), figures("this build", name)];
          const ms = (x: number) => `${Math.round(x)}`;
          return `| ${name} | ${b.performance} → ${a.performance} | ${ms(b.fcp)} → ${ms(a.fcp)} ms | ${ms(b.lcp)} → ${ms(a.lcp)} ms | ${ms(b.tbt)} → ${ms(a.tbt)} ms | ${ms(b.cpuTbt)} → ${ms(a.cpuTbt)} ms | ${b.load.toFixed(1)} / ${a.load.toFixed(1)} |`;
        }),
      ]
    : [];
  writeFileSync(
    "docs/lighthouse.md",
    [
      "# Lighthouse, mobile profile (written by `npm run lighthouse`)",
      "",
      `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}; Debian's Chromium, signed in as a member,`,
      `demo content; ${each}. Targets: accessibility ${TARGETS.accessibility}, performance ≥ ${TARGETS.performance}. Performance uses Lighthouse's simulated`,
      "throttling (slow 4G, CPU 4× slower), so a busy machine lowers it somewhat; accessibility does not depend on load.",
      "",
      "| page | address | performance | accessibility | metrics | load | |",
      "|---|---|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.name} | \`${r.href}\` | ${r.performance} | ${r.accessibility} | ${metrics(r)} | ${r.load.toFixed(1)} | ${passes(r) ? "PASS" : "FAIL"} |`),
      "",
      ...rows.flatMap((r) => (r.problems.length ? [`- ${r.name}: ${r.problems.join("; ")}`] : [])),
      ...comparison,
      "",
    ].join("\n"),
  );
  console.log(`Lighthouse (${machine}, ${each}): ${rows.filter(passes).length} of ${rows.length} pages meet both targets; docs/lighthouse.md written.`);
  return rows.every(passes) ? 0 : 1;
}

process.exitCode = await main();
