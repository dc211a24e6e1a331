import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../../server/node-flags";

// Starts the real server (the built server program, build/server/start.js) as a child process, the
// way `npm start` does, for tests that need HTTP, several processes, or start-up behaviour.

export type ServerProcess = { url: string; port: number; output: () => string; stop(): Promise<void>; child: ChildProcess };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export function assertBuilt() {
  if (!existsSync(path.resolve(SERVER_PROGRAM))) {
    throw new Error("No production build: run `npm run build` (npm test does it) before these tests");
  }
}

/** `ownGroup`: a process group of its own, as a shell gives `npm start` (a Ctrl-C reaches all of it). */
export function spawnServer(env: Record<string, string>, { ownGroup = false } = {}) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_PROGRAM], {
    detached: ownGroup,
    // Dutch on the terminal, whatever the shell running the tests speaks (console-language.ts).
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "0", KK_LANG: "nl", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startServer(env: Record<string, string>, options: { ownGroup?: boolean } = {}): Promise<ServerProcess> {
  assertBuilt();
  const port = await freePort();
  const { child, output, exited } = spawnServer({ PORT: String(port), ...env }, options);
  const url = `http://127.0.0.1:${port}`;
  // Ready means warmed up (decision 018): on two cores shared with other work that can take
  // a minute and more, the first start of a fresh data dir (a new cluster, the demo) longer.
  const deadline = Date.now() + 150_000;
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}: ${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`server not ready within 150 s: ${output().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A browser-like form POST: same-origin Origin header, urlencoded body, no redirect following. */
export function postForm(base: string, pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(base + pathname, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: base,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export function cookieFrom(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.includes("kk_session="));
  if (!header) throw new Error(`no session cookie (status ${response.status})`);
  return header.split(";")[0]!;
}
