// What the primary tells a worker it forks (through the worker's environment), and what a
// worker tells the primary back. Kept apart from server/worker.ts so the primary imports none
// of the app to speak it (decision 042).

/** The environment variable that names a worker's role; set by the primary, never by a person. */
export const WORKER_ROLE = "KENNISKRING_WORKER_ROLE";

export type WorkerMessage = "listening" | "jobs-ready" | { fail: string };

/**
 * "jobs": this worker also works the job queues (decision 015's runner, one process per site);
 * "jobs+setup-link": and says the one-time set-up link (only the first job worker, not each
 * replacement); "web": pages only.
 */
export type WorkerRoleName = "web" | "jobs" | "jobs+setup-link";

export function workerRole(value = process.env[WORKER_ROLE]): { jobs: boolean; announce: boolean } {
  return { jobs: value === "jobs" || value === "jobs+setup-link", announce: value === "jobs+setup-link" };
}
