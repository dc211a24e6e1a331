// Node/V8 flags the production server runs with: `npm start` passes them (package.json) and
// the bench starts the server with the same (bench/server.ts); a test keeps the two in step.
//
// --max-semi-space-size=16 (V8's own default, said out loud so nobody raises it unmeasured):
// decision 009 had 64 MB, so that a page's garbage died young (server CPU per page 6.3 → 5.4
// ms then). But the young generation is two semi-spaces, and under load V8 fills them: 128 MB
// of a process's resident memory at 64, 32 MB at 16 (`npm run bench:memory`, decision 031:
// RSS under the page load 581 → 486 MB per process). Since decisions 010 and 012 a page makes
// far less garbage, and on the shared bench machine no speed difference between 16, 32 and 64
// stood out of the noise, while 96 MB per process (192 with two) did.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=16"] as const;

/**
 * The environment the production server runs with, besides the site's settings. glibc gives
 * each thread that allocates its own malloc arena (up to 8 × cores), and memory freed in one
 * is never handed to another: with two arenas a process at rest held ≈ 16 MB less (decision
 * 036), at no measurable cost in speed (Node allocates from one thread; libuv's few workers
 * share the second).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2" } as const;

/**
 * The production server program: server/index.ts built into the SSR bundle beside the app
 * (vite.config.ts, decision 036), run with plain `node`. Everything that starts the real
 * server (`npm start`, the service file, tests, the bench) runs this file.
 */
export const SERVER_PROGRAM = "build/server/start.js";

/**
 * Node flags for a worker process: the primary's own, and each of the server's flags the
 * primary was started without (a bare `node build/server/start.js`), so every process that
 * serves pages runs as the bench measured it, however the site was started.
 */
export function workerExecArgv(primary: readonly string[] = process.execArgv): string[] {
  const named = (flag: string) => flag.split("=")[0];
  const missing = SERVER_NODE_FLAGS.filter((flag) => !primary.some((own) => named(own) === named(flag)));
  return [...primary, ...missing];
}

/** The server's environment (SERVER_ENV) where the primary's own environment does not say otherwise: for its workers. */
export function workerEnv(primary: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_ENV).filter(([name]) => primary[name] === undefined));
}
