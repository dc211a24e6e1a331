import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { defineQueue } from "~/platform/jobs.server";
import { queueMails, type OutgoingMail } from "~/platform/mail.server";
import { circleNews, LOOK_BACK_PERIODS, PERIOD_MS, SECTION_MAX, stillVisible, type CircleNews, type Period } from "./digest-news.server";
import { digestMail, type DigestContent } from "./digest-mail.server";
import { groupOf, MAIL_GROUPS, type MailGroup } from "./kinds";
import { unsubscribeLink } from "./mail.server";
import { loadSubjects, presentWith, recipientGuardian, type NotificationRow } from "./present.server";
import { deliveriesFrom, lockSettingsRows, signedUnsubscribeToken } from "./settings.server";
import { dilemmaPath } from "~/dilemmas/paths";

// The daily and weekly digests (issue 20): the notifications a member chose to get "daily" or
// "weekly", and, if they turned the summary on, new dilemmas in their competences (followed,
// or their expertise), dilemmas still without an answer, and the next meeting with its
// agenda. A pg-boss cron job per period walks the members in pages of ids (never all at once)
// and enqueues one job per batch of members; each job builds that batch's mails with a fixed
// number of statements, whatever the batch's size (decision 039: one job per member cost ~20
// statements each and a scan of every dilemma, and did not finish 10 000 members in 10
// minutes). Hidden dilemmas never appear: a digest shows what the whole circle may read, and
// the notifications pass each member's own Guardian.

export type { Period } from "./digest-news.server";
const MEMBER_PAGE = 1000;
/** Members per digest job: one transaction, its mails written in one insert. */
export const DIGEST_BATCH = 100;
/** Waiting notifications read per member, newest first (a digest shows 20). */
const WAITING_MAX = 200;

/** `run`: the cron run it belongs to (its start); members of one run share the circle-wide parts.
 *  `userId`: a job of one member, as queued before decision 039. */
type DigestJob = { userIds?: number[]; userId?: number; period: Period; run?: string };

export const memberDigest = defineQueue<DigestJob>("notifications.digest", {
  retryLimit: 3,
  retryDelaySeconds: 60,
  // One batch of members at a time: the forum's pages keep the other core.
  batchSize: 1,
  concurrency: 1,
  handler: async ({ userIds, userId, period, run }) => {
    await sendDigests(userIds ?? (userId ? [userId] : []), period, new Date(), run);
  },
});

