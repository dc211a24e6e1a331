// One side of bench/mail-drain-ab.ts: the outbox code of the tree at KK_TREE (this one, or a
// scratch worktree of main) queues MAILS digest-like mails 100 per call, as the digest does,
// then its job runner drains them into the parent's SMTP receiver. Prints one JSON line.
// Env: KK_TREE, DATABASE_URL, SMTP_URL, MAILS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const tree = process.env.KK_TREE!;
const total = Number(process.env.MAILS ?? 10_000);
const from = (file: string) => import(path.join(tree, file));

function rssPeak(): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
}

async function main() {
  const { queueMails } = (await from("app/platform/mail.server.ts")) as typeof import("~/platform/mail.server");
  const { startJobRunner } = (await from("app/platform/jobs.server.ts")) as typeof import("~/platform/jobs.server");
  const setup = await startJobRunner({ work: false });
  await setup.stop();
  const body = "Nieuw in de kring: ".padEnd(6_000, "dilemma's over buurtwerk. ");
  for (let i = 0; i < total; i += 100) {
    await queueMails(
      Array.from({ length: Math.min(100, total - i) }, (_, j) => ({
        to: `drain-${i + j}@bench-drain.invalid`, locale: "nl", kind: "notifications.daily",
        subject: "Je overzicht", text: body, html: `<p>${body}</p>`,
      })),
    );
  }
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const sent = async () => (await c.query<{ n: number }>(`SELECT count(*)::int n FROM "Mail" WHERE status = 'sent'`)).rows[0]!.n;
  const t0 = performance.now();
  const runner = await startJobRunner({ work: true });
  const ticks: string[] = [];
  let n = 0;
  let lastTick = t0;
  while (n < total && performance.now() - t0 < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    n = await sent();
    if (performance.now() - lastTick >= 10_000) {
      lastTick = performance.now();
      ticks.push(`${((lastTick - t0) / 1000).toFixed(0)} s: ${n} (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await runner.stop(60_000);
  await c.end();
  console.log(JSON.stringify({ sent: n, seconds, perSecond: n / seconds, rssPeakMb: rssPeak() / 1048576, ticks }));
}
main().then(() => process.exit(0), (e: unknown) => (console.error(e), process.exit(1)));
