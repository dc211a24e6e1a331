// Outgoing mail (decision 015). A message is written to the Mail table in the transaction of
// the change it tells about, with a job that wakes its delivery (in batches, decision 041,
// mail-delivery.server.ts): the job runner sends it over SMTP_URL with nodemailer, or, without
// SMTP_URL, keeps it for admins to read (/circle/mail). Nothing waits on SMTP inside a web request, and nothing is dropped: a refused message (5xx) or one
// that still fails after every retry is marked failed, with the server's answer, for admins.
//
//   await queueMail({ to, toUserId, locale, kind: "account.reset", ...content }, { tx });
//
// `content` ({ subject, text, html }) comes from a message kind's own module, built with
// layoutMail (mail-layout.server.ts); `headers` carries what a kind adds (Reply-To,
// List-Unsubscribe, …).
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "./db.server";
import { publicOrigin } from "./env.server";
import { defineQueue } from "./jobs.server";
import { logger } from "./logger.server";
import { deliverBulk, deliverNow, mailFrom } from "./mail-delivery.server";

export { closeMailTransport, MAIL_RETRY_LIMIT, mailFrom } from "./mail-delivery.server";

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
  await deliverNow.enqueue({ mailId: row.id }, { tx: options.tx });
  return row.id;
}

/**
 * Many messages (a digest batch, 1 000 invitations) in one insert and one job that wakes the
 * bulk lane: they go out in batches behind nothing and before nothing a person waits for.
 */
export async function queueMails(mails: OutgoingMail[], options: Options = {}): Promise<number[]> {
  if (!mails.length) return [];
  const client = options.tx ?? db;
  const rows = await client.mail.createManyAndReturn({ data: mails.map((m) => ({ ...mailRow(m), bulk: true })), select: { id: true } });
  await deliverBulk.enqueue({}, { tx: options.tx });
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

function messageIdDomain(): string {
  const address = /@([^>\s]+)>?\s*$/.exec(mailFrom());
  return address?.[1] ?? new URL(publicOrigin()).hostname;
}

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
    const { count } = await tx.mail.updateMany({
      where: { id: mailId, status: "failed" },
      data: { status: "queued", retries: 0, nextTryAt: new Date(), claimedUntil: null, bulk: false },
    });
    if (count) await deliverNow.enqueue({ mailId }, { tx });
    return count === 1;
  });
}
