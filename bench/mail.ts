// npm run bench -- --only=mail [--invitations=1000] [--seconds=15] [--connections=10]
//
// Issue 16's figure: an organiser invites 1 000 people in one form; every invitation is queued
// (one request), then delivered by the job runner to a local SMTP receiver. Measured: the
// request that queues them, the time until the last message arrived (target: under a
// minute), and the list page's p99 while that happens next to its p99 without it, in the same
// run on the same server (A, B, A: the machine is noisy).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateSessionToken, sessionIdFromToken } from "~/accounts/sessions.server";
import { BENCH_DATA_DIR } from "./generate";
import { listAroundWork, listTable, loadAverage, phaseClock, withMailBench } from "./list-ab";
import { PROCESSES, startServer } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const INVITATIONS = Number(arg("invitations") ?? 1000);
const SECONDS = Number(arg("seconds") ?? 15);
const CONNECTIONS = Number(arg("connections") ?? 10);
const TARGET_SECONDS = 60;
const DOMAIN = "bench-uitnodiging.nl";

export async function runMailBench(): Promise<number> {
  const phase = phaseClock();
  console.log(`Kenniskring mail bench: ${os.cpus().length} CPUs, ${INVITATIONS} invitations, list load ${CONNECTIONS} connections, WEB_CONCURRENCY=${PROCESSES}, ${loadAverage()}`);
  return withMailBench(2_000, async ({ appDir, ds, smtp }) => {
    phase(`data set bench_2000; server with SMTP_URL=${smtp.url}`);
    const c = new pg.Client({ connectionString: ds.url });
    await c.connect();
    const server = await startServer(appDir, ds.url);
    try {
      await cleanUp(c);
      const organiser = await organiserSession(c);
      const ab = await listAroundWork(server.origin, { connections: CONNECTIONS, seconds: SECONDS, phase, label: "mail" }, async () => {
        const t0 = performance.now();
        const response = await fetch(`${server.origin}/circle/invitations`, {
          method: "POST",
          redirect: "manual",
          headers: { origin: server.origin, cookie: organiser, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            intent: "invite",
            addresses: Array.from({ length: INVITATIONS }, (_, i) => `lid-${i}@${DOMAIN}`).join("\n"),
            message: "Welkom in de kring! Dit is een uitnodiging uit de bench.",
          }).toString(),
        });
        const queuedMs = performance.now() - t0;
        if (response.status !== 302) throw new Error(`the invitation form answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        return { queuedMs, deliveredMs: await waitForMessages(smtp.messages, INVITATIONS, 120_000, t0) };
      });
      const { queuedMs, deliveredMs } = ab.result;
      const sent = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Mail" WHERE "toAddress" LIKE $1 AND status = 'sent'`, [`%@${DOMAIN}`]);

      const ok = deliveredMs !== null && deliveredMs <= TARGET_SECONDS * 1000 && sent.rows[0]!.n === INVITATIONS;
      const lines = [
        `## Mail: ${INVITATIONS} invitations (${new Date().toISOString().slice(0, 16)}, ${os.cpus().length} CPUs, WEB_CONCURRENCY=${PROCESSES}, ${loadAverage()})`,
        "",
        `- queued by one request: ${(queuedMs / 1000).toFixed(2)} s`,
        `- all ${INVITATIONS} received by the SMTP receiver: ${deliveredMs === null ? "NOT within 120 s" : `${(deliveredMs / 1000).toFixed(1)} s after the request`} ` +
          `(${sent.rows[0]!.n} marked sent) — target < ${TARGET_SECONDS} s: ${ok ? "PASS" : "FAIL"}`,
        "",
        ...listTable("mail", ab),
        "",
      ];
      console.log(lines.join("\n"));
      fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
      fs.writeFileSync(path.join(BENCH_DATA_DIR, "mail-last-run.md"), lines.join("\n"));
      await cleanUp(c);
      phase("done");
      return ok && ab.before.failures + ab.during.failures + ab.after.failures === 0 ? 0 : 1;
    } finally {
      await server.stop();
      await c.end();
    }
  });
}

/** An organiser with a session (as bench/scenarios.ts makes members' sessions). */
async function organiserSession(c: pg.Client): Promise<string> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO "User" (handle, "displayName", email, role, status) VALUES ('bench-organisator', 'Bench Organisator', 'organisator@${DOMAIN}', 'organiser', 'active')
     ON CONFLICT (handle) DO UPDATE SET role = 'organiser' RETURNING id`,
  );
  const token = generateSessionToken();
  await c.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [sessionIdFromToken(token), rows[0]!.id]);
  return `kk_session=${token}`;
}

async function cleanUp(c: pg.Client) {
  await c.query(`DELETE FROM "Invitation" WHERE email LIKE $1`, [`%@${DOMAIN}`]);
  await c.query(`DELETE FROM "Mail" WHERE "toAddress" LIKE $1`, [`%@${DOMAIN}`]);
  await c.query(`DELETE FROM "User" WHERE handle = 'bench-organisator'`);
}

async function waitForMessages(messages: unknown[], count: number, timeoutMs: number, since: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count) {
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - since;
}
