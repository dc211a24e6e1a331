// npx tsx bench/search-misses.ts [q …] — where the relevance suite's expected threads rank
// inside the scale bench's copy (BENCH_DB, default bench_relevance_20000_v6), and what ranks
// above them: for each query (the given ones, else every suite query), the expected threads'
// rank among the first 200 results and the first five results with their scores. Diagnosis for
// decision 053; measures nothing (the timed run is bench/search-scale.ts).
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { disconnectDb } from "~/platform/db.server";
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { suiteQueries, suiteRefs, threadRef } from "../tests/support/relevance-suite";
import { databaseUrl, startBenchCluster } from "./generate";

async function main() {
  const cluster = await startBenchCluster();
  process.env.DATABASE_URL = databaseUrl(cluster.adminUrl, process.env.BENCH_DB ?? "bench_relevance_20000_v6");
  warmDutchAnalysis();
  try {
    const refs = await suiteRefs();
    const visitor = new Guardian(anonymousViewer);
    const wanted = process.argv.slice(2);
    const queries = suiteQueries().filter((q) => wanted.length === 0 || wanted.includes(q.q));
    for (const query of queries) {
      let outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: query.q })), { recordMiss: false, pageSize: 200, facets: false });
      if (query.typo && outcome.suggestion && outcome.hits.length === 0) {
        outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: outcome.suggestion.query })), { recordMiss: false, pageSize: 200, facets: false });
      }
      const shown = [...outcome.hits, ...outcome.partial];
      const want = new Set(query.expect.map((e) => refs.threadOf.get(e) ?? e));
      const ranks = [...want].map((t) => {
        const i = shown.findIndex((h) => threadRef(h, refs) === t);
        return `${t}@${i < 0 ? "–" : `${i + 1} (${shown[i]!.score})`}`;
      });
      const ok = [...want].every((t) => shown.slice(0, 5).some((h) => threadRef(h, refs) === t));
      if (ok && wanted.length === 0) continue;
      console.log(`\n${JSON.stringify(query.q)} total ${outcome.total}${outcome.estimated.total ? "~" : ""} partial ${outcome.partial.length}${outcome.corrected ? ` corrected from ${outcome.corrected.from}` : ""}: ${ranks.join(" ")}`);
      for (const h of shown.slice(0, 5)) console.log(`   ${h.score.toFixed(3)} ${threadRef(h, refs) ?? "gen"} ${h.kind} ${h.titleText.slice(0, 80)}`);
    }
  } finally {
    await disconnectDb();
    await cluster.stop();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
