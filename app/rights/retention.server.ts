import { KNOWN_DEVICE_DAYS } from "~/accounts/known-devices.server";
import { UNCONFIRMED_DAYS } from "~/accounts/purge.server";
import { SESSION_DAYS } from "~/accounts/sessions.server";
import { db } from "~/platform/db.server";
import { defineQueue } from "~/platform/jobs.server";
import { logger } from "~/platform/logger.server";

// Keeping personal data no longer than needed (AVG art. 5(1)(e)): once a day a job removes
// what has served its purpose. The days are the ones the privacy statement and the processing
// register name (both read them from here). Unconfirmed sign-ups and expired links have their
// own daily job (accounts.purge, decision 016).
export const RETENTION_DAYS = {
  /** A login session past its expiry: kept a week for "signed out everywhere" questions. */
  expiredSessions: 7,
  /** Rate-limit counters (keyed by IP address or e-mail address) after their window ended. */
  rateLimits: 1,
  /** The mail the site sent (address, text): 90 days, for "did my invitation arrive?". */
  mailLog: 90,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type Purged = { sessions: number; rateLimits: number; mails: number; knownDevices: number };

export async function purgeExpiredPersonalData(now = new Date()): Promise<Purged> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lt: daysAgo(RETENTION_DAYS.expiredSessions) } } });
  // rate-limiter-flexible's `expire` is epoch milliseconds; null means it never expires (unused here).
  const rateLimits = await db.$executeRaw`DELETE FROM rate_limit WHERE expire < ${BigInt(daysAgo(RETENTION_DAYS.rateLimits).getTime())}`;
  // A message still waiting to be sent stays, however old: dropping it would lose mail.
  const mails = await db.mail.deleteMany({ where: { createdAt: { lt: daysAgo(RETENTION_DAYS.mailLog) }, status: { not: "queued" } } });
  // A browser not used for a year is forgotten also when its member never logs in again.
  const devices = await db.knownDevice.deleteMany({ where: { lastUsedAt: { lt: daysAgo(KNOWN_DEVICE_DAYS) } } });
  return { sessions: sessions.count, rateLimits, mails: mails.count, knownDevices: devices.count };
}

export const purgePersonalData = defineQueue<object>("privacy.retention", {
  cron: "23 4 * * *",
  retryLimit: 2,
  handler: async () => {
    const purged = await purgeExpiredPersonalData();
    if (purged.sessions || purged.rateLimits || purged.mails || purged.knownDevices) logger.info(purged, "removed personal data past its retention");
  },
});

/** The days the privacy statement and the register name, from the code that keeps them. */
export function retentionFacts() {
  return {
    sessionDays: SESSION_DAYS,
    expiredSessionDays: RETENTION_DAYS.expiredSessions,
    rateLimitDays: RETENTION_DAYS.rateLimits,
    mailDays: RETENTION_DAYS.mailLog,
    unconfirmedDays: UNCONFIRMED_DAYS,
    knownDeviceDays: KNOWN_DEVICE_DAYS,
  };
}
