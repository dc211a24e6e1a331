// npm run bench -- --only=digest [--members=10000] [--seconds=15] [--connections=10] [--burst=100] [--watchers=30]
//
// Issue 20's figures (decision 029), on the bench's 20 000-dilemma data set:
//  1. The daily digest for 10 000 members through the real job queue: the cron job's own queue
//     is given one job, the server's runner pages the members and works one job per 100 members,
//     the mails go out in batches (decision 041) over SMTP to a local receiver. Target: done in under 5 minutes, memory
//     bounded (the peak RSS of the server's processes is printed). Meanwhile the list page's
//     p99, next to its p99 without the digest (A, B, A in the same run: the machine is noisy);
//     target within 2×.
//  2. A burst of 100 replies in one watched thread: each watcher gets at most one mail (mails
//     counted per address at the receiver).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateSessionToken, sessionIdFromToken } from "~/accounts/sessions.server";
import type { ReceivedMail } from "../tests/support/smtp-receiver";
import { BENCH_DATA_DIR } from "./generate";
import { listAroundWork, listTable, loadAverage, phaseClock, withMailBench } from "./list-ab";
import { runLoad } from "./load";
import { PROCESSES, serverLog, startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const MEMBERS = Number(arg("members") ?? 10_000);
const SECONDS = Number(arg("seconds") ?? 15);
const CONNECTIONS = Number(arg("connections") ?? 10);
const BURST = Number(arg("burst") ?? 100);
const WATCHERS = Number(arg("watchers") ?? 30);
const TARGET_MS = 5 * 60 * 1000;
const DOMAIN = "bench-digest.invalid";
// The product's queue names, checked against its declarations when the run starts.
const QUEUES = { cron: "notifications.digest-daily", digest: "notifications.digest", instant: "notifications.instant", mail: "mail.deliver", bulk: "mail.deliver-bulk" };

export async function runDigestBench(): Promise<number> {
  const phase = phaseClock();
  console.log(`Kenniskring digest bench: ${os.cpus().length} CPUs, ${loadAverage()}, ${MEMBERS} members, WEB_CONCURRENCY=${PROCESSES}`);
  return withMailBench(20_000, async ({ appDir, ds, smtp }) => {
    const c = new pg.Client({ connectionString: ds.url });
    c.on("error", (error) => console.error(`bench connection: ${error.message}`));
    await c.connect();
    try {
      await cleanUp(c);
      const added = await addDigestMembers(c, MEMBERS);
      phase(`data set bench_20000: ${added.total} members with a daily digest (${added.added} added), ${added.fresh} new dilemmas of the last day`);
      const server = await startServer(appDir, ds.url);
      phase(`server up in ${(server.readyMs / 1000).toFixed(1)} s (pid ${server.pid}, which works the jobs)`);
      const rss = watchRss(server.pid);
      try {
        // The machine's own baseline (decision 031), printed beside the figures.
        await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: 3, next: healthz });
        const base = await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: 5, next: healthz });
        const baseline = `/healthz ${base.perSecond.toFixed(0)} req/s, p99 ${base.p99.toFixed(1)} ms (${loadAverage()})`;
        phase(`baseline ${baseline}`);
        const ab = await listAroundWork(server.origin, { connections: CONNECTIONS, seconds: SECONDS, phase, label: "the digest" }, async () => {
          const rssBefore = rss.primary();
          const t0 = performance.now();
          await startDailyDigest(ds.url);
          // Every 30 s: what the queues hold and what went out, so a run that slows down shows where.
          let builtMs: number | null = null;
          const digestMs = await waitForQueues(c, [QUEUES.cron, QUEUES.digest, QUEUES.mail, QUEUES.bulk], TARGET_MS * 2, t0, async () => {
            const p = await progress(c);
            if (builtMs === null && p.digestJobs === 0) builtMs = performance.now() - t0;
            return `${p.mails} digests written, ${p.sent} sent; left: ${p.digestJobs} digest jobs, ${p.mailsQueued} mails queued; primary RSS ${mb(rss.current())}`;
          }, phase);
          return { digestMs, builtMs: builtMs ?? digestMs, rssBefore, rssPeak: rss.primary() };
        });
        const { digestMs, builtMs, rssBefore, rssPeak } = ab.result;
        const received = smtp.messages.filter((m) => m.to.some((t) => t.endsWith(`@${DOMAIN}`) || t.endsWith("@bench.invalid"))).length;
        const { rows: [sent] } = await c.query<{ digests: number; failed: number }>(
          `SELECT count(*) FILTER (WHERE status = 'sent')::int AS digests, count(*) FILTER (WHERE status <> 'sent')::int AS failed FROM "Mail" WHERE kind = 'notifications.daily'`,
        );

        phase(`burst: ${BURST} replies in one thread that ${WATCHERS} members watch`);
        const burst = await replyBurst(c, server.origin, smtp.messages);

        const withoutP99 = Math.max(ab.before.p99, ab.after.p99);
        const digestOk = digestMs !== null && digestMs < TARGET_MS && sent!.failed === 0 && received >= sent!.digests;
        const p99Ok = ab.during.p99 <= 2 * withoutP99;
        const burstOk = burst.most <= 1 && burst.watchersMailed === WATCHERS;
        const lines = [
          `## Digest and burst (${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} CPUs, ${ab.loads[1]} at the digest's end, WEB_CONCURRENCY=${PROCESSES})`,
          "",
          `- daily digest for ${added.total} members over ${ds.meta.dilemmas} dilemmas, through the job queue: ` +
            `${digestMs === null ? `NOT done within ${(TARGET_MS * 2) / 1000} s` : `${(digestMs / 1000).toFixed(1)} s`} ` +
            `(${sent!.digests} digests sent, ${received} received over SMTP, ${sent!.failed} not sent; all written in ${builtMs === null ? "-" : (builtMs / 1000).toFixed(1)} s) — target < ${TARGET_MS / 1000} s: ${digestOk ? "PASS" : "FAIL"}`,
          `- baseline of the machine in this run: ${baseline}`,
          `- peak RSS (VmHWM) of the primary, which works the jobs: ${mb(rssBefore)} before the digest, ${mb(rssPeak)} at its end; ` +
            `all ${rss.count()} server processes together ${mb(rss.total())}`,
          `- list p99 during the digest ${ab.during.p99.toFixed(1)} ms vs ${withoutP99.toFixed(1)} ms without (${(ab.during.p99 / withoutP99).toFixed(2)}×) — target ≤ 2×: ${p99Ok ? "PASS" : "FAIL"}`,
          `- burst of ${BURST} replies (posted in ${(burst.postMs / 1000).toFixed(1)} s) to a thread ${WATCHERS} members watch: ` +
            `${burst.watchersMailed} watchers mailed, at most ${burst.most} mail each, ${burst.total} mails in all (${loadAverage()}) — target ≤ 1: ${burstOk ? "PASS" : "FAIL"}`,
          "",
          ...listTable("the digest", ab),
          "",
        ];
        // What the server warned of meanwhile (failed jobs, lost connections): the why of a FAIL.
        const warnings = serverLog(server).filter((l) => /"level":(40|50|60)/.test(l));
        const reasons = new Map<string, number>();
        for (const line of warnings) {
          const m = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 80);
          const why = /"(?:message|reason)":"([^"]{0,120})/.exec(line)?.[1];
          const key = why ? `${m}: ${why}` : m;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
        lines.push(`Server warnings (last 200 lines kept): ${warnings.length ? [...reasons].map(([k, n]) => `${n}× ${k}`).join("; ") : "none"}`, "");
        console.log(lines.join("\n"));
        fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
        fs.writeFileSync(path.join(BENCH_DATA_DIR, "digest-last-run.md"), lines.join("\n"));
        phase("done");
        return digestOk && p99Ok && burstOk && ab.before.failures + ab.during.failures + ab.after.failures === 0 ? 0 : 1;
      } finally {
        rss.stop();
        await server.stop();
      }
    } finally {
      await cleanUp(c);
      await c.end();
    }
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * Members up to `total` (the data set has 2 000), each with expertise in two competences and a
 * daily digest; and new dilemmas of the last day, so every digest has something to say.
 */
