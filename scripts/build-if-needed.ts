// `npm start` serves the production build; this rebuilds it first when any source is newer
// than the build (or there is none), so a fresh clone needs no separate build step.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { SERVER_PROGRAM } from "../server/node-flags";

// The server program is built too (build/server/start.js, decision 036): server/ and the demo
// seed it imports are sources of the build.
const marker = path.resolve(SERVER_PROGRAM);
const sources = ["app", "server", "prisma/seed", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (entry === "generated") continue; // regenerated on every install; not a source
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt < changedAt) {
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  const result = spawnSync("npx", ["--no-install", "react-router", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
