// npx tsx bench/search-explain.ts "q=loslaten" ["q=…" …] — EXPLAIN (ANALYZE, BUFFERS) of every
// statement a search runs on the bench copy (bench_search_20000, or BENCH_DB=<name>: e.g. the
// scale bench's bench_relevance_20000_v6), caught on the wire.
import pg from "pg";
import { Guardian } from "~/guardian/guardian.server";
import { db, disconnectDb } from "~/platform/db.server";
import { warmDutchAnalysis } from "~/search/dutch/analysis.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { findSimilarDilemmas } from "~/search/similar-dilemmas.server";
import { explainAll } from "./explain";
import { databaseUrl, startBenchCluster } from "./generate";
import { QuerySpy } from "./pg-spy";

async function main() {
  const cluster = await startBenchCluster();
  const real = new URL(databaseUrl(cluster.adminUrl, process.env.BENCH_DB ?? "bench_search_20000"));
  const spy = new QuerySpy({ host: real.hostname, port: Number(real.port) });
  const port = await spy.listen();
  const viaSpy = new URL(real);
  viaSpy.port = String(port);
  process.env.DATABASE_URL = viaSpy.toString();
  warmDutchAnalysis();
  const client = new pg.Client({ connectionString: real.toString() });
  await client.connect();
  try {
    const member = await db.user.findFirstOrThrow({ where: { role: "member" }, orderBy: { id: "asc" } });
    const guardian = new Guardian({ kind: "member", id: member.id, handle: member.handle, displayName: member.displayName, role: "member", locale: "nl" });
    for (const qs of process.argv.slice(2)) {
      // The warm-up asks a page of 19 so that the explained search (20) misses the result cache.
      const run = (pageSize = 20) =>
        qs.startsWith("similar=")
          ? findSimilarDilemmas(guardian, qs.slice(8), 5)
          : search(guardian, searchRequestFromParams(new URLSearchParams(qs)), { recordMiss: false, pageSize });
      await run(19);
      const t = performance.now();
      const statements = await spy.record(async () => { await run(); });
      console.log(`\n######## ${qs}: ${(performance.now() - t).toFixed(1)} ms, ${statements.length} statements`);
      if (process.env.DUMP) (await import("node:fs")).writeFileSync(process.env.DUMP, JSON.stringify(statements, null, 1));
      for (const e of await explainAll(client, statements)) {
        if (e.kind === "control") continue;
        console.log(`--- ${e.ms} ms ${e.buffers} buf\n${e.sql.replace(/\s+/g, " ").slice(0, 300)}`);
        if (process.env.PLAN) console.log(e.plan.join("\n"));
      }
    }
  } finally {
    await client.end();
    await disconnectDb();
    await spy.close();
    await cluster.stop();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
