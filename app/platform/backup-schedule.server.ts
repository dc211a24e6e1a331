// Backups by themselves (decision 019): with BACKUP_INTERVAL_HOURS set, the process that runs
// the database side makes one every so many hours into BACKUP_DIR and keeps the newest
// BACKUP_KEEP. A plain timer in that one process: the job runner (pg-boss) was not in the
// product yet when this was written, and a timer needs nothing of the database to decide to
// start. The next backup is due an interval after the newest one on disk, so a restart does
// not make an extra one; an advisory lock keeps two at once (two hosts) from running.
import { describeBackup, listBackups, readManifest } from "./backup-format.server";
import { makeBackup, pruneBackups } from "./backup.server";

type Log = { info(msg: string): void; error(msg: string): void };

export type BackupSchedule = { stop(): Promise<void> };

export function scheduleBackups(opts: {
  url: string;
  dir: string;
  uploadsDir: string;
  intervalHours: number;
  keep: number;
  log: Log;
}): BackupSchedule {
  if (opts.intervalHours <= 0) return { stop: async () => {} };
  const interval = opts.intervalHours * 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  const newest = (): number | null => {
    const [last] = listBackups(opts.dir);
    if (!last) return null;
    try {
      return Date.parse(readManifest(last).createdAt);
    } catch {
      return null;
    }
  };

  const plan = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once().finally(() => (running = null));
    }, delay);
    timer.unref();
  };

  const once = async () => {
    try {
      const { path, manifest } = await makeBackup({ url: opts.url, dir: opts.dir, uploadsDir: opts.uploadsDir });
      const removed = pruneBackups(opts.dir, opts.keep);
      opts.log.info(`backup written and checked: ${path} (${describeBackup(manifest)}); ${removed.length} old removed, ${opts.keep} kept`);
      plan(interval);
    } catch (error) {
      if (stopped) return;
      // Tried again well before the next regular one: a backup missed is a risk taken.
      const retry = Math.min(interval, 3_600_000);
      opts.log.error(`scheduled backup failed, trying again in ${Math.round(retry / 60_000)} min: ${(error as Error).message}`);
      plan(retry);
    }
  };

  // Not in the first minute: warming up and serving the first visitors come first.
  const last = newest();
  const soonest = Math.min(interval, 60_000);
  plan(Math.max(soonest, last === null ? 0 : last + interval - Date.now()));

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A backup in progress either finishes soon or fails when the database stops; its
      // unfinished folder is removed either way.
      await Promise.race([running, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}
