// What the operating system says about a Postgres in a test: its postmaster's pid (from
// postmaster.pid), whether a pid still runs, and who to run Postgres as when tests run as root.
// Written apart from app/platform/postgres-process.server.ts on purpose: tests check that code,
// so they do not lean on it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function postmasterPidOf(pgdata: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return !/^\d+ \(.*\) Z/.test(stat); // an unreaped zombie has exited
}

/** Postgres will not run as root; as root, it runs as the "postgres" user the packages create. */
export function postgresUserIds(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error('running as root needs the "postgres" user that the postgresql package creates');
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}
