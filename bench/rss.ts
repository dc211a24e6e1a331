// Resident memory of the server under test, per process (the primary and its workers), read
// from /proc while the bench runs (decision 031). Linux only; elsewhere the figures are absent.
import fs from "node:fs";
import path from "node:path";

/** Resident bytes of one process (VmRSS), or undefined when it is gone or /proc is absent. */
export function rssOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it (the server's cluster workers). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [pid];
  }
  for (const e of entries) {
    try {
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
      const stat = fs.readFileSync(path.join("/proc", e, "stat"), "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(e)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    for (const child of parents.get(p) ?? []) visit(child);
  };
  visit(pid);
  return out;
}

/** The Node processes of a server: itself and its cluster workers, not tsx's esbuild helper. */
export function nodeProcesses(pid: number): number[] {
  return processTree(pid).filter((p) => {
    try {
      return p === pid || fs.readFileSync(`/proc/${p}/comm`, "utf8").trim() === "node";
    } catch {
      return false;
    }
  });
}

export type RssFigures = { pid: number; role: string; restBytes?: number; peakBytes?: number; meanBytes?: number };

/**
 * Samples every process of the server every 250 ms between start() and stop(): the peak and
 * mean resident memory of each, and of all of them together (peakTotal: the most at one time).
 */
export class RssSampler {
  readonly #pids: number[];
  readonly #samples = new Map<number, number[]>();
  #totals: number[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(rootPid: number) {
    this.#pids = nodeProcesses(rootPid);
  }

  get pids(): number[] {
    return this.#pids;
  }

  /** Resident bytes of each process now. */
  now(): Map<number, number> {
    return new Map(this.#pids.flatMap((p) => (rssOf(p) === undefined ? [] : [[p, rssOf(p)!] as [number, number]])));
  }

  start(): void {
    this.#samples.clear();
    this.#totals = [];
    const sample = () => {
      let total = 0;
      for (const [pid, bytes] of this.now()) {
        this.#samples.set(pid, [...(this.#samples.get(pid) ?? []), bytes]);
        total += bytes;
      }
      this.#totals.push(total);
    };
    sample();
    this.#timer = setInterval(sample, 250);
  }

  stop(): { perProcess: Map<number, { peak: number; mean: number }>; peakTotal: number } {
    clearInterval(this.#timer);
    const perProcess = new Map<number, { peak: number; mean: number }>();
    for (const [pid, xs] of this.#samples) {
      perProcess.set(pid, { peak: Math.max(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length });
    }
    return { perProcess, peakTotal: Math.max(0, ...this.#totals) };
  }
}

export const mb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${Math.round(bytes / 2 ** 20)}`);

/** Proportional memory (PSS) of one process: shared pages (Postgres' shared buffers) divided among those mapping them, so a sum over processes counts them once. */
export function pssOf(pid: number): number | undefined {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** PSS of the Postgres running on `pgdata` (postmaster and every backend), summed; undefined when unreadable. */
export function postgresPss(pgdata: string): number | undefined {
  try {
    const postmaster = Number(fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
    const sizes = processTree(postmaster).map(pssOf);
    return sizes.some((s) => s === undefined) && sizes.every((s) => s === undefined) ? undefined : sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
  } catch {
    return undefined;
  }
}
