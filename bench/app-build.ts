// The app the benchmark measures: a snapshot of the working tree in .data/bench/app with its
// own production build. Building in the shared build/ would swap the client assets under an
// end-to-end run of another engineer, and their half-saved files would land in our figures
// halfway through a run; a snapshot is one consistent state, built once, served as is.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BENCH_DATA_DIR } from "./generate";

const ROOT = process.cwd();
export const APP_DIR = path.join(BENCH_DATA_DIR, "app");
const COPIED = ["app", "server", "prisma", "public", "package.json", "tsconfig.json", "vite.config.ts", "react-router.config.ts"];
const MARKER = path.join(APP_DIR, "build", "server", "index.js");

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/**
 * A built snapshot of the current sources; rebuilt only when a source is newer than it. When
 * the working tree does not build (another engineer mid-edit), the last good snapshot is kept
 * and measured, and `stale` says why.
 */
export function prepareApp(): { dir: string; built: boolean; builtAt: Date; stale?: string } {
  const sourcesAt = Math.max(...COPIED.map((p) => newestMtime(path.join(ROOT, p))));
  const builtAt = fs.existsSync(MARKER) ? fs.statSync(MARKER).mtimeMs : 0;
  if (builtAt > sourcesAt) return { dir: APP_DIR, built: false, builtAt: new Date(builtAt) };

  const next = `${APP_DIR}-next`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(next, { recursive: true });
  for (const p of COPIED) {
    if (fs.existsSync(path.join(ROOT, p))) fs.cpSync(path.join(ROOT, p), path.join(next, p), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(next, "node_modules"), "dir");
  const result = spawnSync("npx", ["--no-install", "react-router", "build"], { cwd: next, encoding: "utf8" });
  if (result.status !== 0) {
    const said = `${result.stdout}\n${result.stderr}`.split("\n").filter((l) => l.trim() && !l.includes("npm warn"));
    const why = `the working tree does not build right now (someone mid-edit?):\n${said.slice(-12).join("\n")}`;
    fs.rmSync(next, { recursive: true, force: true });
    if (!builtAt) throw new Error(why);
    return { dir: APP_DIR, built: false, builtAt: new Date(builtAt), stale: why };
  }
  fs.rmSync(APP_DIR, { recursive: true, force: true });
  fs.renameSync(next, APP_DIR);
  return { dir: APP_DIR, built: true, builtAt: fs.statSync(MARKER).mtime };
}
