import type { Prisma } from "~/generated/prisma/client";

// What a digest shares with the whole circle: dilemmas asked lately (each member's digest
// picks those in their competences), dilemmas still without an answer, the next meeting and
// its agenda. Within one cron run (`run`) read once a minute, not once per batch of members
// (decision 032, 039): a minute-old agenda is as good in a morning mail, and whether a
// dilemma was hidden meanwhile is checked again when a batch is sent (stillVisible).

export type Period = "daily" | "weekly";
export const PERIOD_MS: Record<Period, number> = { daily: 24 * 60 * 60 * 1000, weekly: 7 * 24 * 60 * 60 * 1000 };
/** A digest looks back at most two periods (a member whose last digest is older gets those). */
export const LOOK_BACK_PERIODS = 2;
export const SECTION_MAX = 8;
/**
 * Dilemmas asked within two periods read per run, newest first: each member's "new in your
 * competences" is cut from these. A circle of 20 000 dilemmas asks some tens a day; past this
 * many, the oldest of a busy fortnight are left out of the weekly digest.
 */
const RECENT_MAX = 1_000;

export type RecentDilemma = { id: number; title: string; replyCount: number; authorId: number; createdAt: Date; competenceIds: number[] };
export type CircleNews = {
  recent: RecentDilemma[];
  unanswered: { id: number; title: string; authorId: number }[];
  meeting: Awaited<ReturnType<typeof readNextMeeting>>;
};

const CIRCLE_NEWS_MS = 60_000;
let cache: { key: string; readAt: number; news: Promise<CircleNews> } | null = null;

/** The circle's news for a digest of `period` sent at `now` (shared within a run). */
export function circleNews(tx: Prisma.TransactionClient, period: Period, now: Date, run: string | undefined): Promise<CircleNews> {
  const key = `${period}:${run}`;
  if (run && cache?.key === key && Date.now() - cache.readAt < CIRCLE_NEWS_MS) return cache.news;
  const news = readCircleNews(tx, period, now);
  if (!run) return news;
  cache = { key, readAt: Date.now(), news };
  news.catch(() => {
    if (cache?.news === news) cache = null;
  });
  return news;
}

async function readCircleNews(tx: Prisma.TransactionClient, period: Period, now: Date): Promise<CircleNews> {
  const recent = await tx.dilemma.findMany({
    where: { createdAt: { gt: new Date(now.getTime() - LOOK_BACK_PERIODS * PERIOD_MS[period]) }, hiddenAt: null },
    select: { id: true, title: true, replyCount: true, authorId: true, createdAt: true, competences: { select: { competenceId: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_MAX,
  });
  const unanswered = await tx.dilemma.findMany({
    where: {
      status: "open",
      replyCount: 0,
      hiddenAt: null,
      lockedAt: null,
      createdAt: { gt: new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000) },
    },
    select: { id: true, title: true, authorId: true },
    orderBy: { createdAt: "asc" },
    // Enough to leave five after taking out a member's own and those listed as new.
    take: 5 + SECTION_MAX + 5,
  });
  return {
    recent: recent.map(({ competences, ...d }) => ({ ...d, competenceIds: competences.map((c) => c.competenceId) })),
    unanswered,
    meeting: await readNextMeeting(tx, now),
  };
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

/** Of these dilemmas, the ones not hidden now: a cached read must not carry one hidden since. */
export async function stillVisible(tx: Prisma.TransactionClient, ids: Iterable<number>): Promise<Set<number>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Set();
  const rows = await tx.dilemma.findMany({ where: { id: { in: wanted }, hiddenAt: null }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
