import type { MemberStatus, Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { db, isUniqueViolation } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { Forbidden, Invalid, RateLimited } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { queueMail } from "~/platform/mail.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { uniqueHandle } from "./handles.server";
import { getJoinMode } from "./join-mode.server";
import { alreadyMemberMail } from "./mail/already-member.server";
import { confirmSignupMail } from "./mail/confirm-signup.server";
import { joinRequestMail } from "./mail/join-request.server";
import { whyWeakPassword } from "./password-strength.server";
import { hashPassword } from "./passwords.server";
import { recordConsent } from "./consent.server";
import type { AccountEvent } from "./events";
import type { SignUpInput } from "./schemas";
import { createSession } from "./sessions.server";
import { consumeToken, inspectToken, issueToken, type TokenState } from "./tokens.server";

// Signing up (decision 016). The form gives the same answer whatever the address: a new one
// gets a confirmation link, one that has an account gets a mail saying so (so nobody learns
// from the form who is a member). The account exists, unconfirmed, until its link is used:
// then the member is active (open circle) or pending an organiser's approval. Signing up
// again before confirming replaces the name and password and sends a new link (the newest
// sign-up wins; an unconfirmed account never logs in).

export const SIGN_UPS_PER_IP_PER_HOUR = 30;
/** Mails one address gets from sign-ups in an hour: a form is no way to flood someone's inbox. */
const MAILS_PER_ADDRESS_PER_HOUR = 5;

const limits = {
  // 30 an hour: a circle meeting may sign up a room full of people behind one venue Wi-Fi.
  signUpPerIp: rateLimit("signup-ip", SIGN_UPS_PER_IP_PER_HOUR, 60 * 60),
  mailsPerAddress: rateLimit("signup-address", MAILS_PER_ADDRESS_PER_HOUR, 60 * 60),
};

export const confirmSignupPath = (token: string) => `/signup/confirm/${token}`;

export type SignUpRequest = SignUpInput & { locale: string };

export async function signUp(guardian: Guardian, input: SignUpRequest, client: { ip: string }): Promise<void> {
  guardian.ensureCanSignUp();
  const joinMode = await getJoinMode();
  if (joinMode === "invitation") throw new Forbidden("joining is by invitation only");
  await limits.signUpPerIp.consume(client.ip);
  const weak = whyWeakPassword(input.password, [input.displayName, input.email]);
  if (weak) throw new Invalid({ password: [weak] });
  // Hashed for every address, known or not, so the answer takes as long either way.
  const passwordHash = await hashPassword(input.password);
  if (!(await tryConsume(limits.mailsPerAddress, input.email.toLowerCase()))) return;
  try {
    await db.$transaction((tx) => writeSignUp(tx, input, passwordHash, joinMode === "approval"));
  } catch (e) {
    // Two sign-ups with one new address at the same moment: the first one's link went out.
    if (!isUniqueViolation(e)) throw e;
  }
}

async function writeSignUp(tx: Prisma.TransactionClient, input: SignUpRequest, passwordHash: string, approval: boolean) {
  const existing = await tx.user.findUnique({
    where: { email: input.email },
    select: { id: true, status: true, displayName: true, locale: true },
  });
  if (existing && existing.status !== "unverified") {
    const mail = alreadyMemberMail({ name: existing.displayName, locale: existing.locale });
    await queueMail({ to: input.email, toUserId: existing.id, kind: "account.already-member", ...mail }, { tx });
    return;
  }
  const fields = {
    displayName: input.displayName,
    passwordHash,
    organisation: input.organisation || null,
    locale: input.locale,
  };
  const user = existing
    ? await tx.user.update({ where: { id: existing.id }, data: fields, select: { id: true } })
    : await tx.user.create({
        data: { ...fields, email: input.email, status: "unverified", handle: await uniqueHandle(input.displayName, tx) },
        select: { id: true },
      });
  // The statement they ticked on the form (a sign-up repeated before confirming: again).
  await recordConsent(tx, user.id);
  if (approval || input.motivation) {
    await tx.joinRequest.upsert({
      where: { userId: user.id },
      create: { userId: user.id, motivation: input.motivation || null },
      update: { motivation: input.motivation || null, createdAt: new Date() },
    });
  }
  const token = await issueToken(tx, "confirm_signup", { userId: user.id, returnTo: input.redirectTo ?? null });
  const mail = confirmSignupMail({ name: input.displayName, locale: input.locale }, absoluteUrl(confirmSignupPath(token)));
  await queueMail({ to: input.email, toUserId: user.id, kind: "account.confirm-signup", ...mail }, { tx });
}

/** A new confirmation link for an unconfirmed account (its owner tried to log in). */
export async function resendConfirmation(userId: number): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, displayName: true, locale: true, status: true } });
  if (!user?.email || user.status !== "unverified") return;
  if (!(await tryConsume(limits.mailsPerAddress, user.email.toLowerCase()))) return;
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, "confirm_signup", { userId });
    const mail = confirmSignupMail({ name: user.displayName, locale: user.locale }, absoluteUrl(confirmSignupPath(token)));
    await queueMail({ to: user.email!, toUserId: userId, kind: "account.confirm-signup", ...mail }, { tx });
  });
}

