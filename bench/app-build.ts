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
const COPIED = ["app", "server", "prisma", "public", "package.json", "tsconfig.json", "vite.config.ts", "scripts/lib/commonjs-wrappers.ts", "react-router.config.ts"];
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

/**
 * A built snapshot of a git revision (`--compare=main`): its files from git, built once per
 * commit in .data/bench/app-<commit>, with this tree's node_modules.
 */
export function prepareRefApp(ref: string): { dir: string; commit: string; built: boolean } {
  const rev = spawnSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: ROOT, encoding: "utf8" });
  if (rev.status !== 0) throw new Error(`--compare: ${ref} is not a commit here`);
  const commit = rev.stdout.trim();
  const dir = `${APP_DIR}-${commit.slice(0, 12)}`;
  if (fs.existsSync(path.join(dir, "build", "server", "index.js"))) return { dir, commit, built: false };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const present = COPIED.filter((p) => spawnSync("git", ["cat-file", "-e", `${commit}:${p}`], { cwd: ROOT }).status === 0);
  const archive = spawnSync("sh", ["-c", `git archive ${commit} ${present.join(" ")} | tar -x -C "${dir}"`], { cwd: ROOT, encoding: "utf8" });
  if (archive.status !== 0) throw new Error(`--compare: could not unpack ${ref}: ${archive.stderr}`);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Its Prisma client is generated from its own schema, as npm install would.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const generated = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", "prisma/schema.prisma"], { cwd: dir, env, encoding: "utf8" });
  const result =
    generated.status === 0 ? spawnSync("npx", ["--no-install", "react-router", "build"], { cwd: dir, encoding: "utf8" }) : generated;
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`--compare: ${ref} does not build:\n${`${result.stdout}\n${result.stderr}`.split("\n").slice(-12).join("\n")}`);
  }
  return { dir, commit, built: true };
}
