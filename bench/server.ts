// The real server as a child process, exactly as `npm start` runs it in production (entry,
// middleware, compression, logging at warn), pointed at a bench database.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENV, SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../server/node-flags";

export type RunningServer = {
  origin: string;
  pid: number;
  spawnedAt: number;
  /** From spawning the process to its first healthy answer (warmed up, decision 018). */
  readyMs: number;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Server processes (WEB_CONCURRENCY): as production is advised to run (README), unless --processes=N. */
export const PROCESSES = process.argv.find((a) => a.startsWith("--processes="))?.split("=")[1] ?? "auto";

export async function startServer(
  appDir: string,
  databaseUrl: string,
  nodeArgs: string[] = [],
  processes: string = PROCESSES,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const spawnedAt = Date.now();
  // A revision from before decision 036 (`--compare=main`) has no built server program: it ran
  // server/index.ts through tsx, and is measured as it ran.
  const program = fs.existsSync(path.join(appDir, SERVER_PROGRAM)) ? [SERVER_PROGRAM] : ["--import", "tsx", "server/index.ts"];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, ...program], {
    cwd: appDir,
    env: {
      ...process.env,
      ...SERVER_ENV,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      SEED_DEMO: "0",
      // The bench's writers post far faster than a person (decision 022).
      POSTING_LIMITS: "off",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: processes,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(origin, child, output);
  const readyMs = Date.now() - spawnedAt;
  return { origin, pid: child.pid!, spawnedAt, readyMs, stop: () => stop(child), get log() { return output; } } as RunningServer;
}

async function waitUntilHealthy(origin: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 180_000; // a start on a busy shared machine can take a minute
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output.slice(-15).join("\n")}`);
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer /healthz within 180 s:\n${output.slice(-15).join("\n")}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Lines the server wrote (warnings and errors at LOG_LEVEL=warn). */
export function serverLog(server: RunningServer): string[] {
  return (server as RunningServer & { log: string[] }).log;
}
