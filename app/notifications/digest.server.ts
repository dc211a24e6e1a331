import { composeMail } from "~/accounts/mail/compose.server";
import type { Prisma } from "~/generated/prisma/client";
import { dilemmaPath } from "~/dilemmas/paths";
import { meetingPath } from "~/meetings/paths";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { defineQueue } from "~/platform/jobs.server";
import type { MailBlock } from "~/platform/mail-layout.server";
import { queueMail } from "~/platform/mail.server";
import { groupOf, MAIL_GROUPS } from "./kinds";
import { footerBlocks, unsubscribeHeaders, describe } from "./mail.server";
import { presentNotifications, recipientGuardian } from "./present.server";
import { deliveriesOf } from "./settings.server";

// The daily and weekly digests (issue 20): the notifications a member chose to get "daily" or
// "weekly", and, if they turned the summary on, new dilemmas in their competences (followed,
// or their expertise), dilemmas still without an answer, and the next meeting with its
// agenda. A pg-boss cron job per period walks the members in pages of ids (never all at once)
// and enqueues one job per member; each job builds and queues that member's mail, or nothing
// when there is nothing to say. Hidden dilemmas never appear: a digest shows what the whole
// circle may read, and the notifications pass the member's own Guardian.

export type Period = "daily" | "weekly";
const PERIOD_MS: Record<Period, number> = { daily: 24 * 60 * 60 * 1000, weekly: 7 * 24 * 60 * 60 * 1000 };
const SECTION_MAX = 8;
const MEMBER_PAGE = 1000;

/** `run`: the cron run it belongs to (its start); members of one run share the circle-wide parts. */
type DigestJob = { userId: number; period: Period; run?: string };

export const memberDigest = defineQueue<DigestJob>("notifications.digest", {
  retryLimit: 3,
  retryDelaySeconds: 60,
  batchSize: 50,
  concurrency: 2,
  handler: async ({ userId, period, run }) => {
    await sendDigest(userId, period, new Date(), run);
  },
});

/** Enqueues one digest job per member who can take part and has an address, a page of ids at a time. */
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
    await memberDigest.enqueueMany(members.map((m) => ({ userId: m.id, period, run })));
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
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notifications-digest:${userId}:${period}`}))`;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, handle: true, displayName: true, role: true, locale: true, email: true, status: true, erasedAt: true },
    });
    if (!user?.email || user.erasedAt || user.status !== "active") return false;
    const deliveries = (await deliveriesOf(tx, [userId])).get(userId)!;
    const settings = await tx.notificationSettings.findUnique({ where: { userId }, select: { lastDailyAt: true, lastWeeklyAt: true } });
    const last = period === "daily" ? settings?.lastDailyAt : settings?.lastWeeklyAt;
    // A second run for the same period (a retry, a restart) finds it done.
    if (last && now.getTime() - last.getTime() < PERIOD_MS[period] / 2) return false;
    const since = last ?? new Date(now.getTime() - PERIOD_MS[period]);

    const groups = new Set(MAIL_GROUPS.filter((g) => g !== "digest" && deliveries[g] === period));
    const waiting = groups.size
      ? (
          await tx.notification.findMany({
            where: { userId, mailedAt: null, readAt: null, createdAt: { gt: new Date(now.getTime() - 2 * PERIOD_MS[period]) } },
            orderBy: { id: "desc" },
            take: 200,
          })
        ).filter((r) => {
          const group = groupOf(r.kind);
          return group !== null && groups.has(group);
        })
      : [];
    const notifications = (await presentNotifications(tx, recipientGuardian(user), waiting)).slice(0, 20);

    const withSummary = deliveries.digest === period;
    const competenceIds = withSummary
      ? [
          ...new Set([
            ...(await tx.watch.findMany({ where: { userId, targetType: "competence", level: "watching" }, select: { targetId: true } })).map((w) => w.targetId),
            ...(await tx.userExpertise.findMany({ where: { userId }, select: { competenceId: true } })).map((e) => e.competenceId),
          ]),
        ]
      : [];
    const notifiedDilemmas = new Set(notifications.map((n) => n.href));
    const newDilemmas = competenceIds.length
      ? (
          await tx.dilemma.findMany({
            where: { createdAt: { gt: since }, hiddenAt: null, authorId: { not: userId }, competences: { some: { competenceId: { in: competenceIds } } } },
            select: { id: true, title: true, replyCount: true },
            orderBy: { createdAt: "desc" },
            take: SECTION_MAX,
          })
        ).filter((d) => !notifiedDilemmas.has(dilemmaPath(d)))
      : [];
    const circle = withSummary ? await circleNews(tx, period, now, run) : null;
    const newIds = new Set(newDilemmas.map((d) => d.id));
    const unanswered = (circle?.unanswered ?? []).filter((d) => d.authorId !== userId && !newIds.has(d.id)).slice(0, 5);
    const meeting = circle?.meeting ?? null;

    const settle = async () => {
      if (waiting.length) await tx.notification.updateMany({ where: { id: { in: waiting.map((w) => w.id) } }, data: { mailedAt: now } });
      const stamp = period === "daily" ? { lastDailyAt: now } : { lastWeeklyAt: now };
      await tx.notificationSettings.update({ where: { userId }, data: stamp });
    };
    const { url, headers } = await unsubscribeHeaders(tx, userId, period); // also makes the settings row
    if (!notifications.length && !newDilemmas.length && !unanswered.length && !meeting) {
      await settle();
      return false;
    }
    const mail = composeMail({ name: user.displayName, locale: user.locale }, (t, locale) => {
      const blocks: MailBlock[] = [];
      if (notifications.length) {
        blocks.push({
          links: {
            heading: t("notifications.mail.digest.notifications"),
            items: notifications.map((n) => ({ label: describe(t, n), url: absoluteUrl(n.href), detail: n.excerpt ?? undefined })),
          },
        });
      }
      if (newDilemmas.length) {
        blocks.push({
          links: {
            heading: t("notifications.mail.digest.newDilemmas"),
            items: newDilemmas.map((d) => ({ label: d.title, url: absoluteUrl(dilemmaPath(d)) })),
          },
        });
      }
      if (unanswered.length) {
        blocks.push({
          links: {
            heading: t("notifications.mail.digest.unanswered"),
            items: unanswered.map((d) => ({ label: d.title, url: absoluteUrl(dilemmaPath(d)) })),
          },
        });
      }
      if (meeting) {
        const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "UTC" }).format(meeting.heldOn);
        blocks.push({ paragraph: t("notifications.mail.digest.nextMeeting", { title: meeting.title, date }) });
        blocks.push(
          meeting.dilemmas.length
            ? {
                links: {
                  heading: t("notifications.mail.digest.agenda"),
                  items: meeting.dilemmas.map((i) => ({ label: i.dilemma.title, url: absoluteUrl(dilemmaPath(i.dilemma)) })),
                },
              }
            : { paragraph: t("notifications.mail.digest.noAgenda") },
        );
        blocks.push({ button: { label: t("notifications.mail.open"), url: absoluteUrl(meetingPath(meeting)) } });
      }
      return {
        subject: t(`notifications.mail.digest.${period}Subject`),
        blocks: [...blocks, ...footerBlocks(t, t("notifications.mail.digest.why"), url)],
      };
    });
    await queueMail({ to: user.email, toUserId: user.id, kind: `notifications.${period}`, ...mail, headers }, { tx });
    await settle();
    return true;
  });
}

