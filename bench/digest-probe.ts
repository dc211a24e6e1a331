// npx tsx bench/digest-probe.ts [--members=2000] (under flock /tmp/kk-bench.lock)
//
// Why the daily digest is slow, measured without the server, the queue or SMTP in the way:
//  1. the statements one member's digest runs (caught by the spy, counted), each EXPLAINed
//     with its real parameters on bench_20000;
//  2. the time per member over a run of `--members` digests in this process, in batches as the
//     job runner works them, in blocks, to see whether it grows as the run goes on.
// Before decision 039 (one job per member, two at a time): 21–25 statements per member, one of
// them a scan of every dilemma (45 ms); 63 ms per member at load 14, ≈ 630 s for 10 000.
// Writes nothing that stays: the bench members, mails and jobs are removed at the end.
import os from "node:os";
import pg from "pg";
import { addDigestMembers, cleanUp } from "./digest";
import { describe, explainAll } from "./explain";
import { ensureDataset, startBenchCluster } from "./generate";
import { loadAverage } from "./list-ab";
import { QuerySpy } from "./pg-spy";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const MEMBERS = Number(arg("members") ?? 2000);
const BLOCK = 500;

async function main() {
  console.log(`digest probe: ${os.cpus().length} CPUs, ${loadAverage()}`);
  const cluster = await startBenchCluster();
  try {
    const ds = await ensureDataset(cluster.adminUrl, 20_000, false);
    const c = new pg.Client({ connectionString: ds.url });
    await c.connect();
    try {
      await cleanUp(c);
      const added = await addDigestMembers(c, 10_000);
      console.log(`bench_20000: ${added.total} members with a daily digest (${loadAverage()})`);
      const dbUrl = new URL(ds.url);
      const spy = new QuerySpy({ host: dbUrl.hostname, port: Number(dbUrl.port) });
      const spied = new URL(ds.url);
      spied.port = String(await spy.listen());
      process.env.DATABASE_URL = spied.toString();
      const { startJobRunner } = await import("~/platform/jobs.server");
      const digest = await import("~/notifications/digest.server");
      const runner = await startJobRunner({ work: false });
      await runner.stop();
      const { rows: ids } = await c.query<{ id: number }>(
        `SELECT id FROM "User" WHERE status = 'active' AND "erasedAt" IS NULL AND email IS NOT NULL ORDER BY id`,
      );
      const run = new Date().toISOString();
      // One member, then a batch of a hundred (the second one shows the run's shared reads cached).
      for (const batch of [ids.slice(0, 1), ids.slice(1, 1 + digest.DIGEST_BATCH)].map((b) => b.map((r) => r.id))) {
        let sent = 0;
        const statements = await spy.record(async () => {
          sent = await digest.sendDigests(batch, "daily", new Date(), run);
        });
        console.log(`\n${batch.length} member(s), ${sent} mail(s): ${statements.length} statements`);
        for (const e of await explainAll(c, statements)) console.log(describe(e));
      }
      await c.query(`UPDATE "NotificationSettings" SET "lastDailyAt" = NULL`);
      const probe = async (label: string, send: (ids: number[]) => Promise<void>) => {
        const sample = ids.slice(2, 2 + MEMBERS).map((r) => r.id);
        console.log(`\n${label}: ${sample.length} members, ${BLOCK} per block (${loadAverage()})`);
        const t0 = performance.now();
        for (let i = 0; i < sample.length; i += BLOCK) {
          const tb = performance.now();
          await send(sample.slice(i, i + BLOCK));
          const ms = performance.now() - tb;
          console.log(`  block ${i / BLOCK + 1}: ${(ms / BLOCK).toFixed(1)} ms per member (${loadAverage()})`);
        }
        const total = performance.now() - t0;
        console.log(`  ${(total / 1000).toFixed(1)} s, ${(total / sample.length).toFixed(1)} ms per member → 10 000 members ≈ ${((total / sample.length) * 10).toFixed(0)} s`);
        await c.query(`UPDATE "NotificationSettings" SET "lastDailyAt" = NULL`);
      };
      await probe(`one job per ${digest.DIGEST_BATCH} members (set-based), one at a time`, async (block) => {
        for (let i = 0; i < block.length; i += digest.DIGEST_BATCH) await digest.sendDigests(block.slice(i, i + digest.DIGEST_BATCH), "daily", new Date(), run);
      });
      const { disconnectDb } = await import("~/platform/db.server");
      await disconnectDb();
      await spy.close();
    } finally {
      await cleanUp(c);
      await c.query(`DELETE FROM pgboss.job WHERE name IN ('notifications.digest', 'mail.deliver')`).catch(() => {});
      await c.end();
    }
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
