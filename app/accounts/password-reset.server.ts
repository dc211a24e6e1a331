import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { Invalid } from "~/platform/errors.server";
import { queueMail } from "~/platform/mail.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { liftLoginPause } from "./accounts.server";
import { confirmSignupMail } from "./mail/confirm-signup.server";
import { passwordChangedMail } from "./mail/password-changed.server";
import { resetPasswordMail } from "./mail/reset-password.server";
import { whyWeakPassword } from "./password-strength.server";
import { hashPassword } from "./passwords.server";
import { createSession } from "./sessions.server";
import { confirmSignupPath, tryConsume } from "./signup.server";
import { consumeToken, inspectToken, issueToken, type TokenState } from "./tokens.server";

// "Wachtwoord vergeten?" (decision 016). Asking gives the same answer for every address; an
// account's owner gets a link that works for an hour, once. Choosing the new password signs
// the member out everywhere and in here, and tells them by mail.

const limits = {
  requestsPerIp: rateLimit("reset-ip", 20, 60 * 60),
  mailsPerAddress: rateLimit("reset-address", 5, 60 * 60),
};

export const resetPasswordPath = (token: string) => `/password/reset/${token}`;

export async function requestPasswordReset(guardian: Guardian, email: string, client: { ip: string }): Promise<void> {
  guardian.ensureCanLogIn();
  await limits.requestsPerIp.consume(client.ip);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, displayName: true, locale: true, status: true, erasedAt: true },
  });
  if (!user?.email || user.erasedAt) return;
  if (!(await tryConsume(limits.mailsPerAddress, user.email.toLowerCase()))) return;
  await db.$transaction(async (tx) => {
    const to = { name: user.displayName, locale: user.locale };
    if (user.status === "unverified") {
      // Not confirmed yet: the link that finishes the sign-up is what they need.
      const token = await issueToken(tx, "confirm_signup", { userId: user.id });
      const mail = confirmSignupMail(to, absoluteUrl(confirmSignupPath(token)));
      await queueMail({ to: user.email!, toUserId: user.id, kind: "account.confirm-signup", ...mail }, { tx });
      return;
    }
    const token = await issueToken(tx, "reset_password", { userId: user.id });
    const mail = resetPasswordMail(to, absoluteUrl(resetPasswordPath(token)));
    await queueMail({ to: user.email!, toUserId: user.id, kind: "account.reset-password", ...mail }, { tx });
  });
}

export async function inspectResetLink(token: string): Promise<TokenState> {
  return (await inspectToken("reset_password", token)).state;
}

export type ResetResult = { state: "valid"; session: { token: string; expiresAt: Date } } | { state: "expired" | "unknown" };

/**
 * Sets the new password (Invalid when it is too weak: the link stays usable to try again).
 * No Guardian question: holding the link from the member's mailbox is the permission.
 */
export async function resetPassword(token: string, password: string): Promise<ResetResult> {
  const { state, row } = await inspectToken("reset_password", token);
  if (state !== "valid" || !row?.userId) return { state: state === "valid" ? "unknown" : state };
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { displayName: true, email: true } });
  const weak = whyWeakPassword(password, [user?.displayName, user?.email]);
  if (weak) throw new Invalid({ password: [weak] });
  const passwordHash = await hashPassword(password);
  const userId = await db.$transaction(async (tx) => {
    const used = await consumeToken(tx, "reset_password", token);
    if (used.state !== "valid" || !used.row.userId) return null;
    const member = await tx.user.update({
      where: { id: used.row.userId },
      data: { passwordHash },
      select: { id: true, email: true, displayName: true, locale: true },
    });
    await tx.session.deleteMany({ where: { userId: member.id } });
    await tx.accountToken.deleteMany({ where: { userId: member.id, purpose: "reset_password" } });
    if (member.email) {
      const mail = passwordChangedMail({ name: member.displayName, locale: member.locale });
      await queueMail({ to: member.email, toUserId: member.id, kind: "account.password-changed", ...mail }, { tx });
    }
    return member.id;
  });
  if (userId === null) return { state: "unknown" };
  // Who holds the mailbox is the owner: wrong passwords of strangers no longer pause them.
  if (user?.email) await liftLoginPause(user.email);
  return { state: "valid", session: await createSession(userId) };
}
