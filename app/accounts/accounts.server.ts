import type { MemberStatus, Role } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { Invalid, NotFound, RateLimited } from "~/platform/errors.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { uniqueHandle } from "./handles.server";
import { isKnownDevice, rememberDevice } from "./known-devices.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.server";
import type { LogInInput } from "./schemas";
import { resendConfirmation } from "./signup.server";
import { countActiveSessions, createSession, invalidateAllSessions, invalidateSession } from "./sessions.server";
import { recordConsent } from "./consent.server";

// Login and logout, the member's own account overview, and members made at the console.
// Limits count failed attempts only (decision 022): a whole office behind one address logs in
// freely, a guesser does not.
// - per client IP, across accounts (one person trying many accounts);
// - per account and client IP (one stranger trying one account): 8 wrong, then that client
//   waits 15 minutes for that account;
// - per account from unknown browsers, all addresses together (a botnet trying one account):
//   40 an hour, then unknown browsers wait;
// - per account and known browser (the member's own, by its cookie): its own 8.
// So wrong passwords from strangers never pause the owner's own browser; the owner on a new
// browser is paused only after many guesses from many addresses, and a password reset lifts it.
// Signing up: signup.server.ts.
export const LOGIN_FAILURES_PER_IP = 30;
export const LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT = 8;
export const LOGIN_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_BROWSERS = 40;
const limits = {
  logInFailuresPerIp: rateLimit("login-ip", LOGIN_FAILURES_PER_IP, 15 * 60),
  perAccountAndClient: rateLimit("login-account-client", LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT, 15 * 60),
  perAccountUnknownBrowsers: rateLimit("login-account-unknown", LOGIN_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_BROWSERS, 60 * 60),
};
const PAUSED = "edge.errors.loginPaused";

export type NewSession = { token: string; expiresAt: Date; userId: number; newDevice: { token: string; expiresAt: Date } | null };

export type LoginClient = {
  ip: string;
  /** The known-browser cookie's token, if the browser sent one. */
  device?: string;
};

/** Runs a limit's check or count, saying "paused" in the login form's own words. */
async function paused(step: Promise<void>): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (error instanceof RateLimited) throw new RateLimited(error.retryAfterSeconds, PAUSED);
    throw error;
  }
}

export async function logIn(guardian: Guardian, input: Pick<LogInInput, "email" | "password">, client: LoginClient): Promise<NewSession> {
  guardian.ensureCanLogIn();
  const accountKey = input.email.toLowerCase();
  await paused(limits.logInFailuresPerIp.check(client.ip));
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, erasedAt: true, status: true },
  });
  const known = user ? await isKnownDevice(user.id, client.device) : false;
  // A known browser counts its failures under its own key; unknown ones per address and all
  // together. (An unknown account counts as unknown browsers: no difference to learn from.)
  const clientKey = known ? `${accountKey} device:${client.device}` : `${accountKey} ip:${client.ip}`;
  await paused(limits.perAccountAndClient.check(clientKey));
  if (!known) await paused(limits.perAccountUnknownBrowsers.check(accountKey));
  const ok = user?.passwordHash && !user.erasedAt ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user?.passwordHash) await burnPasswordCheck(input.password);
  if (!ok || !user) {
    // Counted first, refused after: the failure counts even when this one spends the budget.
    const counted = await Promise.allSettled([
      limits.logInFailuresPerIp.consume(client.ip),
      limits.perAccountAndClient.consume(clientKey),
      ...(known ? [] : [limits.perAccountUnknownBrowsers.consume(accountKey)]),
    ]);
    const failed = counted.find((r) => r.status === "rejected" && !(r.reason instanceof RateLimited));
    if (failed) throw (failed as PromiseRejectedResult).reason;
    throw new Invalid({ "": ["errors.wrongCredentials"] });
  }
  await limits.perAccountAndClient.reset(clientKey);
  if (user.status === "unverified") {
    // Only someone who knows the password learns this; they get a fresh link to finish.
    await resendConfirmation(user.id);
    throw new Invalid({ "": ["accounts.errors.notConfirmed"] });
  }
  const newDevice = known ? null : await rememberDevice(user.id);
  return { ...(await createSession(user.id)), userId: user.id, newDevice };
}

/** After a password reset by mail: the owner proved who they are; strangers' pause is lifted. */
export async function liftLoginPause(email: string): Promise<void> {
  await limits.perAccountUnknownBrowsers.reset(email.toLowerCase());
}

export async function logOut(sessionId: string): Promise<void> {
  await invalidateSession(sessionId);
}

export async function logOutEverywhere(guardian: Guardian): Promise<number> {
  guardian.ensureCanManageOwnAccount();
  return invalidateAllSessions(memberIdOf(guardian));
}

export type AccountOverview = {
  displayName: string;
  handle: string;
  email: string | null;
  organisation: string | null;
  role: Role;
  status: MemberStatus;
  activeSessions: number;
};

export async function getOwnAccount(guardian: Guardian): Promise<AccountOverview> {
  guardian.ensureCanManageOwnAccount();
  const id = memberIdOf(guardian);
  const user = await db.user.findUnique({
    where: { id },
    select: { displayName: true, handle: true, email: true, organisation: true, role: true, status: true },
  });
  if (!user) throw new NotFound("member");
  return { ...user, activeSessions: await countActiveSessions(id) };
}

/**
 * For `npm run user:create` (the first admin, or staff accounts): no Guardian, because the
 * person at the server's console already holds every key.
 */
export async function createMemberFromConsole(input: {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  organisation?: string;
}): Promise<{ id: number; handle: string; created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, handle: true } });
  if (existing) {
    await db.user.update({ where: { id: existing.id }, data: { role: input.role, passwordHash, status: "active" } });
    return { ...existing, created: false };
  }
  const user = await insertMember({ ...input, passwordHash });
  return { ...user, created: true };
}

/** A new, active member row: a handle made from the name, consent stamped now. */
export async function insertMember(
  input: {
    displayName: string;
    email: string;
    passwordHash: string;
    role: Role;
    organisation?: string | null;
    locale?: string;
  },
  client: Prisma.TransactionClient = db,
): Promise<{ id: number; handle: string }> {
  const member = await client.user.create({
    data: {
      handle: await uniqueHandle(input.displayName, client),
      locale: input.locale ?? "nl",
      status: "active",
      displayName: input.displayName,
      email: input.email,
      passwordHash: input.passwordHash,
      role: input.role,
      organisation: input.organisation || null,
    },
    select: { id: true, handle: true },
  });
  await recordConsent(client, member.id);
  return member;
}

export async function setOwnLocale(guardian: Guardian, locale: "nl" | "en"): Promise<void> {
  guardian.ensureCanManageOwnAccount();
  await db.user.update({ where: { id: memberIdOf(guardian) }, data: { locale } });
}
