import type { Logger } from "pino";
import { warmDutchAnalysis } from "./dutch/analysis.server";
import { ensureSearchIndexCurrent } from "./reindex.server";

// At server start: load the Dutch lexicon now (≈0.2 s, ≈45 MB) rather than on the first
// search, and rebuild the index in the background when it was built by another version of the
// analysis (or never, e.g. right after the search tables were added to an existing forum).
// The server answers meanwhile; searches see the old documents until each is rebuilt. Of
// several processes starting together, one rebuilds (reindex.server.ts takes a lock).

type Log = Pick<Logger, "info" | "error">;

export function startSearch(log: Log): void {
  warmSearch(log);
  keepSearchIndexCurrent(log);
}

/** Load the Dutch lexicon now: every process that answers searches. */
export function warmSearch(log: Log): void {
  const lexicon = warmDutchAnalysis();
  log.info({ forms: lexicon.forms, source: lexicon.source, ms: Math.round(lexicon.loadMs) }, "loaded the Dutch lexicon");
}

/** Rebuild the index in the background if it is missing or outdated: one process of a site. */
export function keepSearchIndexCurrent(log: Log): void {
  ensureSearchIndexCurrent()
    .then((stats) => {
      if (stats?.ran) log.info({ documents: stats.documents, ms: Math.round(stats.ms) }, "rebuilt the search index");
    })
    .catch((error: unknown) => log.error({ err: error }, "could not rebuild the search index"));
}
