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


const usage = "usage: npm run content:import -- --file FILE.jsonl [--create-competences]";

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
    process.stderr.write(`cannot read ${values.file}: ${(error as Error).message}\n`);
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
    for (const w of result.warnings) process.stderr.write(`line ${w.line}: ${w.message}\n`);
    if (!result.ok) {
      for (const e of result.errors) process.stderr.write(`line ${e.line}: ${e.message}\n`);
      process.stderr.write(`Nothing was imported: ${result.errors.length} problem(s) in ${values.file}.\n`);
      return 1;
    }
    for (const item of result.items) {
      // The privacy guard does not refuse an import; it says which items it would have warned about.
      const line = item.privacyWarning.length ? { ref: item.ref, url: item.url, privacyWarning: item.privacyWarning } : { ref: item.ref, url: item.url };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    const warned = result.items.filter((i) => i.privacyWarning.length).length;
    if (warned) process.stderr.write(`The privacy guard would have warned about ${warned} item(s): see "privacyWarning".\n`);
    const created = result.items.filter((i) => i.created).length;
    process.stderr.write(`Imported ${created} new item(s); ${result.items.length - created} were imported before.\n`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`content:import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
