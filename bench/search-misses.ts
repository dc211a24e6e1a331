// npx tsx bench/search-misses.ts [q …] (or DATABASE_URL=… for a database already up) — where the relevance suite's expected threads rank
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
import { mechanismOf, suiteQueries, suiteRefs, threadRecallAt5, threadRef } from "../tests/support/relevance-suite";
import { databaseUrl, startBenchCluster } from "./generate";

async function main() {
  // DATABASE_URL given: that database (e.g. another checkout searching this one's cluster).
  const cluster = process.env.DATABASE_URL ? null : await startBenchCluster();
  if (cluster) process.env.DATABASE_URL = databaseUrl(cluster.adminUrl, process.env.BENCH_DB ?? "bench_relevance_20000_v6");
  warmDutchAnalysis();
  try {
    const refs = await suiteRefs();
    const visitor = new Guardian(anonymousViewer);
    const wanted = process.argv.slice(2);
    const queries = suiteQueries().filter((q) => wanted.length === 0 || wanted.includes(q.q));
    const recall = new Map<string, number[]>();
    for (const query of queries) {
      // As the scale bench judges: the page as shown (its page size decides a broad search's path).
      const run = async (pageSize?: number) => {
        const opts = { recordMiss: false, facets: false, ...(pageSize ? { pageSize } : {}) };
        let outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: query.q })), opts);
        if (query.typo && outcome.suggestion && outcome.hits.length === 0) {
          outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: outcome.suggestion.query })), opts);
        }
        return outcome;
      };
      const page = await run();
      const r = threadRecallAt5(query.expect, [...page.hits, ...page.partial], refs);
      recall.set(mechanismOf(query), [...(recall.get(mechanismOf(query)) ?? []), r]);
      if (r === 1 && wanted.length === 0) continue;
      const outcome = await run(200);
      const shown = [...outcome.hits, ...outcome.partial];
      const want = new Set(query.expect.map((e) => refs.threadOf.get(e) ?? e));
      const ranks = [...want].map((t) => {
        const i = shown.findIndex((h) => threadRef(h, refs) === t);
        return `${t}@${i < 0 ? "–" : `${i + 1} (${shown[i]!.score})`}`;
      });
      console.log(`\n${JSON.stringify(query.q)} total ${outcome.total}${outcome.estimated.total ? "~" : ""} partial ${outcome.partial.length}${outcome.corrected ? ` corrected from ${outcome.corrected.from}` : ""}: ${ranks.join(" ")}`);
      for (const h of shown.slice(0, 5)) console.log(`   ${h.score.toFixed(3)} ${threadRef(h, refs) ?? "gen"} ${h.kind} ${h.titleText.slice(0, 80)}`);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`\nthread recall@5 ${mean([...recall.values()].flat()).toFixed(3)} (${queries.length} queries); per mechanism: ` +
      [...recall].map(([m, rs]) => `${m} ${mean(rs).toFixed(2)} (${rs.length})`).join(" · "));
  } finally {
    await disconnectDb();
    await cluster?.stop();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
