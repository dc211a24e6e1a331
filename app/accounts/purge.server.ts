import { db } from "~/platform/db.server";
import { defineQueue } from "~/platform/jobs.server";
import { logger } from "~/platform/logger.server";

// Once a day: sign-ups nobody confirmed within a week go (their address and name were never
// proven to be anyone's), and so do links past their expiry. Decision 016.
export const UNCONFIRMED_DAYS = 7;

export const purgeAccounts = defineQueue<object>("accounts.purge", {
  cron: "41 3 * * *",
  retryLimit: 2,
  handler: async () => {
    const before = new Date(Date.now() - UNCONFIRMED_DAYS * 24 * 60 * 60 * 1000);
    const users = await db.user.deleteMany({ where: { status: "unverified", createdAt: { lt: before } } });
    const tokens = await db.accountToken.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    if (users.count || tokens.count) logger.info({ accounts: users.count, links: tokens.count }, "removed unconfirmed sign-ups and expired links");
  },
});
