// Delivery of the outbox in batches (decision 041; the outbox itself is decision 015).
//
// The Mail table is the queue: a drain claims up to a batch of waiting rows with one statement
// (`FOR UPDATE SKIP LOCKED`, marking them taken until a lease ends), sends them over a pooled
// SMTP transport a few at a time, and records the sent ones in groups with one statement each.
// A pg-boss job only wakes a drain: one per single mail, one per bulk insert, one per retry
// that comes due, and a sweep each minute for what a crashed runner left claimed.
//
// Two lanes, each its own pg-boss queue, drain and SMTP connections: "now" (sign-up, reset,
// everything queued one at a time) and "bulk" (digests, invitations: queueMails). A sign-up
// confirmation never waits behind 10 000 digests, not even for an SMTP connection.
//
// What a crash can cause: mails of the batch in hand that the SMTP server accepted but whose
// "sent" was not yet recorded (at most a group of SENT_GROUP per lane of sending, plus the ones
// in the middle of their SMTP conversation) are sent again when the lease ends; nothing is lost.
import type Nodemailer from "nodemailer";
import { db } from "./db.server";
import { env, publicOrigin } from "./env.server";
import { defineQueue, ownRetries } from "./jobs.server";
import { logger } from "./logger.server";

export type Lane = "now" | "bulk";

type LaneSettings = { bulk: boolean; batch: number; concurrency: number; connections: number };
const LANES: Record<Lane, LaneSettings> = {
  // Few at a time, and quickly: a person waits for this mail.
  now: { bulk: false, batch: 20, concurrency: 4, connections: 2 },
  // Throughput: 100 claimed with one statement, 10 in flight over 5 connections.
  bulk: { bulk: true, batch: 100, concurrency: 10, connections: 5 },
};

/** Retries: 30 s, 1, 2, 4, … minutes with jitter; the 8th retry comes about two hours on. */
export const MAIL_RETRY_LIMIT = 8;
const RETRY_BASE_SECONDS = 30;
/** A claimed row is the claimer's for this long; after it (a crash) the next drain takes it. */
const LEASE_SECONDS = 180;
/** A batch starts no new send after this (so it ends well within its lease) and hands the rest back. */
const SEND_BUDGET_MS = 60_000;
/** A drain job works this long, then leaves a new job for the rest (other queues get their turn). */
const DRAIN_BUDGET_MS = 60_000;
/** Sent rows are recorded this many at a time: what a crash may send twice. */
const SENT_GROUP = 20;

type ClaimedMail = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  retries: number;
};

// ── Waking a drain ───────────────────────────────────────────────────────────────────────

// Old jobs (one per mail, before decision 041) carry { mailId }: they wake the "now" lane.
export const deliverNow = defineQueue<{ mailId?: number }>("mail.deliver", {
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: 5 * 60,
  batchSize: 10,
  concurrency: 2,
  pollingIntervalSeconds: 1,
  handler: async (_data, job) => drain("now", job.signal),
});

export const deliverBulk = defineQueue<object>("mail.deliver-bulk", {
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: 5 * 60,
  batchSize: 5,
  concurrency: 1,
  pollingIntervalSeconds: 1,
  handler: async (_data, job) => drain("bulk", job.signal),
});

const wakeQueue = { now: deliverNow, bulk: deliverBulk } as const;

/** Wakes a lane's drain, now or after `seconds` (a retry's back-off). */
export async function wakeDelivery(lane: Lane, seconds = 0): Promise<void> {
  await wakeQueue[lane].enqueue({}, seconds > 0 ? { startAfterSeconds: Math.ceil(seconds) } : {});
}

/**
 * Each minute: a lane with mail that is due and not in anyone's hands (a runner crashed with
 * it claimed, or a wake-up was lost) gets a drain. Also what `npm start` finds after a restart.
 */
export const sweepMail = defineQueue<object>("mail.sweep", {
  cron: "* * * * *",
  retryLimit: 1,
  handler: async () => {
    await wakeDueLanes();
  },
});

