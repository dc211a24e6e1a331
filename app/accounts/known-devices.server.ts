import { db } from "~/platform/db.server";
import { generateSessionToken, sessionIdFromToken } from "./sessions.server";

// Browsers a member has logged in with (decision 022). The cookie holds a random token, the
// table its SHA-256 only, as with sessions. A known browser is not paused when strangers'
// wrong passwords have paused logging in to the account from unknown ones.

export const KNOWN_DEVICE_DAYS = 365;

/** Is this cookie's token one of this member's browsers? Marks it used if so. */
export async function isKnownDevice(userId: number, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const { count } = await db.knownDevice.updateMany({
    where: { id: sessionIdFromToken(token), userId },
    data: { lastUsedAt: new Date() },
  });
  return count > 0;
}

/** Remembers a new browser of this member: the token for its cookie. */
export async function rememberDevice(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  await db.knownDevice.create({ data: { id: sessionIdFromToken(token), userId } });
  // Browsers not seen for a year are forgotten (one member's rows, on their own login).
  const cutoff = new Date(Date.now() - KNOWN_DEVICE_DAYS * 86_400_000);
  await db.knownDevice.deleteMany({ where: { userId, lastUsedAt: { lt: cutoff } } });
  return { token, expiresAt: new Date(Date.now() + KNOWN_DEVICE_DAYS * 86_400_000) };
}
