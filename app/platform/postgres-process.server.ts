// What the operating system says about the Postgres on a data dir: is the process in
// postmaster.pid still that Postgres, is a recorded owner still alive, and stopping a
// Postgres we did not spawn ourselves (one adopted from a process that was killed).
import fs from "node:fs";
import path from "node:path";

/** The Postgres running on pgdata, per postmaster.pid; removes the file when it is stale. */
export async function findRunning(
  pgdata: string,
  log: { warn(msg: string): void },
): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(pgdata, "postmaster.pid");
  for (let read = 1; ; read++) {
    let lines: string[];
    try {
      lines = fs.readFileSync(pidFile, "utf8").split("\n");
    } catch {
      return undefined;
    }
    // Line 1: pid; line 4: port (Postgres' miscadmin.h, LOCK_FILE_LINE_*).
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!(Number.isInteger(pid) && pid > 0 && port > 0) && read < 10) {
      // A Postgres that is starting creates the file first and fills it a moment later;
      // deleting it then would make that Postgres shut itself down.
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    if (pid > 0 && isPostgresOf(pid, pgdata)) return { pid, port };
    fs.rmSync(pidFile, { force: true });
    log.warn(
      `removed a stale postmaster.pid (pid ${lines[0]} is not a running Postgres) and starting afresh`,
    );
    return undefined;
  }
}

/**
 * Runs fn while holding an exclusive lock file (created with O_EXCL, holding our pid). A
 * lock left by a dead process is taken over; a live holder is waited for.
 */
export async function withDataDirLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockFile);
      if (holder === null) continue; // released between our attempt and the read: try again
      if (holder > 0 && !isAlive(holder)) fs.rmSync(lockFile, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`${lockFile} is held by process ${holder}; stop it and retry`);
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** The pid in a lock file; null when the file is gone (its holder just released it). */
function readHolder(lockFile: string): number | null {
  try {
    return Number(fs.readFileSync(lockFile, "utf8").trim() || "0");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Fast shutdown of a Postgres we did not spawn (adopted); waits until it is gone. */
export async function stopPid(pid: number) {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`Postgres (pid ${pid}) did not stop within 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // An exited child of a dead parent stays a zombie when PID 1 does not reap (containers).
  const stat = procFile(pid, "stat");
  return stat === undefined || !/^\d+ \(.*\) Z/.test(stat);
}

/** Alive and (where /proc tells) really a postgres on this data dir, not a reused pid. */
export function isPostgresOf(pid: number, pgdata: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = procFile(pid, "cmdline");
  if (cmdline === undefined) return true;
  const args = cmdline.split("\0");
  // Compared as real paths: the same data dir reached through a symlink is the same cluster.
  const target = realPath(pgdata);
  return path.basename(args[0] ?? "") === "postgres" && args.some((a) => realPath(a) === target);
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(path.resolve(p));
  } catch {
    return path.resolve(p);
  }
}

export function isNodeProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = procFile(pid, "cmdline");
  return cmdline === undefined || cmdline.includes("node");
}

function procFile(pid: number, name: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, "utf8");
  } catch {
    return undefined; // not Linux, or gone
  }
}