export async function wakeDueLanes(): Promise<Lane[]> {
  const due = await db.$queryRaw<{ bulk: boolean }[]>`
    SELECT DISTINCT bulk FROM "Mail"
    WHERE status = 'queued' AND "nextTryAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())`;
  const lanes = due.map((d): Lane => (d.bulk ? "bulk" : "now"));
  for (const lane of lanes) await wakeDelivery(lane);
  return lanes;
}

// ── Draining a lane ──────────────────────────────────────────────────────────────────────

async function drain(lane: Lane, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  while (!signal.aborted) {
    if (Date.now() - started > DRAIN_BUDGET_MS) return void (await wakeDelivery(lane));
    const mails = await claim(lane);
    if (!mails.length) return;
    const { serverDown } = await deliverBatch(lane, mails, signal);
    if (serverDown) return; // its wake-up after the back-off is queued
  }
}

/** One statement: the oldest due, unclaimed mails of the lane, now claimed for LEASE_SECONDS. */
function claim(lane: Lane): Promise<ClaimedMail[]> {
  const { bulk, batch } = LANES[lane];
  return db.$queryRaw<ClaimedMail[]>`
    UPDATE "Mail" SET "claimedUntil" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "Mail"
      WHERE status = 'queued' AND bulk = ${bulk} AND "nextTryAt" <= now()
        AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "nextTryAt", id
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, "toAddress", subject, text, html, headers, "messageId", retries`;
}

async function deliverBatch(lane: Lane, mails: ClaimedMail[], signal: AbortSignal): Promise<{ serverDown: boolean }> {
  const transport = await smtpTransport(lane);
  if (!transport) {
    // No SMTP_URL: kept whole for admins to read ("Verstuurde e-mail", /circle/mail).
    await db.mail.updateMany({
      where: { id: { in: mails.map((m) => m.id) } },
      data: { status: "kept", attempts: { increment: 1 }, claimedUntil: null },
    });
    return { serverDown: false };
  }
  const sent = sentRecorder();
  const handBack: number[] = [];
  const retryIn: number[] = [];
  const sendUntil = Date.now() + SEND_BUDGET_MS;
  let serverDown = false;
  let next = 0;
  const sender = async () => {
    while (next < mails.length) {
      const mail = mails[next++]!;
      if (serverDown || signal.aborted || Date.now() > sendUntil) {
        handBack.push(mail.id);
        continue;
      }
      try {
        await send(transport, mail);
        await sent.add(mail.id);
      } catch (error) {
        // No SMTP answer at all: the server is down or unreachable; the rest of the batch waits too.
        if (!(error as SmtpError).responseCode) serverDown = true;
        const delay = await recordFailure(mail, error);
        if (delay !== null) retryIn.push(delay);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES[lane].concurrency, mails.length) }, sender));
  await sent.flush();
  if (handBack.length) {
    // Not tried: back in the queue as they were (no retry counted), after the back-off if the server is down.
    const wait = serverDown ? ownRetries(MAIL_RETRY_LIMIT, RETRY_BASE_SECONDS).delaySeconds(0) : 0;
    await db.mail.updateMany({
      where: { id: { in: handBack } },
      data: { claimedUntil: null, nextTryAt: new Date(Date.now() + wait * 1000) },
    });
    if (wait) retryIn.push(wait);
  }
  if (retryIn.length) await wakeDelivery(lane, Math.min(...retryIn));
  return { serverDown };
}

/** Collects sent ids and records them SENT_GROUP at a time (one statement per group). */
function sentRecorder() {
  let pending: number[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const ids = pending;
    pending = [];
    // Delivered: the text is the recipient's now. Only what the admins' list shows is kept
    // (kind, address, subject, status), not the body: it may hold a live link or someone's words.
    await db.mail.updateMany({
      where: { id: { in: ids } },
      data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, text: "", html: "", claimedUntil: null },
    });
  };
  return {
    async add(id: number) {
      pending.push(id);
      if (pending.length >= SENT_GROUP) await flush();
    },
    flush,
  };
}

