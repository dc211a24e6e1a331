import { db } from "~/platform/db.server";
import { defineQueue } from "~/platform/jobs.server";
import { logger } from "~/platform/logger.server";

// How long the audit trail is kept (decision 025; the privacy statement's processing register
// names it): two years, long enough to answer "who hid my post last year, and why?", short
// enough not to keep organisers' and members' names in it for ever. The only DELETE the
// database's append-only trigger lets through is this one, which says so in its transaction.

export const AUDIT_KEPT_DAYS = 730;

/** Removes entries older than the retention period; returns how many went. */
export async function purgeOldAuditEntries(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - AUDIT_KEPT_DAYS * 24 * 60 * 60 * 1000);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('kenniskring.audit_purge', 'on', true)`;
    return tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "occurredAt" < ${before}`;
  });
}

export const purgeAuditTrail = defineQueue<object>("audit.purge", {
  cron: "41 3 * * *",
  retryLimit: 2,
  handler: async () => {
    const count = await purgeOldAuditEntries();
    if (count) logger.info({ count }, "removed audit entries past their retention");
  },
});
