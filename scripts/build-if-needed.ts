// `npm start` serves the production build; this rebuilds it first when any source is newer
// than the build (or there is none), so a fresh clone needs no separate build step.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { inConsoleLanguage as say } from "~/platform/console-language";
import { SERVER_PROGRAM } from "../server/node-flags";

// The server program is built too (build/server/start.js, decision 036): server/ and the demo
// seed it imports are sources of the build.
const marker = path.resolve(SERVER_PROGRAM);
const sources = ["app", "server", "prisma/seed", "public", "vite.config.ts", "scripts/lib/commonjs-wrappers.ts", "react-router.config.ts", "package-lock.json"];

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
  await build(
    builtAt
      ? say("De broncode is veranderd sinds de vorige build: opnieuw bouwen…", "Sources changed since the last build: building…")
      : say("Er is nog geen build: bouwen (een minuut of twee)…", "No build yet: building (a minute or two)…"),
  );
}

/**
 * The build, with one line per stage instead of Vite's file list, React Router's future-flag
 * notes and Vite's deprecation notes (for the framework's authors, not for whoever starts the
 * server; issue 22). All of it is shown when the build fails, and with LOG_LEVEL=debug.
 */
async function build(announce: string): Promise<void> {
  console.log(announce);
  const started = Date.now();
  const verbose = process.env.LOG_LEVEL === "debug";
  const child = spawn("npx", ["--no-install", "react-router", "build"], { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const stages: Array<[RegExp, string]> = [
    [/building client environment/, say("  de scripts en stijlen van de pagina's…", "  the pages' scripts and styles…")],
    [/building ssr environment/, say("  de server…", "  the server…")],
  ];
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    if (verbose) process.stdout.write(text);
    output.push(text);
    for (const [pattern, line] of stages) if (pattern.test(text) && !verbose) console.log(line);
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (status !== 0) {
    if (!verbose) process.stderr.write(output.join(""));
    console.error(say("Het bouwen is mislukt (zie hierboven).", "The build failed (above)."));
    process.exit(status ?? 1);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(say(`  klaar in ${seconds} s.`, `  built in ${seconds} s.`));
}
