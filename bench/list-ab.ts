// What bench/mail.ts and bench/digest.ts share: the real server on a bench data set with its
// mail going to an in-process SMTP receiver, and the list page's latency A, B, A around a
// piece of background work (without it, during it, without it again: the machine is noisy,
// so the comparison is made inside one run). Every figure is printed beside the load average.
import os from "node:os";
import autocannon, { type Request as LoadRequest } from "autocannon";
import { startSmtpReceiver, type SmtpReceiver } from "../tests/support/smtp-receiver";
import { prepareApp } from "./app-build";
import { ensureDataset, startBenchCluster, type Dataset } from "./generate";
import { runLoad, type LoadResult } from "./load";

export type Window = { requests: number; p50: number; p99: number; perSecond: number; failures: number };

const BROWSER = { "accept-encoding": "br, gzip", accept: "text/html" };
const listPage = () => ({ method: "GET" as const, path: "/dilemmas", headers: BROWSER });

/** "load 3.12 2.80 2.10" (1, 5 and 15 minutes): printed beside every figure. */
export function loadAverage(): string {
  return `load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`;
}

export function phaseClock(): (what: string) => void {
  const started = Date.now();
  return (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${what} (${loadAverage()})`);
}

/**
 * The bench cluster, the data set of `size` dilemmas and an SMTP receiver that the server
 * under test will send to (SMTP_URL is inherited by the child process); all stopped after.
 */
export async function withMailBench(
  size: number,
  run: (ctx: { appDir: string; ds: Dataset; smtp: SmtpReceiver }) => Promise<number>,
): Promise<number> {
  const app = prepareApp();
  const cluster = await startBenchCluster();
  const smtp = await startSmtpReceiver({ parse: false });
  process.env.SMTP_URL = smtp.url;
  try {
    const ds = await ensureDataset(cluster.adminUrl, size, false);
    return await run({ appDir: app.dir, ds, smtp });
  } finally {
    await smtp.close();
    await cluster.stop();
  }
}

export type ListAbA<T> = { before: LoadResult; during: Window; after: LoadResult; result: T; loads: string[] };

/**
 * The list page for `seconds` without `work` (after a 10 s warm-up), for as long as `work`
 * takes, and for `seconds` again without it. `phase` says what happens when.
 */
export async function listAroundWork<T>(
  origin: string,
  opts: { connections: number; seconds: number; phase: (what: string) => void; label: string },
  work: () => Promise<T>,
): Promise<ListAbA<T>> {
  const { connections, seconds, phase } = opts;
  const loads: string[] = [];
  phase("warm-up: 10 s of the list page");
  await runLoad({ origin, connections, seconds: 10, next: listPage });
  phase(`A: list page without ${opts.label}, ${seconds} s`);
  const before = await runLoad({ origin, connections, seconds, next: listPage });
  loads.push(loadAverage());
  phase(`B: list page during ${opts.label}`);
  const load = startLoad(origin, connections, listPage);
  let result: T;
  try {
    result = await work();
  } finally {
    loads.push(loadAverage());
  }
  const during = await load.stop();
  phase(`A again: list page without ${opts.label}, ${seconds} s`);
  const after = await runLoad({ origin, connections, seconds, next: listPage });
  loads.push(loadAverage());
  return { before, during, after, result, loads };
}

/** The A/B/A table in docs/bench.md's form. */
export function listTable(label: string, ab: ListAbA<unknown>): string[] {
  const row = (what: string, r: Window, load: string | undefined) =>
    `| ${what} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures} | ${load ?? ""} |`;
  return [
    "| list /dilemmas | requests | req/s | p50 ms | p99 ms | failures | load average at its end |",
    "|---|---:|---:|---:|---:|---:|---|",
    row(`A: without ${label}`, ab.before, ab.loads[0]),
    row(`B: during ${label}`, ab.during, ab.loads[1]),
    row(`A: without ${label}, after`, ab.after, ab.loads[2]),
  ];
}

/** The list page under load until stop(): its latencies over exactly that window. */
function startLoad(origin: string, connections: number, next: () => LoadRequest) {
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const instance = autocannon({
    url: origin,
    connections,
    duration: 900,
    timeout: 10,
    requests: [{ setupRequest: (defaults) => ({ ...defaults, ...next() }) }],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status >= 400) failures++;
  });
  const done = Promise.resolve(instance).then(() => undefined);
  return {
    async stop(): Promise<Window> {
      const seconds = (performance.now() - startedAt) / 1000;
      instance.stop();
      await done;
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      return { requests: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
    },
  };
}
