import type { Logger } from "pino";
import { warmDutchAnalysis } from "./dutch/analysis.server";
import { ensureSearchIndexCurrent } from "./reindex.server";

// At server start: load the Dutch lexicon now (≈0.1–0.6 s, ≈13 MB outside the heap) rather than on the first
// search, and rebuild the index in the background when it was built by another version of the
// analysis (or never, e.g. right after the search tables were added to an existing forum).
// The server answers meanwhile; searches see the old documents until each is rebuilt. Of
// several processes starting together, one rebuilds (reindex.server.ts takes a lock).

type Log = Pick<Logger, "info" | "warn" | "error">;

export function startSearch(log: Log): void {
  warmSearch(log);
  keepSearchIndexCurrent(log);
}

/** Load the Dutch lexicon now: every process that answers searches. */
export function warmSearch(log: Log): void {
  const lexicon = warmDutchAnalysis();
  const figures = { forms: lexicon.forms, source: lexicon.source, ms: Math.round(lexicon.loadMs) };
  if (lexicon.source === "precomputed") log.info(figures, "loaded the Dutch lexicon");
  // Only when its data file is missing (a build that did not copy it): slower, so say so.
  else log.warn(figures, "built the Dutch lexicon from the Hunspell files: data/lexicon-nl.txt.gz is missing");
}

/** Rebuild the index in the background if it is missing or outdated: one process of a site. */
export function keepSearchIndexCurrent(log: Log): void {
  ensureSearchIndexCurrent()
    .then((stats) => {
      if (stats?.ran) log.info({ documents: stats.documents, ms: Math.round(stats.ms) }, "rebuilt the search index");
    })
    .catch((error: unknown) => log.error({ err: error }, "could not rebuild the search index"));
}
