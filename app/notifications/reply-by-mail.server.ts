import { createHash } from "node:crypto";
import { PRIVACY_STATEMENT_VERSION } from "~/accounts/consent.server";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { queueMail } from "~/platform/mail.server";
import { dilemmaPath } from "~/dilemmas/paths";
import { recipientGuardian } from "./present.server";
import { replyRefusedMail, type Refusal } from "./reply-refused-mail.server";

// What a reply by mail needs of the forum besides the replies' own writer (decision 028): who
// the address names, as the Guardian knows them; where on the website the same reply can be
// written; and the mail that says why a reply was not posted.

export type ReplyAuthor = {
  id: number;
  email: string | null;
  displayName: string;
  locale: string;
  /** Active and not erased: the only members who may post by mail. */
  active: boolean;
  guardian: Guardian;
};

export async function replyAuthor(memberId: number): Promise<ReplyAuthor | null> {
  const user = await db.user.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      handle: true,
      displayName: true,
      role: true,
      locale: true,
      email: true,
      status: true,
      erasedAt: true,
      suspendedUntil: true,
      consents: { select: { version: true }, orderBy: [{ acceptedAt: "desc" }, { id: "desc" }], take: 1 },
    },
  });
  if (!user) return null;
  // The same limits as a session's (sessions.server.ts): a mail is no way round a suspension
  // or a new privacy statement not yet accepted.
  const consentVersion = user.consents[0]?.version ?? null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    active: user.status === "active" && !user.erasedAt,
    guardian: recipientGuardian(user, {
      suspendedUntil: user.suspendedUntil,
      consentNeeded: consentVersion !== null && consentVersion !== PRIVACY_STATEMENT_VERSION,
    }),
  };
}

/** The dilemma's title and the web form's address, as far as this member may see them. */
export async function replyPlace(guardian: Guardian, dilemmaId: number, parentId: number | null) {
  const dilemma = await db.dilemma.findFirst({
    where: { id: dilemmaId, ...guardian.visibleDilemmasWhere() },
    select: { id: true, title: true, lockedAt: true },
  });
  if (!dilemma) return null;
  // #reply-form: the thread page's reply form (REPLY_FORM_ID), opened under the parent by ?replyTo.
  const path = dilemmaPath(dilemma);
  return { title: dilemma.title, locked: dilemma.lockedAt !== null, webPath: `${path}${parentId ? `?replyTo=${parentId}` : ""}#reply-form` };
}

/** One submission id per mail: a job tried twice posts once (the writer's own double-post guard). */
export function submissionIdOf(messageId: string | null, raw: Buffer): string {
  return `mail-${createHash("sha256").update(messageId ?? raw).digest("base64url").slice(0, 40)}`;
}

export async function refuseReply(author: ReplyAuthor, refusal: Parameters<typeof replyRefusedMail>[1]): Promise<void> {
  if (!author.email) return; // an erased member: nobody to tell
  const mail = replyRefusedMail(author, refusal);
  await queueMail({ to: author.email, toUserId: author.id, kind: "notifications.reply-refused", ...mail });
}

export type { Refusal };