/**
 * What every member's summary shares: dilemmas still without an answer and the next meeting
 * with its agenda. Within one cron run (`run`) read once a minute, not once per member (10 000
 * members: 30 000 fewer queries; decision 032): a minute old agenda is as good in a morning
 * mail. A digest outside a run (digest:now, tests) reads its own. Enough unanswered ones are
 * kept to leave five after taking out a member's own and those already listed as new.
 */
type CircleNews = { unanswered: { id: number; title: string; authorId: number }[]; meeting: Awaited<ReturnType<typeof readNextMeeting>> };
const CIRCLE_NEWS_MS = 60_000;
let circleNewsCache: { key: string; readAt: number; news: Promise<CircleNews> } | null = null;

function circleNews(tx: Prisma.TransactionClient, period: Period, now: Date, run: string | undefined): Promise<CircleNews> {
  const key = `${period}:${run}`;
  if (run && circleNewsCache?.key === key && Date.now() - circleNewsCache.readAt < CIRCLE_NEWS_MS) return circleNewsCache.news;
  const news = (async (): Promise<CircleNews> => ({
    unanswered: await tx.dilemma.findMany({
      where: {
        status: "open",
        replyCount: 0,
        hiddenAt: null,
        lockedAt: null,
        createdAt: { gt: new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000) },
      },
      select: { id: true, title: true, authorId: true },
      orderBy: { createdAt: "asc" },
      take: 5 + SECTION_MAX + 5,
    }),
    meeting: await readNextMeeting(tx, now),
  }))();
  if (!run) return news;
  circleNewsCache = { key, readAt: Date.now(), news };
  news.catch(() => {
    if (circleNewsCache?.news === news) circleNewsCache = null;
  });
  return news;
}

function readNextMeeting(tx: Prisma.TransactionClient, now: Date) {
  const today = new Date(now.toISOString().slice(0, 10));
  return tx.meeting.findFirst({
    where: { status: "upcoming", heldOn: { gte: today } },
    orderBy: [{ heldOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      heldOn: true,
      place: true,
      dilemmas: {
        where: { kind: "agenda", dilemma: { hiddenAt: null } },
        orderBy: [{ votes: "desc" }, { createdAt: "asc" }],
        take: SECTION_MAX,
        select: { votes: true, dilemma: { select: { id: true, title: true } } },
      },
    },
  });
}
