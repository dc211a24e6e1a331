import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervisePostgres } from "~/platform/postgres-supervisor.server";

// The supervisor's own rules, with a real process standing in for Postgres: a death is said
// once, a restart that fails is said once per reason and tried again with back-off, and the
// new process is watched from then on.
function standIn() {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  return child;
}

describe("supervisePostgres", () => {
  it("says a death once, retries a failing restart saying each reason once, then watches the new process", async () => {
    const first = standIn();
    const second = standIn();
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), debug() {} };
    const reasons = ["port in use", "port in use", "port in use", "disk full"];
    let attempts = 0;
    const supervisor = supervisePostgres({
      pid: first.pid!,
      log,
      checkEveryMs: 20,
      backoffMs: [10, 20, 40],
      restart: async () => {
        const reason = reasons[attempts++];
        if (reason) throw new Error(reason);
        return { pid: second.pid!, adopted: false };
      },
    });
    try {
      first.kill("SIGKILL");
      await expect.poll(() => supervisor.pid(), { timeout: 5_000 }).toBe(second.pid);
      expect(attempts).toBe(5);
      expect(lines[0]).toBe(`warn embedded Postgres (pid ${first.pid}) stopped unexpectedly; restarting it (pages answer 503 meanwhile)`);
      expect(lines.filter((l) => l.includes("could not restart"))).toEqual([
        "warn could not restart the embedded Postgres, trying again in 0.02 s and then every 0.04 s: port in use",
        "warn could not restart the embedded Postgres, trying again in 0.04 s and then every 0.04 s: disk full",
      ]);
      expect(lines.at(-1)).toMatch(new RegExp(`^info embedded Postgres is back after [\\d.]+ s \\(pid ${second.pid}\\)$`));
      expect(lines).toHaveLength(4);
    } finally {
      await supervisor.stop();
      first.kill("SIGKILL");
      second.kill("SIGKILL");
    }
  });

  it("keeps trying for as long as it takes, and stops trying when told to", async () => {
    const first = standIn();
    let attempts = 0;
    const supervisor = supervisePostgres({
      pid: first.pid!,
      log: { info() {}, warn() {}, debug() {} },
      checkEveryMs: 20,
      backoffMs: [5],
      restart: async () => {
        attempts++;
        throw new Error("the data directory is damaged");
      },
    });
    first.kill("SIGKILL");
    await expect.poll(() => attempts, { timeout: 5_000 }).toBeGreaterThan(10);
    await supervisor.stop();
    const after = attempts;
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts).toBe(after);
  });
});
