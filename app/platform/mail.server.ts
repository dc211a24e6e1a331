// Outgoing mail (decision 015). A message is written to the Mail table in the transaction of
// the change it tells about, with a job to deliver it; the job runner sends it over SMTP_URL
// with nodemailer, or, without SMTP_URL, keeps it for admins to read (/circle/mail). Nothing
// waits on SMTP inside a web request, and nothing is dropped: a refused message (5xx) or one
// that still fails after every retry is marked failed, with the server's answer, for admins.
//
//   await queueMail({ to, toUserId, locale, kind: "account.reset", ...content }, { tx });
//
// `content` ({ subject, text, html }) comes from a message kind's own module, built with
// layoutMail (mail-layout.server.ts); `headers` carries what a kind adds (Reply-To,
// List-Unsubscribe, …).
import { randomUUID } from "node:crypto";
import type Nodemailer from "nodemailer";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "./db.server";
import { env, publicOrigin } from "./env.server";
import { defineQueue } from "./jobs.server";
import { logger } from "./logger.server";

export type OutgoingMail = {
  to: string;
  /** The member it is for, when there is one: their erasure removes the link, not the log. */
  toUserId?: number | null;
  locale: string;
  /** What kind of message, e.g. "account.confirm-signup": for the admins' list and for tests. */
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

type Options = { tx?: Prisma.TransactionClient };

/** Writes one message and its delivery job (in `tx` when given: both exist only if it commits). */
export async function queueMail(mail: OutgoingMail, options: Options = {}): Promise<number> {
  const client = options.tx ?? db;
  const row = await client.mail.create({ data: mailRow(mail), select: { id: true } });
  await deliverMail.enqueue({ mailId: row.id }, { tx: options.tx });
  return row.id;
}

/** Many messages in two statements and one job insert (e.g. 1 000 invitations). */
export async function queueMails(mails: OutgoingMail[], options: Options = {}): Promise<number[]> {
  if (!mails.length) return [];
  const client = options.tx ?? db;
  const rows = await client.mail.createManyAndReturn({ data: mails.map(mailRow), select: { id: true } });
  await deliverMail.enqueueMany(
    rows.map((r) => ({ mailId: r.id })),
    { tx: options.tx },
  );
  return rows.map((r) => r.id);
}

function mailRow(mail: OutgoingMail): Prisma.MailCreateManyInput {
  return {
    kind: mail.kind,
    toAddress: mail.to,
    toUserId: mail.toUserId ?? null,
    locale: mail.locale,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers ?? {},
    messageId: `<${randomUUID()}@${messageIdDomain()}>`,
  };
}

// ── Sender ────────────────────────────────────────────────────────────────────────────

/** MAIL_FROM, or "Kenniskring" at PUBLIC_URL's host. */
export function mailFrom(): string {
  return env().MAIL_FROM ?? `"Kenniskring" <kenniskring@${new URL(publicOrigin()).hostname}>`;
}

function messageIdDomain(): string {
  const address = /@([^>\s]+)>?\s*$/.exec(mailFrom());
  return address?.[1] ?? new URL(publicOrigin()).hostname;
}

// ── Delivery ──────────────────────────────────────────────────────────────────────────

/** Retries: 30 s, 1, 2, 4, … minutes with jitter; the 8th retry comes about two hours on. */
export const MAIL_RETRY_LIMIT = 8;

export const deliverMail = defineQueue<{ mailId: number }>("mail.deliver", {
  retryLimit: MAIL_RETRY_LIMIT,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 120,
  // 10 at a time over 5 SMTP connections: while some wait on the mail server, others read
  // and update their rows (1 000 invitations: bench --only=mail).
  batchSize: 50,
  concurrency: 10,
  pollingIntervalSeconds: 1,
  handler: async ({ mailId }, job) => {
    const mail = await db.mail.findUnique({ where: { id: mailId } });
    // Sent, kept or given up on already (a retry after a crash between send and update, or
    // an admin's "send again" of a message that meanwhile went): nothing to do.
    if (!mail || mail.status !== "queued") return;
    const transport = await smtpTransport();
    if (!transport) {
      await db.mail.update({ where: { id: mailId }, data: { status: "kept", attempts: { increment: 1 } } });
      return;
    }
    try {
      await transport.sendMail({
        from: mailFrom(),
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: new Date(),
        headers: mail.headers as Record<string, string>,
      });
    } catch (error) {
      const answer = smtpAnswer(error);
      const permanent = isPermanent(error);
      const giveUp = permanent || job.lastTry;
      await db.mail.update({
        where: { id: mailId },
        data: { attempts: { increment: 1 }, lastError: answer, status: giveUp ? "failed" : "queued" },
      });
      if (giveUp) {
        logger.warn({ mailId, kind: mail.kind, answer }, "mail not delivered");
        return; // a 5xx will not change on retry; the admins' list shows it
      }
      throw error;
    }
    // Delivered: the text is the recipient's now. Only what the admins' list shows is kept
    // (kind, address, subject, status), not the body: it may hold a live link or someone's words.
    await db.mail.update({
      where: { id: mailId },
      data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, text: "", html: "" },
    });
  },
});

/** Old messages go after 30 days: the log is for "did it go out", not an archive. */
export const MAIL_KEPT_DAYS = 30;

export const purgeOldMail = defineQueue<object>("mail.purge", {
  cron: "23 3 * * *",
  retryLimit: 2,
  handler: async () => {
    const before = new Date(Date.now() - MAIL_KEPT_DAYS * 24 * 60 * 60 * 1000);
    const { count } = await db.mail.deleteMany({ where: { createdAt: { lt: before }, status: { not: "queued" } } });
    if (count) logger.info({ count }, "removed old mail from the log");
  },
});

/** Puts a failed message back in the queue (an admin's "send again"). */
export async function retryMail(mailId: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.mail.updateMany({ where: { id: mailId, status: "failed" }, data: { status: "queued" } });
    if (count) await deliverMail.enqueue({ mailId }, { tx });
    return count === 1;
  });
}

type Transport = ReturnType<typeof Nodemailer.createTransport>;
let transport: { url: string; transport: Transport } | undefined;

/**
 * One pooled connection set per process (up to 5 at once), made on first use. nodemailer is
 * imported then too: ≈ 3 MB of heap that a process which sends no mail (every worker of
 * several, a site without SMTP_URL) need not hold (decision 040).
 */
async function smtpTransport(): Promise<Transport | null> {
  const url = env().SMTP_URL;
  if (!url) return null;
  const { default: nodemailer } = await import("nodemailer");
  if (transport?.url !== url) {
    transport?.transport.close();
    const withPool = new URL(url);
    if (!withPool.searchParams.has("pool")) withPool.searchParams.set("pool", "true");
    if (!withPool.searchParams.has("maxConnections")) withPool.searchParams.set("maxConnections", "5");
    transport = { url, transport: nodemailer.createTransport(withPool.href) };
  }
  return transport.transport;
}

/** Closes the SMTP connections (at shutdown, and between tests that change SMTP_URL). */
export function closeMailTransport(): void {
  transport?.transport.close();
  transport = undefined;
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
