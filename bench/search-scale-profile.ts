// BENCH_DB=bench_relevance_20000_v6 npx tsx bench/search-scale-profile.ts [--rounds=3] [--q=…] [--top=10]
// Where a search's time goes, in one process against a bench copy (the scale bench's, built by
// `--prepare`): every relevance-suite query (or the --q ones) timed over a few rounds, the
// slowest listed with their statements' share (time on the wire per statement, from the
// client's side). Add `node --cpu-prof` (NODE_OPTIONS) for the JS side.
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { disconnectDb } from "~/platform/db.server";
import { migrate } from "~/platform/migrate.server";
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { suiteQueries } from "../tests/support/relevance-suite";
import { databaseUrl, startBenchCluster } from "./generate";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=");
const ROUNDS = Number(arg("rounds") ?? 3);
const TOP = Number(arg("top") ?? 10);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

async function main() {
  const cluster = await startBenchCluster();
  process.env.DATABASE_URL = databaseUrl(cluster.adminUrl, process.env.BENCH_DB ?? "bench_relevance_20000_v6");
  await migrate(process.env.DATABASE_URL);
  warmDutchAnalysis();
  try {
    const visitor = new Guardian(anonymousViewer);
    const only = process.argv.filter((a) => a.startsWith("--q=")).map((a) => a.slice(4));
    const queries = only.length ? only : suiteQueries().map((q) => q.q);
    const times = new Map<string, number[]>();
    for (let round = 0; round <= ROUNDS; round++) {
      for (const q of queries) {
        const t = performance.now();
        await search(visitor, searchRequestFromParams(new URLSearchParams({ q })), { recordMiss: false, cache: false });
        if (round > 0) times.set(q, [...(times.get(q) ?? []), performance.now() - t]);
      }
    }
    const s = stats([...times.values()].flat());
    console.log(`${queries.length} queries × ${ROUNDS}: p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} · max ${s.max.toFixed(1)}`);
    const slow = [...times].map(([q, ms]) => [q, stats(ms).p50] as const).sort((a, b) => b[1] - a[1]).slice(0, TOP);
    for (const [q, ms] of slow) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${q}`);
  } finally {
    await disconnectDb();
    await cluster.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
