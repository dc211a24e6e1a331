import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db } from "~/platform/db.server";
import type { MemberStatus, Role } from "~/generated/prisma/client";
import { PRIVACY_STATEMENT_VERSION } from "./consent.server";

// Login sessions as the Lucia guide teaches them (docs/decisions/002-sessions-lucia-guide.md):
// the cookie holds a random token; the database holds only its SHA-256, so a leaked table
// gives no live session. Sliding expiry: a session used in its second half is extended.

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SessionMember = {
  id: number;
  handle: string;
  displayName: string;
  role: Role;
  locale: string;
  /** Waiting for an organiser's approval (decision 016). */
  pending: boolean;
  /** Accepted an older privacy statement than the current one (decision 026). */
  consentNeeded: boolean;
  /** Suspended until then (decision 027); absent when not suspended or the end has passed. */
  suspendedUntil?: Date;
};

export type ValidatedSession = {
  sessionId: string;
  expiresAt: Date;
  /** True when expiresAt moved: the cookie must be sent again with the new date. */
  extended: boolean;
  member: SessionMember;
  /**
   * Whether any notification of theirs is unread: the bell's first question, asked in the
   * same statement (decision 058). When false the bell shows nothing and need not ask again.
   */
  anyUnread: boolean;
};

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
  await db.session.create({ data: { id: sessionIdFromToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function validateSessionToken(token: string): Promise<ValidatedSession | null> {
  // A token is 32 base32 characters; anything else cannot be ours, so skip the query.
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const sessionId = sessionIdFromToken(token);
  // Every request of a signed-in member starts here: one statement, not Prisma's two (the
  // session, then its user).
  // The newest consent's version rides along, and whether the bell has anything to count (an index lookup): a member who accepted an
  // older statement is asked again. Accounts made outside the product (test fixtures, the
  // bench's generator) have no record and are not asked; every product path records one.
  const [row] = await db.$queryRaw<
    (Omit<SessionMember, "pending" | "consentNeeded" | "suspendedUntil"> & {
      expiresAt: Date;
      erasedAt: Date | null;
      status: MemberStatus;
      consentVersion: string | null;
      suspendedUntil: Date | null;
      anyUnread: boolean;
    })[]
  >`
    SELECT s."expiresAt", u.id, u.handle::text AS handle, u."displayName", u.role::text AS role, u.locale, u."erasedAt",
      u.status::text AS status, u."suspendedUntil",
      (SELECT c.version FROM "ConsentRecord" c WHERE c."userId" = u.id ORDER BY c."acceptedAt" DESC, c.id DESC LIMIT 1) AS "consentVersion",
      EXISTS (SELECT 1 FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS "anyUnread"
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}`;
  if (!row) return null;
  const now = Date.now();
  // An unconfirmed account has no sessions (confirming makes the first); never trust one.
  if (now >= row.expiresAt.getTime() || row.erasedAt || row.status === "unverified") {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let expiresAt = row.expiresAt;
  let extended = false;
  if (now >= expiresAt.getTime() - (SESSION_DAYS / 2) * DAY_MS) {
    expiresAt = new Date(now + SESSION_DAYS * DAY_MS);
    await db.session.update({ where: { id: sessionId }, data: { expiresAt } });
    extended = true;
  }
  const member: SessionMember = {
    id: row.id,
    handle: row.handle,
    displayName: row.displayName,
    role: row.role,
    locale: row.locale,
    pending: row.status === "pending",
    consentNeeded: row.consentVersion !== null && row.consentVersion !== PRIVACY_STATEMENT_VERSION,
    // The clock ends a suspension: no job has to lift it (decision 027).
    ...(row.suspendedUntil && row.suspendedUntil.getTime() > now ? { suspendedUntil: row.suspendedUntil } : {}),
  };
  return { sessionId, expiresAt, extended, member, anyUnread: row.anyUnread };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(userId: number, options: { except?: string } = {}): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
  return count;
}

export function countActiveSessions(userId: number): Promise<number> {
  return db.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
