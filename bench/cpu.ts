// Where the CPU went during a load run, from /proc: the server, Postgres (postmaster and its
// backends), the load generator (this process), and everything else on the machine. On a
// shared machine the last one explains bad figures; CPU per request is the figure that does
// not depend on the neighbours.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const TICKS_PER_SECOND = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;

type Snapshot = { at: number; busy: number; server: number; postgres: number; bench: number };

export type CpuUse = {
  /** CPU milliseconds per request. */
  serverMs: number;
  postgresMs: number;
  benchMs: number;
  /** Cores busy with other work on average during the run (other engineers' builds, tests). */
  othersCores: number;
};

/** utime + stime (fields 14, 15); with `reaped`, also cutime + cstime: exited children's CPU. */
function ticksOf(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return fields[11]! + fields[12]! + (reaped ? fields[13]! + fields[14]! : 0);
  } catch {
    return 0; // gone
  }
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function busyTicks(): number {
  const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  void idle;
  void iowait;
  return user! + nice! + system! + irq! + softirq! + steal!;
}

export class CpuMeter {
  private readonly postmaster: number;
  constructor(pgdata: string, private readonly serverPid: number) {
    this.postmaster = Number(fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
  }

  snapshot(): Snapshot {
    // Backends come and go (pools close idle connections): an exited one's CPU moves to the
    // postmaster's "children" counters, so live backends + postmaster with those stay whole.
    const backends = childrenOf(this.postmaster);
    return {
      at: Date.now(),
      busy: busyTicks(),
      // With WEB_CONCURRENCY > 1 the workers are the server's children.
      server: ticksOf(this.serverPid) + childrenOf(this.serverPid).reduce((sum, pid) => sum + ticksOf(pid), 0),
      postgres: ticksOf(this.postmaster, true) + backends.reduce((sum, pid) => sum + ticksOf(pid), 0),
      bench: ticksOf(process.pid),
    };
  }

  use(before: Snapshot, after: Snapshot, requests: number): CpuUse {
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
    const server = after.server - before.server;
    const postgres = after.postgres - before.postgres;
    const bench = after.bench - before.bench;
    const others = after.busy - before.busy - server - postgres - bench;
    return {
      serverMs: ms(server) / requests,
      postgresMs: ms(postgres) / requests,
      benchMs: ms(bench) / requests,
      othersCores: Math.max(0, ms(others) / (after.at - before.at)),
    };
  }
}
