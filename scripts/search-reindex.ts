// npm run search:reindex
// Rebuilds the whole search index (every dilemma, reply and report, and the vocabulary of
// "Bedoelde je"). Safe while the server runs: posts go on meanwhile, and a rebuild already
// running in another process is not started twice. Progress on stderr, figures on stdout.
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { reindexAll } from "~/search/reindex.server";
import { progressLine, withMigratedDatabase } from "./lib/command-database";

async function main() {
  await withMigratedDatabase(async () => {
    warmDutchAnalysis();
    const progress = progressLine(1000);
    const stats = await reindexAll({ onProgress: (p) => progress(p.kind.padEnd(8), p.done, p.total) });
    process.stderr.write("\n");
    if (!stats.ran) {
      console.log("Another process is rebuilding the search index right now; nothing done.");
      return;
    }
    console.log(
      `Indexed ${stats.documents} documents (${stats.words} words) in ${(stats.ms / 1000).toFixed(1)} s; ` +
        `index size ${(stats.bytes / 1e6).toFixed(1)} MB${stats.compacted ? " (the replaced index's space given back)" : ""}.`,
    );
  });
}

main().catch((error: unknown) => {
  console.log(`search:reindex failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
