import fs from "node:fs";
import pg from "pg";
import { databaseUrl, startBenchCluster } from "./generate";
async function main() {
  const cluster = await startBenchCluster();
  const client = new pg.Client({ connectionString: databaseUrl(cluster.adminUrl, "bench_search_20000") });
  await client.connect();
  try {
    const sqls = fs.readFileSync(process.argv[2]!, "utf8").split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
    for (const sql of sqls) {
      const once = sql.startsWith("!");
      for (let i = once ? 2 : 0; i < 3; i++) {
        const t = performance.now();
        const r = await client.query(once ? sql.slice(1) : sql);
        const ms = performance.now() - t;
        if (i === 2) console.log(`${ms.toFixed(1).padStart(7)} ms  ${JSON.stringify(r.rows?.slice?.(0, 2) ?? "").slice(0, 120)}  ← ${sql.replace(/\s+/g, " ").slice(0, 140)}`);
      }
    }
  } finally { await client.end(); await cluster.stop(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
