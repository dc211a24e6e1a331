// npm run search:reindex
// Rebuilds the whole search index (every dilemma, reply and report, and the vocabulary of
// "Bedoelde je"). Safe while the server runs: posts go on meanwhile, and a rebuild already
// running in another process is not started twice. Progress on stderr, figures on stdout.
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { reindexAll } from "~/search/reindex.server";
import { progressLine, withMigratedDatabase } from "./lib/command-database";
import { failure, say } from "./lib/cli-text";

async function main() {
  await withMigratedDatabase(async () => {
    warmDutchAnalysis();
    const progress = progressLine(1000);
    const stats = await reindexAll({ onProgress: (p) => progress(p.kind.padEnd(8), p.done, p.total) });
    process.stderr.write("\n");
    if (!stats.ran) {
      console.log(say("reindex.busy"));
      return;
    }
    console.log(say("reindex.done", { documents: stats.documents, words: stats.words, seconds: (stats.ms / 1000).toFixed(1), mb: (stats.bytes / 1e6).toFixed(1) }));
    if (stats.compacted) console.log(say("reindex.compacted"));
  });
}

main().catch((error: unknown) => {
  console.log(failure("search:reindex", error));
  process.exit(1);
});
