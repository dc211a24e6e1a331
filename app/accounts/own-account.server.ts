import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { db, isUniqueViolation } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { queueMail } from "~/platform/mail.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { changeEmailMail, changeEmailTakenMail, emailChangedMail } from "./mail/change-email.server";
import { passwordChangedMail } from "./mail/password-changed.server";
import { whyWeakPassword } from "./password-strength.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import type { ChangeEmailInput, ChangePasswordInput } from "./schemas";
import { invalidateAllSessions } from "./sessions.server";
import { consumeToken, inspectToken, issueToken, type TokenState } from "./tokens.server";

// A member changes their own password (the current one required; other devices are signed
// out) or address (the current password required; the new address confirms by link, the old
// one is told once it changed). Decision 016.

const limits = {
  // Wrong current passwords: the same budget as logging in, per account.
  passwordChecks: rateLimit("own-account-password", 8, 15 * 60),
  emailChangeMails: rateLimit("email-change", 5, 60 * 60),
};

export const confirmEmailChangePath = (token: string) => `/account/email/confirm/${token}`;

async function ownMember(guardian: Guardian) {
  guardian.ensureCanManageOwnAccount();
  const user = await db.user.findUnique({
    where: { id: memberIdOf(guardian) },
    select: { id: true, email: true, displayName: true, locale: true, passwordHash: true },
  });
  if (!user) throw new NotFound("member");
  return user;
}

async function ensureCurrentPassword(user: { id: number; passwordHash: string | null }, password: string, field: string) {
  const key = String(user.id);
  await limits.passwordChecks.check(key);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    await limits.passwordChecks.consume(key);
    throw new Invalid({ [field]: ["accounts.errors.wrongPassword"] });
  }
  await limits.passwordChecks.reset(key);
}

/** Returns how many other sessions ended. */
export async function changePassword(guardian: Guardian, input: ChangePasswordInput, currentSessionId: string | null): Promise<number> {
  const user = await ownMember(guardian);
  await ensureCurrentPassword(user, input.currentPassword, "currentPassword");
  const weak = whyWeakPassword(input.newPassword, [user.displayName, user.email]);
  if (weak) throw new Invalid({ newPassword: [weak] });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: "reset_password" } });
    if (user.email) {
      const mail = passwordChangedMail({ name: user.displayName, locale: user.locale });
      await queueMail({ to: user.email, toUserId: user.id, kind: "account.password-changed", ...mail }, { tx });
    }
  });
  return invalidateAllSessions(user.id, { except: currentSessionId ?? undefined });
}

/** Sends the link to the new address (or, when it has an account, a mail saying so: the page's answer is the same). */
export async function requestEmailChange(guardian: Guardian, input: ChangeEmailInput): Promise<void> {
  const user = await ownMember(guardian);
  await ensureCurrentPassword(user, input.password, "password");
  if (user.email && user.email.toLowerCase() === input.email.toLowerCase()) throw new Invalid({ email: ["accounts.errors.sameEmail"] });
  await limits.emailChangeMails.consume(String(user.id));
  const owner = await db.user.findUnique({ where: { email: input.email }, select: { id: true, displayName: true, locale: true } });
  await db.$transaction(async (tx) => {
    if (owner) {
      const mail = changeEmailTakenMail({ name: owner.displayName, locale: owner.locale });
      await queueMail({ to: input.email, toUserId: owner.id, kind: "account.change-email-taken", ...mail }, { tx });
      return;
    }
    const token = await issueToken(tx, "change_email", { userId: user.id, email: input.email });
    const mail = changeEmailMail({ name: user.displayName, locale: user.locale }, absoluteUrl(confirmEmailChangePath(token)));
    await queueMail({ to: input.email, toUserId: user.id, kind: "account.change-email", ...mail }, { tx });
  });
}

export async function inspectEmailChangeLink(token: string): Promise<{ state: TokenState; email: string | null }> {
  const { state, row } = await inspectToken("change_email", token);
  return { state, email: row?.email ?? null };
}

export type EmailChangeResult = { state: "valid"; email: string } | { state: "expired" | "unknown" | "taken" };

/** Uses the link from the new address's mail: the address changes; the old one hears it. */
export async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
  try {
    return await db.$transaction(async (tx) => {
      const used = await consumeToken(tx, "change_email", token);
      if (used.state !== "valid" || !used.row.userId || !used.row.email) return { state: used.state === "valid" ? "unknown" : used.state };
      const before = await tx.user.findUnique({
        where: { id: used.row.userId },
        select: { email: true, displayName: true, locale: true, erasedAt: true },
      });
      if (!before || before.erasedAt) return { state: "unknown" };
      await tx.user.update({ where: { id: used.row.userId }, data: { email: used.row.email } });
      if (before.email) {
        const mail = emailChangedMail({ name: before.displayName, locale: before.locale }, used.row.email);
        await queueMail({ to: before.email, toUserId: used.row.userId, kind: "account.email-changed", ...mail }, { tx });
      }
      return { state: "valid", email: used.row.email };
    });
  } catch (e) {
    // Someone took the address between the request and the click.
    if (isUniqueViolation(e)) return { state: "taken" };
    throw e;
  }
}
