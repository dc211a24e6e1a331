// npm run content:import -- --file F.jsonl [--create-competences]
// Imports dilemmas, replies and meeting reports from JSON Lines (format: app/search/content-lines.ts).
// Every line is checked before anything is written; a bad line is reported with its number and
// nothing is imported. Running the same file again changes nothing (refs are remembered).
// Prints one JSON line per item to stdout ({"ref":"d001","url":"/dilemmas/123/…"}), progress to
// stderr. Works with or without the server running.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { importContent } from "~/search/content-import.server";
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { progressLine, withMigratedDatabase } from "./lib/command-database";
import "~/subscribers.server";
import { failure, say } from "./lib/cli-text";


const usage = say("usage", { line: say("importing.usage") });

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { file: { type: "string" }, "create-competences": { type: "boolean", default: false } },
  });
  if (!values.file) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(values.file, "utf8");
  } catch (error) {
    process.stderr.write(`${say("importing.unreadable", { file: values.file, reason: (error as Error).message })}\n`);
    return 2;
  }
  return withMigratedDatabase(async () => {
    warmDutchAnalysis();
    const progress = progressLine(500);
    const result = await importContent(text, {
      createCompetences: values["create-competences"],
      onProgress: (phase, done, total) => {
        progress(phase, done, total);
        if (done === total) process.stderr.write("\n");
      },
    });
    for (const w of result.warnings) process.stderr.write(`${say("importing.line", { line: w.line, message: w.message })}\n`);
    if (!result.ok) {
      for (const e of result.errors) process.stderr.write(`${say("importing.line", { line: e.line, message: e.message })}\n`);
      process.stderr.write(`${say("importing.nothing", { count: result.errors.length, file: values.file })}\n`);
      return 1;
    }
    for (const item of result.items) {
      // The privacy guard does not refuse an import; it says which items it would have warned about.
      const line = item.privacyWarning.length ? { ref: item.ref, url: item.url, privacyWarning: item.privacyWarning } : { ref: item.ref, url: item.url };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    const warned = result.items.filter((i) => i.privacyWarning.length).length;
    if (warned) process.stderr.write(`${say("importing.privacy", { count: warned })}\n`);
    const created = result.items.filter((i) => i.created).length;
    process.stderr.write(`${say("importing.done", { created, before: result.items.length - created })}\n`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${failure("content:import", error)}\n`);
    process.exit(1);
  },
);
