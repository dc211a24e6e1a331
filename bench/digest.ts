// npm run bench -- --only=digest [--members=10000] [--seconds=15] [--connections=10] [--burst=100] [--watchers=30]
//
// Issue 20's figures (decision 029), on the bench's 20 000-dilemma data set:
//  1. The daily digest for 10 000 members through the real job queue: the cron job's own queue
//     is given one job, the server's runner pages the members and works one job per member,
//     each mail goes over SMTP to a local receiver. Target: done in under 5 minutes, memory
//     bounded (the peak RSS of the server's processes is printed). Meanwhile the list page's
//     p99, next to its p99 without the digest (A, B, A in the same run: the machine is noisy);
//     target within 2×.
//  2. A burst of 100 replies in one watched thread: each watcher gets at most one mail (mails
//     counted per address at the receiver).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Request as LoadRequest } from "autocannon";
import pg from "pg";
import { generateSessionToken, sessionIdFromToken } from "~/accounts/sessions.server";
import { startSmtpReceiver, type ReceivedMail } from "../tests/support/smtp-receiver";
import { prepareApp } from "./app-build";
import { BENCH_DATA_DIR, ensureDataset, startBenchCluster } from "./generate";
import { runLoad, type LoadResult } from "./load";
import { PROCESSES, startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const MEMBERS = Number(arg("members") ?? 10_000);
const SECONDS = Number(arg("seconds") ?? 15);
const CONNECTIONS = Number(arg("connections") ?? 10);
const BURST = Number(arg("burst") ?? 100);
const WATCHERS = Number(arg("watchers") ?? 30);
const TARGET_MS = 5 * 60 * 1000;
const DOMAIN = "bench-digest.invalid";
const BROWSER = { "accept-encoding": "br, gzip", accept: "text/html" };

type Window = { requests: number; p50: number; p99: number; perSecond: number; failures: number };

export async function runDigestBench(): Promise<number> {
  const started = Date.now();
  const phase = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${what}`);
  const load0 = os.loadavg();
  console.log(`Kenniskring digest bench: ${os.cpus().length} CPUs, load average ${load0.map((l) => l.toFixed(2)).join(" ")}, ${MEMBERS} members, WEB_CONCURRENCY=${PROCESSES}`);
  const app = prepareApp();
  const cluster = await startBenchCluster();
  const smtp = await startSmtpReceiver({ parse: false });
  process.env.SMTP_URL = smtp.url; // the server under test inherits it
  let exit = 1;
  try {
    const ds = await ensureDataset(cluster.adminUrl, 20_000, false);
    const c = new pg.Client({ connectionString: ds.url });
    c.on("error", (error) => console.error(`bench connection: ${error.message}`));
    await c.connect();
    await cleanUp(c);
    const added = await addDigestMembers(c, MEMBERS);
    phase(`data set bench_20000: ${added.total} members with a daily digest (${added.added} added), ${added.fresh} new dilemmas of the last day`);
    const server = await startServer(app.dir, ds.url);
    const rss = watchRss(server.pid);
    try {
      const list = () => ({ method: "GET" as const, path: "/dilemmas", headers: BROWSER });
      phase("warm-up: 10 s of the list page");
      await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: 10, next: list });
      phase(`A: list page without the digest, ${SECONDS} s`);
      const before = await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: SECONDS, next: list });

      phase(`B: list page while the daily digest runs for ${added.total} members`);
      const rssBefore = rss.peak();
      const load = startLoad(server.origin, CONNECTIONS, list);
      const t0 = performance.now();
      await startDailyDigest(ds.url);
      const digestMs = await waitForQueues(c, ["notifications.digest-daily", "notifications.digest", "mail.send"], TARGET_MS * 2, t0);
      const during = await load.stop();
      const mailed = smtp.messages.filter((m) => m.to.some((t) => t.endsWith(`@${DOMAIN}`) || t.endsWith("@bench.invalid"))).length;
      const digestPeak = rss.peak();

      phase(`A again: list page without the digest, ${SECONDS} s`);
      const after = await runLoad({ origin: server.origin, connections: CONNECTIONS, seconds: SECONDS, next: list });

      phase(`burst: ${BURST} replies in one thread that ${WATCHERS} members watch`);
      const burst = await replyBurst(c, server.origin, smtp.messages);

      const withoutP99 = Math.max(before.p99, after.p99);
      const digestOk = digestMs !== null && digestMs < TARGET_MS;
      const p99Ok = during.p99 <= 2 * withoutP99;
      const burstOk = burst.most <= 1 && burst.watchersMailed > 0;
      const load1 = os.loadavg();
      const lines = [
        `## Digest and burst (${new Date().toISOString().slice(0, 16)}, ${os.cpus().length} CPUs, load average ${load0[0]!.toFixed(2)} at start, ${load1[0]!.toFixed(2)} at end, WEB_CONCURRENCY=${PROCESSES})`,
        "",
        `- daily digest for ${added.total} members over ${ds.meta.dilemmas} dilemmas, through the job queue: ` +
          `${digestMs === null ? `NOT done within ${(TARGET_MS * 2) / 1000} s` : `${(digestMs / 1000).toFixed(1)} s`} ` +
          `(${mailed} digests received over SMTP) — target < ${TARGET_MS / 1000} s: ${digestOk ? "PASS" : "FAIL"}`,
        `- peak RSS of the server's processes (primary works the jobs): ${mb(rssBefore)} before the digest, ${mb(digestPeak)} at its end ` +
          `(largest single process ${mb(rss.largest())})`,
        `- list p99 during the digest ${during.p99.toFixed(1)} ms vs ${withoutP99.toFixed(1)} ms without (${(during.p99 / withoutP99).toFixed(2)}×) — target ≤ 2×: ${p99Ok ? "PASS" : "FAIL"}`,
        `- burst of ${BURST} replies (posted in ${(burst.postMs / 1000).toFixed(1)} s) to a thread ${WATCHERS} members watch: ` +
          `${burst.watchersMailed} watchers mailed, at most ${burst.most} mail each, ${burst.total} mails in all — target ≤ 1: ${burstOk ? "PASS" : "FAIL"}`,
        "",
        "| list /dilemmas | requests | req/s | p50 ms | p99 ms | failures |",
        "|---|---:|---:|---:|---:|---:|",
        row("A: without the digest", before),
        row("B: during the digest", during),
        row("A: without, after", after),
        "",
      ];
      console.log(lines.join("\n"));
      fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
      fs.writeFileSync(path.join(BENCH_DATA_DIR, "digest-last-run.md"), lines.join("\n"));
      exit = digestOk && p99Ok && burstOk && before.failures + during.failures + after.failures === 0 ? 0 : 1;
    } finally {
      rss.stop();
      await server.stop();
      await cleanUp(c);
      await c.end();
    }
  } finally {
    await smtp.close();
    await cluster.stop();
  }
  phase("done");
  return exit;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function row(label: string, r: Window | LoadResult): string {
  return `| ${label} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures} |`;
}

