// npx tsx bench/mail-drain-probe.ts [--seconds=40] (under flock /tmp/kk-bench.lock)
// How fast the job runner drains mail.deliver on its own, into an in-process SMTP receiver:
// the mails a digest bench left queued in bench_20000 (decision 039). Sent per 5 s, with the
// load average; nothing else runs in the process.
import os from "node:os";
import pg from "pg";
import { startSmtpReceiver } from "../tests/support/smtp-receiver";
import { ensureDataset, startBenchCluster } from "./generate";

const SECONDS = Number(process.argv.find((a) => a.startsWith("--seconds="))?.split("=")[1] ?? 40);
async function main() {
  const cluster = await startBenchCluster();
  const smtp = await startSmtpReceiver({ parse: false });
  try {
    const ds = await ensureDataset(cluster.adminUrl, 20_000, false);
    process.env.DATABASE_URL = ds.url;
    process.env.SMTP_URL = smtp.url;
    const c = new pg.Client({ connectionString: ds.url });
    await c.connect();
    const sent = async () => (await c.query<{ n: number }>(`SELECT count(*)::int n FROM "Mail" WHERE status='sent'`)).rows[0]!.n;
    await import("~/platform/mail.server");
    const { startJobRunner } = await import("~/platform/jobs.server");
    const before = await sent();
    const t0 = performance.now();
    const runner = await startJobRunner({ work: true });
    for (let i = 0; i < SECONDS / 5; i++) {
      await new Promise((r) => setTimeout(r, 5000));
      const n = await sent();
      console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s: ${n - before} sent, ${((n - before) / ((performance.now() - t0) / 1000)).toFixed(1)}/s, received ${smtp.messages.length} (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    await runner.stop(60_000); // the batch in hand goes out before SMTP and Postgres close
    await c.end();
  } finally {
    await smtp.close();
    await cluster.stop();
  }
}
main().then(() => process.exit(0), (e: unknown) => (console.error(e), process.exit(1)));