export function inspectSignUpLink(token: string): Promise<TokenState> {
  return inspectToken("confirm_signup", token).then((r) => r.state);
}

export type ConfirmedSignUp =
  | { state: "valid"; status: MemberStatus; session: { token: string; expiresAt: Date }; returnTo: string | null }
  | { state: "expired" | "unknown" };

/**
 * Uses a confirmation link: the address is the member's, they are signed in, and they are
 * active, or pending when organisers approve who joins (who then get a mail).
 */
export async function confirmSignUp(guardian: Guardian, token: string): Promise<ConfirmedSignUp> {
  guardian.ensureCanSignUp();
  const approval = (await getJoinMode()) === "approval";
  const result = await db.$transaction(async (tx) => {
    const used = await consumeToken(tx, "confirm_signup", token);
    if (used.state !== "valid" || !used.row.userId) return { state: used.state === "valid" ? "unknown" : used.state } as const;
    const userId = used.row.userId;
    const status: MemberStatus = approval ? "pending" : "active";
    const user = await tx.user.update({ where: { id: userId }, data: { status }, select: { displayName: true } });
    if (approval) {
      await tx.joinRequest.upsert({ where: { userId }, create: { userId }, update: {} });
      await mailStaffAboutRequest(tx, user.displayName);
      const waiting: AccountEvent = { type: "account.join_requested", subjectId: userId, actorId: userId, payload: {} };
      await recordEvents(tx, [waiting]);
    } else {
      await tx.joinRequest.deleteMany({ where: { userId } });
    }
    return { state: "valid", status, userId, returnTo: used.row.returnTo } as const;
  });
  if (result.state !== "valid") return result;
  return { state: "valid", status: result.status, returnTo: result.returnTo, session: await createSession(result.userId) };
}

async function mailStaffAboutRequest(tx: Prisma.TransactionClient, applicantName: string) {
  const staff = await tx.user.findMany({
    where: { role: { in: ["organiser", "admin"] }, status: "active", erasedAt: null, email: { not: null } },
    select: { id: true, email: true, displayName: true, locale: true },
  });
  for (const member of staff) {
    const mail = joinRequestMail({ name: member.displayName, locale: member.locale }, applicantName);
    await queueMail({ to: member.email!, toUserId: member.id, kind: "circle.join-request", ...mail }, { tx });
  }
}

/** Counts one use; false (instead of RateLimited) when the budget is spent. */
export async function tryConsume(limit: ReturnType<typeof rateLimit>, key: string): Promise<boolean> {
  try {
    await limit.consume(key);
    return true;
  } catch (e) {
    if (e instanceof RateLimited) return false;
    throw e;
  }
}