/**
 * Members up to `total` (the data set has 2 000), each with expertise in two competences and a
 * daily digest; and new dilemmas of the last day, so every digest has something to say.
 */
async function addDigestMembers(c: pg.Client, total: number) {
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

async function cleanUp(c: pg.Client) {
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
  const { startJobRunner } = await import("~/platform/jobs.server");
  const { dailyDigests } = await import("~/notifications/digest.server");
  const runner = await startJobRunner({ work: false, connectionString: databaseUrl });
  try {
    await dailyDigests.enqueue({});
  } finally {
    await runner.stop();
  }
}

/** Waits until none of `queues` has a job waiting or running; the time since `since`. */
async function waitForQueues(c: pg.Client, queues: string[], timeoutMs: number, since: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  await new Promise((r) => setTimeout(r, 3_000)); // the cron job is picked up within its polling interval
  for (;;) {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')`,
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
  await waitForQueues(c, ["notifications.instant", "mail.send"], 120_000, t0);
  await new Promise((r) => setTimeout(r, 5_000));
  await waitForQueues(c, ["notifications.instant", "mail.send"], 60_000, t0);
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
    peak: () => (read(), [...peaks.values()].reduce((a, b) => a + b, 0)),
    largest: () => Math.max(...peaks.values()),
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

/** The list page under load until stop(): its latencies over exactly that window. */
function startLoad(origin: string, connections: number, next: () => LoadRequest) {
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const instance = autocannon({
    url: origin,
    connections,
    duration: 900,
    timeout: 10,
    requests: [{ setupRequest: (defaults) => ({ ...defaults, ...next() }) }],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status >= 400) failures++;
  });
  const done = Promise.resolve(instance).then(() => undefined);
  return {
    async stop(): Promise<Window> {
      const seconds = (performance.now() - startedAt) / 1000;
      instance.stop();
      await done;
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      return { requests: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
    },
  };
}
