import type { AddressObject, ParsedMail } from "mailparser";
import { readReplyAddress, looksLikeReplyAddress } from "~/notifications/reply-address.server";
import { refuseReply, replyAuthor, replyPlace, submissionIdOf, type Refusal } from "~/notifications/reply-by-mail.server";
import { replyText } from "~/notifications/reply-text";
import { env } from "~/platform/env.server";
import { Forbidden, Invalid, NotFound, RateLimited } from "~/platform/errors.server";
import { startInboundSmtp, type InboundListener } from "~/platform/inbound-smtp.server";
import { defineQueue } from "~/platform/jobs.server";
import { logger } from "~/platform/logger.server";
import { createReply } from "~/replies/replies.server";
import { REPLY_BODY_MAX } from "~/replies/schemas";
import { spendPostingBudget } from "./posting-limits.server";
import { guardSubmit } from "./privacy-guard.server";

// Reply by e-mail (issue 20, decision 028): the second way a member's reply arrives, beside
// the web form, and held to the same rules. The listener takes a message only for a reply
// address whose signature holds (anything else is refused in the SMTP dialogue, so the
// sender's own server tells them, and we never mail a forged sender) and stores it as a job;
// the job reads it, keeps the new words, and posts them through the replies' own writer as
// the member the address names: the Guardian, the posting budget and the privacy guard apply
// as on the web. A reply that cannot be posted gets a mail to the member's own address that
// says why, with their text and a link to the web form.

type Job = { raw: string; recipients: string[]; sender: string | null };

/** Where a message for a reply address waits: in Postgres, so a restart loses nothing. */
export const inboundMail = defineQueue<Job>("mail.inbound", {
  retryLimit: 5,
  retryDelaySeconds: 30,
  batchSize: 10,
  concurrency: 2,
  pollingIntervalSeconds: 1,
  handler: async (job) => {
    await handleInboundMail(job);
  },
});

/** Starts the listener when MAIL_INBOUND_PORT is set; null otherwise. */
export async function startInboundMail(): Promise<InboundListener | null> {
  const settings = env();
  if (settings.MAIL_INBOUND_PORT === undefined) return null;
  const listener = await startInboundSmtp({
    port: settings.MAIL_INBOUND_PORT,
    host: settings.MAIL_INBOUND_HOST,
    maxBytes: settings.MAIL_INBOUND_MAX_BYTES,
    async refuseRecipient(address) {
      // An expired address is taken: the member hears why by mail, with a link to the thread.
      const read = looksLikeReplyAddress(address) ? await readReplyAddress(address) : null;
      if (read && (read.ok || read.problem === "expired")) return null;
      return { code: 550, message: "5.1.1 This reply address does not exist / Dit antwoordadres bestaat niet" };
    },
    async store({ raw, recipients, sender }) {
      await inboundMail.enqueue({ raw: raw.toString("base64"), recipients, sender });
    },
  });
  logger.info({ port: listener.port, host: settings.MAIL_INBOUND_HOST }, "reply by e-mail: listening for mail");
  return listener;
}

export type InboundOutcome = { posted: number } | { refused: Refusal } | { dropped: string };

export async function handleInboundMail(job: Job): Promise<InboundOutcome> {
  const raw = Buffer.from(job.raw, "base64");
  // mailparser (≈ 5 MB of heap, ≈ 12 MB resident with its character set tables) is loaded with
  // the first message, not in every process at start: most sites never set MAIL_INBOUND_PORT
  // (decision 040).
  const { simpleParser } = await import("mailparser");
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  // Never answer an automatic message (an out-of-office, a bounce): two robots would mail each
  // other for ever.
  if (isAutomatic(mail, job.sender)) return dropped("automatic message");
  const address = await readReplyAddress(job.recipients[0] ?? "");
  if (!address.ok && address.problem === "forged") return dropped("forged address");
  const target = address.target;
  const author = await replyAuthor(target.memberId);
  if (!author?.email) return dropped("no such member");
  const place = await replyPlace(author.guardian, target.dilemmaId, target.parentId);
  const text = replyText(mail.text ?? "");
  const refuse = async (why: Refusal, privacyKinds?: string[]) => {
    await refuseReply(author, { why, title: place?.title ?? null, webPath: place?.webPath ?? null, text, privacyKinds });
    return { refused: why } as const;
  };

  if (!author.active) return refuse("inactive");
  if (author.guardian.isSuspended) return refuse("suspended");
  if (author.guardian.needsConsent) return refuse("consent");
  if (fromAddress(mail) !== author.email.toLowerCase()) return refuse("otherSender");
  if (!address.ok) return refuse("expired");
  if (!place) return refuse("gone");
  if (!text) return refuse("empty");
  if (text.length > REPLY_BODY_MAX) return refuse("tooLong");
  try {
    // A mail cannot press "Toch plaatsen": with a warning the reply is not posted (decision 028).
    const guard = await guardSubmit(author.guardian, { body: text }, false);
    if (guard.warning) return refuse("privacy", [...new Set(Object.values(guard.warning.fields).flat().map((m) => m.kind))]);
    await spendPostingBudget(author.guardian, "post");
    const reply = await createReply(
      author.guardian,
      target.dilemmaId,
      { body: text, parentId: target.parentId ?? undefined, submissionId: submissionIdOf(mail.messageId ?? null, raw) },
      { privacyOverridden: guard.overridden },
    );
    logger.info({ replyId: reply.id, dilemmaId: target.dilemmaId }, "reply by e-mail posted");
    return { posted: reply.id };
  } catch (error) {
    // Locked, or hidden meanwhile: the Guardian's refusal, said as the member will understand it.
    const why = error instanceof Forbidden && place.locked ? "locked" : refusalOf(error);
    if (!why) throw error; // the database, say: the job is tried again
    return refuse(why);
  }
}

function refusalOf(error: unknown): Refusal | null {
  if (error instanceof RateLimited) return "tooFast";
  if (error instanceof NotFound) return "gone";
  if (error instanceof Forbidden) return "gone";
  if (error instanceof Invalid) return "invalid";
  return null;
}

function dropped(why: string): InboundOutcome {
  logger.info({ why }, "reply by e-mail dropped");
  return { dropped: why };
}

function fromAddress(mail: ParsedMail): string {
  const from = mail.from as AddressObject | undefined;
  return (from?.value[0]?.address ?? "").toLowerCase();
}

function isAutomatic(mail: ParsedMail, sender: string | null): boolean {
  if (!sender) return true; // the empty envelope sender of bounces (RFC 5321 4.5.5)
  const header = (name: string) => String(mail.headers.get(name) ?? "").toLowerCase();
  const auto = header("auto-submitted");
  if (auto && auto !== "no") return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(header("precedence"))) return true;
  return mail.headers.has("x-autoreply") || mail.headers.has("x-autorespond") || mail.headers.has("list-id");
}