/** Records a failed try; the seconds until its retry, or null when it is given up on. */
async function recordFailure(mail: ClaimedMail, error: unknown): Promise<number | null> {
  const answer = smtpAnswer(error);
  const retry = ownRetries(MAIL_RETRY_LIMIT, RETRY_BASE_SECONDS);
  // A 5xx will not change on retry ("no such user"); the admins' list shows it at once.
  const giveUp = isPermanent(error) || mail.retries >= retry.limit;
  const delay = giveUp ? null : retry.delaySeconds(mail.retries);
  await db.mail.update({
    where: { id: mail.id },
    data: {
      status: giveUp ? "failed" : "queued",
      attempts: { increment: 1 },
      retries: { increment: 1 },
      lastError: answer,
      claimedUntil: null,
      nextTryAt: new Date(Date.now() + (delay ?? 0) * 1000),
    },
  });
  if (giveUp) logger.warn({ mailId: mail.id, kind: mail.kind, answer }, "mail not delivered");
  else logger.info({ mailId: mail.id, retry: mail.retries + 1, inSeconds: Math.round(delay!), answer }, "mail delivery failed; will retry");
  return delay;
}

// ── SMTP ─────────────────────────────────────────────────────────────────────────────────

type Transport = ReturnType<typeof Nodemailer.createTransport>;
const transports = new Map<Lane, { url: string; transport: Transport }>();

/** MAIL_FROM, or "Kenniskring" at PUBLIC_URL's host. */
export function mailFrom(): string {
  return env().MAIL_FROM ?? `"Kenniskring" <kenniskring@${new URL(publicOrigin()).hostname}>`;
}

function send(transport: Transport, mail: ClaimedMail) {
  return transport.sendMail({
    from: mailFrom(),
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: new Date(),
    headers: mail.headers,
  });
}

/**
 * A pooled connection set per lane and process, made on first use. nodemailer is imported
 * then too: ≈ 3 MB of heap that a process which sends no mail (every worker of several, a
 * site without SMTP_URL) need not hold (decision 040). Timeouts are short enough that a
 * batch ends well within its lease when the server hangs.
 */
async function smtpTransport(lane: Lane): Promise<Transport | null> {
  const url = env().SMTP_URL;
  if (!url) return null;
  const { default: nodemailer } = await import("nodemailer");
  const current = transports.get(lane);
  if (current?.url === url) return current.transport;
  current?.transport.close();
  const withPool = new URL(url);
  if (!withPool.searchParams.has("pool")) withPool.searchParams.set("pool", "true");
  if (!withPool.searchParams.has("maxConnections")) withPool.searchParams.set("maxConnections", String(LANES[lane].connections));
  for (const [key, ms] of [["connectionTimeout", 20_000], ["greetingTimeout", 20_000], ["socketTimeout", 30_000]] as const) {
    if (!withPool.searchParams.has(key)) withPool.searchParams.set(key, String(ms));
  }
  const transport = nodemailer.createTransport(withPool.href);
  transports.set(lane, { url, transport });
  return transport;
}

/** Closes the SMTP connections (at shutdown, and between tests that change SMTP_URL). */
export function closeMailTransport(): void {
  for (const { transport } of transports.values()) transport.close();
  transports.clear();
}

type SmtpError = { responseCode?: number; response?: string; code?: string; message?: string };

function smtpAnswer(error: unknown): string {
  const e = (error ?? {}) as SmtpError;
  return (e.response ?? [e.code, e.message].filter(Boolean).join(": ")).slice(0, 1000) || "unknown error";
}

/** 5xx: the server refused for good (no such mailbox, policy); 4xx and network trouble pass. */
function isPermanent(error: unknown): boolean {
  const code = (error as SmtpError | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