export async function addDigestMembers(c: pg.Client, total: number) {
  const counted = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE status = 'active' AND "erasedAt" IS NULL AND email IS NOT NULL`);
  const existing = counted.rows[0]!.n;
  const add = Math.max(0, total - existing);
  await c.query(
    `INSERT INTO "User" (handle, "displayName", email, role, status, "consentAt")
     SELECT 'digest-' || i, 'Digest Lid ' || i, 'digest-' || i || '@${DOMAIN}', 'member', 'active', now() - interval '1 year'
     FROM generate_series(1, $1::int) AS i`,
    [add],
  );
  await c.query(
    `INSERT INTO "UserExpertise" ("userId", "competenceId")
     SELECT u.id, c.id FROM "User" u
     CROSS JOIN LATERAL (SELECT id FROM "Competence" WHERE "retiredAt" IS NULL ORDER BY md5(u.id::text || id::text) LIMIT 2) c
     WHERE u.email LIKE '%@${DOMAIN}' ON CONFLICT DO NOTHING`,
  );
  await c.query(
    `INSERT INTO "NotificationSettings" ("userId", digest, "newDilemmas", "mailKey")
     SELECT id, 'daily', 'daily', md5(random()::text) FROM "User" WHERE status = 'active' AND "erasedAt" IS NULL AND email IS NOT NULL
     ON CONFLICT ("userId") DO UPDATE SET digest = 'daily', "newDilemmas" = 'daily', "lastDailyAt" = NULL`,
  );
  // 40 of the data set's dilemmas become "asked in the last day" (their own dates, kept aside
  // in a bench table and put back by cleanUp), so the digest finds news as on a busy day.
  await c.query(`CREATE TABLE IF NOT EXISTS bench_digest_dates (id int PRIMARY KEY, "createdAt" timestamptz(3))`);
  await c.query(
    `WITH picked AS (SELECT id, "createdAt" FROM "Dilemma" WHERE "hiddenAt" IS NULL ORDER BY id DESC LIMIT 40),
          kept AS (INSERT INTO bench_digest_dates SELECT id, "createdAt" FROM picked ON CONFLICT DO NOTHING)
     UPDATE "Dilemma" d SET "createdAt" = now() - (p.id % 20) * interval '1 hour' FROM picked p WHERE d.id = p.id`,
  );
  return { total: existing + add, added: add, fresh: 40 };
}

export async function cleanUp(c: pg.Client) {
  const bench = `SELECT id FROM "User" WHERE email LIKE '%@${DOMAIN}'`;
  const burst = `SELECT id FROM "Reply" WHERE "bodyMd" LIKE 'Bench-burst %'`;
  const steps = [
    `UPDATE "Dilemma" d SET "createdAt" = k."createdAt" FROM bench_digest_dates k WHERE d.id = k.id`,
    `DROP TABLE IF EXISTS bench_digest_dates`,
    `DELETE FROM "Notification" WHERE "replyId" IN (${burst}) OR "userId" IN (${bench}) OR "actorId" IN (${bench})`,
    `CREATE TEMP TABLE IF NOT EXISTS burst_threads AS SELECT DISTINCT "dilemmaId" AS id FROM "Reply" WHERE "bodyMd" LIKE 'Bench-burst %'`,
    `DELETE FROM "Reply" WHERE "bodyMd" LIKE 'Bench-burst %'`,
    `UPDATE "Dilemma" d SET "replyCount" = (SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = d.id) WHERE d.id IN (SELECT id FROM burst_threads)`,
    `DROP TABLE IF EXISTS burst_threads`,
    `DELETE FROM "DomainEvent" WHERE "actorId" IN (${bench})`,
    `DELETE FROM "Watch" WHERE "userId" IN (${bench})`,
    `DELETE FROM "DilemmaVisit" WHERE "userId" IN (${bench})`,
    `DELETE FROM "Session" WHERE "userId" IN (${bench})`,
    `DELETE FROM "Mail" WHERE "toAddress" LIKE '%@${DOMAIN}' OR "toAddress" LIKE '%@bench.invalid'`,
    `DELETE FROM "NotificationMailThrottle"`,
    `DELETE FROM "NotificationSettings"`,
    `DELETE FROM "UserExpertise" WHERE "userId" IN (${bench})`,
    `DELETE FROM "User" WHERE email LIKE '%@${DOMAIN}'`,
  ];
  for (const sql of steps) {
    await c.query(sql).catch((error: unknown) => console.warn(`clean-up: ${error instanceof Error ? error.message : String(error)} (${sql.slice(0, 60)}…)`));
  }
}

/** The cron job's own queue gets its job, as pg-boss's schedule would put it there at 06:00. */
async function startDailyDigest(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const { declaredQueues, startJobRunner } = await import("~/platform/jobs.server");
  const { dailyDigests } = await import("~/notifications/digest.server");
  await import("~/notifications/instant-mail.server");
  const unknown = Object.values(QUEUES).filter((q) => !declaredQueues().includes(q));
  if (unknown.length) throw new Error(`the product declares no queue ${unknown.join(", ")}: update QUEUES in bench/digest.ts`);
  const runner = await startJobRunner({ work: false, connectionString: databaseUrl });
  try {
    await dailyDigests.enqueue({});
  } finally {
    await runner.stop();
  }
}

const healthz = () => ({ method: "GET" as const, path: "/healthz" });

async function progress(c: pg.Client) {
  const { rows: [p] } = await c.query<{ mails: number; sent: number; digestJobs: number; mailsQueued: number }>(
    `SELECT (SELECT count(*)::int FROM "Mail" WHERE kind = 'notifications.daily') AS mails,
            (SELECT count(*)::int FROM "Mail" WHERE kind = 'notifications.daily' AND status = 'sent') AS sent,
            (SELECT count(*)::int FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')) AS "digestJobs",
            (SELECT count(*)::int FROM "Mail" WHERE status = 'queued') AS "mailsQueued"`,
    [QUEUES.digest],
  );
  return p!;
}

/**
 * Waits until none of `queues` has a job waiting or running and no mail is queued (delivery
 * works from the Mail table, decision 041); the time since `since`. `tick`: a line every 30 s.
 */
async function waitForQueues(
  c: pg.Client,
  queues: string[],
  timeoutMs: number,
  since: number,
  tick?: () => Promise<string>,
  say?: (what: string) => void,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  await new Promise((r) => setTimeout(r, 3_000)); // the cron job is picked up within its polling interval
  let nextTick = Date.now();
  for (;;) {
    if (tick && Date.now() >= nextTick) {
      say?.(await tick());
      nextTick += 30_000;
    }
    const { rows } = await c.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active'))
            + (SELECT count(*)::int FROM "Mail" WHERE status = 'queued') AS n`,
      [queues],
    );
    if (rows[0]!.n === 0) return performance.now() - since;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A thread that WATCHERS members watch (mail at once: the default); BURST replies by one member. */
async function replyBurst(c: pg.Client, origin: string, messages: ReceivedMail[]) {
  const { rows: [dilemma] } = await c.query<{ id: number; authorId: number }>(
    `SELECT id, "authorId" FROM "Dilemma" WHERE "hiddenAt" IS NULL AND "lockedAt" IS NULL ORDER BY id DESC OFFSET 100 LIMIT 1`,
  );
  const { rows: members } = await c.query<{ id: number; email: string }>(
    `SELECT id, email FROM "User" WHERE email LIKE '%@${DOMAIN}' ORDER BY id LIMIT $1`,
    [WATCHERS + 1],
  );
  const [poster, ...watchers] = members;
  await c.query(`DELETE FROM "NotificationSettings" WHERE "userId" = ANY($1)`, [members.map((m) => m.id)]); // defaults: replies at once
  await c.query(
    `INSERT INTO "Watch" ("userId", "targetType", "targetId", level) SELECT unnest($1::int[]), 'dilemma', $2, 'watching' ON CONFLICT DO NOTHING`,
    [watchers.map((w) => w.id), dilemma!.id],
  );
  const token = generateSessionToken();
  await c.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [sessionIdFromToken(token), poster!.id]);
  const countBefore = messages.length;
  const t0 = performance.now();
  for (let i = 0; i < BURST; i++) {
    const res = await fetch(`${origin}/dilemmas/${dilemma!.id}/x`, {
      method: "POST",
      redirect: "manual",
      headers: { origin, cookie: `kk_session=${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reply", body: `Bench-burst ${i}: nog een gedachte over deze vraag.`, submissionId: `burst${Date.now()}${i}` }).toString(),
    });
    if (res.status !== 302) throw new Error(`reply ${i} answered ${res.status}`);
  }
  const postMs = performance.now() - t0;
  // Every reply's notification and its instant-mail job, then the mail jobs: all done, and a
  // few seconds more for any straggler a second job might send.
  await waitForQueues(c, [QUEUES.instant, QUEUES.mail, QUEUES.bulk], 120_000, t0);
  await new Promise((r) => setTimeout(r, 5_000));
  await waitForQueues(c, [QUEUES.instant, QUEUES.mail, QUEUES.bulk], 60_000, t0);
  const perWatcher = new Map(watchers.map((w) => [w.email.toLowerCase(), 0]));
  let total = 0;
  for (const m of messages.slice(countBefore)) {
    for (const to of m.to) {
      if (perWatcher.has(to)) {
        perWatcher.set(to, perWatcher.get(to)! + 1);
        total++;
      }
    }
  }
  const counts = [...perWatcher.values()];
  await c.query(`DELETE FROM "Watch" WHERE "targetType" = 'dilemma' AND "targetId" = $1 AND "userId" = ANY($2)`, [dilemma!.id, watchers.map((w) => w.id)]);
  await c.query(`DELETE FROM "Session" WHERE "userId" = $1`, [poster!.id]);
  return { postMs, most: Math.max(...counts), watchersMailed: counts.filter((n) => n > 0).length, total };
}

/** Peak RSS (VmHWM) of the server's process and its workers, read every second. */
function watchRss(rootPid: number) {
  const peaks = new Map<number, number>();
  const read = () => {
    const pids = [rootPid, ...childrenOf(rootPid)];
    for (const pid of pids) {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
      } catch {
        // gone
      }
    }
  };
  read();
  const timer = setInterval(read, 1_000);
  return {
    /** The primary's own peak: it runs the job runner, so the digest's memory shows here. */
    primary: () => (read(), peaks.get(rootPid) ?? 0),
    /** The primary's resident memory now (VmRSS): does it grow as the run goes on? */
    current: () => {
      try {
        return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${rootPid}/status`, "utf8"))?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    },
    total: () => (read(), [...peaks.values()].reduce((a, b) => a + b, 0)),
    count: () => peaks.size,
    stop: () => clearInterval(timer),
  };
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}
