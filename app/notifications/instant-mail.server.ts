import type { Tx } from "~/platform/events/event";
import { db } from "~/platform/db.server";
import { defineQueue } from "~/platform/jobs.server";
import { queueMail } from "~/platform/mail.server";
import { groupOf } from "./kinds";
import { notificationMail } from "./mail.server";
import { presentNotifications, recipientGuardian } from "./present.server";
import { deliveriesOf } from "./settings.server";

// Mail "at once", batched: however many replies come in one thread, a member gets at most one
// mail about it per 10 minutes. Every new notification that wants an instant mail enqueues a
// job for its member and thread (in the relay's transaction: it exists only if the
// notification does). The job sends what is waiting, or, when the last mail about that thread
// went less than 10 minutes ago, schedules itself for when it may; a later job finding nothing
// waiting does nothing. Notifications read in the forum meanwhile are not mailed.

export const THREAD_MAIL_INTERVAL_MS = 10 * 60 * 1000;
/** Older waiting notifications are left to the forum (a mail about last week is noise). */
const WAITING_AT_MOST_MS = 2 * 24 * 60 * 60 * 1000;

type Job = { userId: number; threadKey: string };

export async function scheduleInstantMail(tx: Tx, userIds: number[], threadKey: string): Promise<void> {
  if (!userIds.length) return;
  await instantMail.enqueueMany(userIds.map((userId) => ({ userId, threadKey })), { tx });
}

export const instantMail = defineQueue<Job>("notifications.instant", {
  retryLimit: 5,
  retryDelaySeconds: 30,
  batchSize: 20,
  concurrency: 4,
  pollingIntervalSeconds: 1,
  handler: async (job) => {
    await sendWaiting(job);
  },
});

/** Sends the member's waiting notifications of this thread, if they may have a mail now. */
export async function sendWaiting({ userId, threadKey }: Job): Promise<"sent" | "later" | "nothing"> {
  return db.$transaction(async (tx) => {
    // One job per member and thread at a time: two may not both decide to send.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notifications:${userId}:${threadKey}`}))`;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, handle: true, displayName: true, role: true, locale: true, email: true, status: true, erasedAt: true },
    });
    if (!user?.email || user.erasedAt || user.status !== "active") return "nothing";
    const deliveries = (await deliveriesOf(tx, [userId])).get(userId)!;
    const rows = await tx.notification.findMany({
      where: { userId, threadKey, mailedAt: null, readAt: null, createdAt: { gt: new Date(Date.now() - WAITING_AT_MOST_MS) } },
      orderBy: { id: "asc" },
    });
    const wanted = rows.filter((r) => {
      const group = groupOf(r.kind);
      return group !== null && deliveries[group] === "instant";
    });
    if (!wanted.length) return "nothing";
    const last = await tx.notificationMailThrottle.findUnique({ where: { userId_threadKey: { userId, threadKey } } });
    const wait = last ? last.sentAt.getTime() + THREAD_MAIL_INTERVAL_MS - Date.now() : 0;
    if (wait > 0) {
      await instantMail.enqueue({ userId, threadKey }, { tx, startAfterSeconds: Math.ceil(wait / 1000), singletonKey: `${userId}:${threadKey}` });
      return "later";
    }
    const views = await presentNotifications(tx, recipientGuardian(user), wanted);
    const now = new Date();
    // The ones it may not see are settled too: they never go out.
    await tx.notification.updateMany({ where: { id: { in: wanted.map((r) => r.id) } }, data: { mailedAt: now } });
    if (!views.length) return "nothing";
    const mail = await notificationMail(tx, user, views, groupOf(wanted[0]!.kind)!);
    await queueMail({ to: user.email, toUserId: user.id, kind: "notifications.instant", ...mail }, { tx });
    await tx.notificationMailThrottle.upsert({
      where: { userId_threadKey: { userId, threadKey } },
      create: { userId, threadKey, sentAt: now },
      update: { sentAt: now },
    });
    return "sent";
  });
}
