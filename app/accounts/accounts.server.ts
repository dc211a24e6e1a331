import type { MemberStatus, Role } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { rateLimit } from "~/platform/rate-limit.server";
import { uniqueHandle } from "./handles.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.server";
import type { LogInInput } from "./schemas";
import { resendConfirmation } from "./signup.server";
import { countActiveSessions, createSession, invalidateAllSessions, invalidateSession } from "./sessions.server";

// Login and logout, the member's own account overview, and members made at the console.
// Limits count failed attempts only, per client IP (one person trying many accounts) and per
// account (many people, or a botnet, trying one account): a whole office behind one address
// logs in freely, a guesser does not. Signing up: signup.server.ts.
export const LOGIN_FAILURES_PER_IP = 30;
const limits = {
  logInFailuresPerIp: rateLimit("login-ip", LOGIN_FAILURES_PER_IP, 15 * 60),
  logInFailuresPerAccount: rateLimit("login-account", 8, 15 * 60),
};

export type NewSession = { token: string; expiresAt: Date; userId: number };

export async function logIn(guardian: Guardian, input: Pick<LogInInput, "email" | "password">, client: { ip: string }): Promise<NewSession> {
  guardian.ensureCanLogIn();
  const accountKey = input.email.toLowerCase();
  await limits.logInFailuresPerIp.check(client.ip);
  await limits.logInFailuresPerAccount.check(accountKey);
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, erasedAt: true, status: true },
  });
  const ok = user?.passwordHash && !user.erasedAt ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user?.passwordHash) await burnPasswordCheck(input.password);
  if (!ok || !user) {
    await limits.logInFailuresPerIp.consume(client.ip);
    await limits.logInFailuresPerAccount.consume(accountKey);
    throw new Invalid({ "": ["errors.wrongCredentials"] });
  }
  await limits.logInFailuresPerAccount.reset(accountKey);
  if (user.status === "unverified") {
    // Only someone who knows the password learns this; they get a fresh link to finish.
    await resendConfirmation(user.id);
    throw new Invalid({ "": ["accounts.errors.notConfirmed"] });
  }
  return { ...(await createSession(user.id)), userId: user.id };
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
  return client.user.create({
    data: {
      handle: await uniqueHandle(input.displayName, client),
      locale: input.locale ?? "nl",
      status: "active",
      displayName: input.displayName,
      email: input.email,
      passwordHash: input.passwordHash,
      role: input.role,
      organisation: input.organisation || null,
      consentAt: new Date(),
    },
    select: { id: true, handle: true },
  });
}

export async function setOwnLocale(guardian: Guardian, locale: "nl" | "en"): Promise<void> {
  guardian.ensureCanManageOwnAccount();
  await db.user.update({ where: { id: memberIdOf(guardian) }, data: { locale } });
}