/** Enqueues the digest of every member who can take part and has an address, a page of ids at a time. */
export async function enqueueDigests(period: Period): Promise<number> {
  let after = 0;
  let count = 0;
  const run = new Date().toISOString();
  for (;;) {
    const members = await db.user.findMany({
      where: { id: { gt: after }, status: "active", erasedAt: null, email: { not: null } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: MEMBER_PAGE,
    });
    if (!members.length) return count;
    const jobs: DigestJob[] = [];
    for (let i = 0; i < members.length; i += DIGEST_BATCH) {
      jobs.push({ userIds: members.slice(i, i + DIGEST_BATCH).map((m) => m.id), period, run });
    }
    await memberDigest.enqueueMany(jobs);
    count += members.length;
    after = members[members.length - 1]!.id;
  }
}

export const dailyDigests = defineQueue<object>("notifications.digest-daily", {
  cron: "0 6 * * *", // 07:00 in Dutch winter time, 08:00 in summer
  retryLimit: 2,
  handler: async () => {
    await enqueueDigests("daily");
  },
});

export const weeklyDigests = defineQueue<object>("notifications.digest-weekly", {
  cron: "0 6 * * 1", // Monday morning
  retryLimit: 2,
  handler: async () => {
    await enqueueDigests("weekly");
  },
});

/** Builds and queues one member's digest; false when there was nothing to say (or no one to say it to). */
export async function sendDigest(userId: number, period: Period, now = new Date(), run?: string): Promise<boolean> {
  return (await sendDigests([userId], period, now, run)) > 0;
}

type Tx = Prisma.TransactionClient;
type Member = { id: number; handle: string; displayName: string; role: "member" | "organiser" | "admin"; locale: string; email: string | null };

/**
 * Builds and queues the digests of these members in one transaction; the number of mails.
 * Members who left, have no address or had this period's digest already get nothing; the
 * others' settings rows stay locked until it commits, so a retry or a second run waits and
 * then finds them done.
 */
export async function sendDigests(userIds: number[], period: Period, now = new Date(), run?: string): Promise<number> {
  if (!userIds.length) return 0;
  return db.$transaction(async (tx) => {
    const users: Member[] = await tx.user.findMany({
      where: { id: { in: userIds }, status: "active", erasedAt: null, email: { not: null } },
      select: { id: true, handle: true, displayName: true, role: true, locale: true, email: true },
      orderBy: { id: "asc" },
    });
    const settings = new Map((await lockSettingsRows(tx, users.map((u) => u.id))).map((s) => [s.userId, s]));
    const plans = users.flatMap((user) => {
      const row = settings.get(user.id)!;
      const last = period === "daily" ? row.lastDailyAt : row.lastWeeklyAt;
      // A second run for the same period (a retry, a restart) finds it done.
      if (last && now.getTime() - last.getTime() < PERIOD_MS[period] / 2) return [];
      const oldest = now.getTime() - LOOK_BACK_PERIODS * PERIOD_MS[period];
      const since = Math.max(last?.getTime() ?? now.getTime() - PERIOD_MS[period], oldest);
      const deliveries = deliveriesFrom(row);
      const groups = new Set<MailGroup>(MAIL_GROUPS.filter((g) => g !== "digest" && deliveries[g] === period));
      return [{ user, since, groups, withSummary: deliveries.digest === period, mailKey: row.mailKey }];
    });
    if (!plans.length) return 0;

    const waiting = await waitingRows(
      tx,
      plans.filter((p) => p.groups.size).map((p) => p.user.id),
      new Date(now.getTime() - LOOK_BACK_PERIODS * PERIOD_MS[period]),
    );
    const planOf = new Map(plans.map((p) => [p.user.id, p]));
    const waitingOf = new Map(plans.map((p) => [p.user.id, [] as NotificationRow[]]));
    for (const row of waiting) {
      const group = groupOf(row.kind);
      if (group && planOf.get(row.userId)?.groups.has(group)) waitingOf.get(row.userId)!.push(row);
    }
    const subjects = await loadSubjects(tx, [...waitingOf.values()].flat());
    const summaryIds = plans.filter((p) => p.withSummary).map((p) => p.user.id);
    const competencesOf = await competencesOfMembers(tx, summaryIds);
    const news = summaryIds.length ? await circleNews(tx, period, now, run) : null;

    const contents = plans.map((plan) => {
      const notifications = presentWith(subjects, recipientGuardian(plan.user), waitingOf.get(plan.user.id)!).slice(0, 20);
      return { plan, content: plan.withSummary && news ? summaryOf(plan, news, competencesOf, notifications) : { notifications, newDilemmas: [], unanswered: [], meeting: null } };
    });
    // The circle's parts may be a minute old: anything hidden since is left out now.
    const visible = await stillVisible(
      tx,
      contents.flatMap(({ content: c }) => [...c.newDilemmas, ...c.unanswered, ...(c.meeting?.dilemmas.map((i) => i.dilemma) ?? [])].map((d) => d.id)),
    );
    const mails: OutgoingMail[] = [];
    for (const { plan, content } of contents) {
      const shown: DigestContent = {
        ...content,
        newDilemmas: content.newDilemmas.filter((d) => visible.has(d.id)),
        unanswered: content.unanswered.filter((d) => visible.has(d.id)),
        meeting: content.meeting && { ...content.meeting, dilemmas: content.meeting.dilemmas.filter((i) => visible.has(i.dilemma.id)) },
      };
      if (!shown.notifications.length && !shown.newDilemmas.length && !shown.unanswered.length && !shown.meeting) continue;
      const { url, headers } = unsubscribeLink(signedUnsubscribeToken(plan.mailKey, plan.user.id, period));
      mails.push({ to: plan.user.email!, toUserId: plan.user.id, kind: `notifications.${period}`, ...digestMail(plan.user, period, shown, url), headers });
    }
    await queueMails(mails, { tx });
    const mailed = [...waitingOf.values()].flat().map((r) => r.id);
    if (mailed.length) await tx.notification.updateMany({ where: { id: { in: mailed } }, data: { mailedAt: now } });
    await tx.notificationSettings.updateMany({
      where: { userId: { in: plans.map((p) => p.user.id) } },
      data: period === "daily" ? { lastDailyAt: now } : { lastWeeklyAt: now },
    });
    return mails.length;
  });
}

/** Up to WAITING_MAX unread, unmailed notifications of each member, newest first: one statement. */
function waitingRows(tx: Tx, userIds: number[], after: Date): Promise<NotificationRow[]> {
  if (!userIds.length) return Promise.resolve([]);
  return tx.$queryRaw<NotificationRow[]>`
    SELECT n.id, n."userId", n.kind, n."actorId", n."dilemmaId", n."replyId", n."meetingId", n."threadKey", n.label, n."createdAt", n."readAt"
    FROM unnest(${userIds}::int[]) AS m(id)
    CROSS JOIN LATERAL (
      SELECT * FROM "Notification" x
      WHERE x."userId" = m.id AND x."mailedAt" IS NULL AND x."readAt" IS NULL AND x."createdAt" > ${after}
      ORDER BY x.id DESC LIMIT ${WAITING_MAX}
    ) n
    ORDER BY n."userId", n.id DESC`;
}

/** The competences each member follows or gave as their expertise: two statements for all. */
async function competencesOfMembers(tx: Tx, userIds: number[]): Promise<Map<number, Set<number>>> {
  const of = new Map(userIds.map((id) => [id, new Set<number>()]));
  if (!userIds.length) return of;
  const [watches, expertise] = await Promise.all([
    tx.watch.findMany({ where: { userId: { in: userIds }, targetType: "competence", level: "watching" }, select: { userId: true, targetId: true } }),
    tx.userExpertise.findMany({ where: { userId: { in: userIds } }, select: { userId: true, competenceId: true } }),
  ]);
  for (const w of watches) of.get(w.userId)?.add(w.targetId);
  for (const e of expertise) of.get(e.userId)?.add(e.competenceId);
  return of;
}

/** One member's summary, cut from the circle's news: new in their competences, unanswered, the next meeting. */
function summaryOf(
  plan: { user: Member; since: number },
  news: CircleNews,
  competencesOf: Map<number, Set<number>>,
  notifications: DigestContent["notifications"],
): DigestContent {
  const mine = competencesOf.get(plan.user.id) ?? new Set<number>();
  const notified = new Set(notifications.map((n) => n.href));
  const newDilemmas = mine.size
    ? news.recent
        .filter((d) => d.createdAt.getTime() > plan.since && d.authorId !== plan.user.id && d.competenceIds.some((c) => mine.has(c)))
        .filter((d) => !notified.has(dilemmaPath(d)))
        .slice(0, SECTION_MAX)
    : [];
  const newIds = new Set(newDilemmas.map((d) => d.id));
  const unanswered = news.unanswered.filter((d) => d.authorId !== plan.user.id && !newIds.has(d.id)).slice(0, 5);
  return { notifications, newDilemmas, unanswered, meeting: news.meeting };
}
