import { approveDilemma, hideDilemma } from "~/dilemmas/moderation.server";
import type { FlagReason, ModeratedPost } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import type { Tx } from "~/platform/events/event";
import { parseOrInvalid } from "~/platform/validate.server";
import { approveReply, hideReply } from "~/replies/replies.server";
import type { ModerationEvent } from "./events";
import { findPosts, type PostRef, postKey } from "./posts.server";
import { DismissSchema, HideSchema } from "./schemas";

// The organisers' queue (/moderation): every post with open flags or published after the
// privacy guard's marks, one entry per post, the most urgent first: a resident's personal data
// (a "personal data" flag or a privacy warning) before anything else, then the most flagged,
// then the oldest. Flaggers are not named here either: what matters is what, not who.
// New members' first posts that wait for approval (decision 037) are entries too, by the same
// rules (a held post with a privacy warning comes first; otherwise by age among the unflagged).

export type QueueEntry = {
  post: PostRef | null;
  kind: ModeratedPost;
  postId: number;
  flags: { reason: FlagReason; note: string | null; createdAt: Date }[];
  privacy: { kinds: string[]; createdAt: Date } | null;
  /** A resident's personal data may be exposed: first in the queue. */
  privacyUrgent: boolean;
  /** Since when it waits for approval (decision 037); null: it does not. */
  heldAt: Date | null;
  since: Date;
};

const QUEUE_PAGE = 100;

/** How many posts wait in the queue (the header's count for organisers). */
export async function countQueue(guardian: Guardian): Promise<number> {
  if (!guardian.canModerate()) return 0;
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM (
      SELECT "postKind", "postId" FROM "ModerationFlag" WHERE status = 'open'
      UNION SELECT "postKind", "postId" FROM "PrivacyReview" WHERE "reviewedAt" IS NULL
      UNION SELECT 'dilemma'::"ModeratedPost", id FROM "Dilemma" WHERE "heldAt" IS NOT NULL
      UNION SELECT 'reply'::"ModeratedPost", id FROM "Reply" WHERE "heldAt" IS NOT NULL
    ) waiting`;
  return n;
}

export async function listQueue(guardian: Guardian): Promise<QueueEntry[]> {
  guardian.ensureCanModerate();
  const [flags, reviews, heldDilemmas, heldReplies] = await Promise.all([
    db.moderationFlag.findMany({
      where: { status: "open" },
      orderBy: { createdAt: "asc" },
      take: 2000,
      select: { postKind: true, postId: true, reason: true, note: true, createdAt: true },
    }),
    db.privacyReview.findMany({ where: { reviewedAt: null }, orderBy: { createdAt: "asc" }, take: 500 }),
    db.dilemma.findMany({ where: { heldAt: { not: null } }, orderBy: { heldAt: "asc" }, take: 500, select: { id: true, heldAt: true } }),
    db.reply.findMany({ where: { heldAt: { not: null } }, orderBy: { heldAt: "asc" }, take: 500, select: { id: true, heldAt: true } }),
  ]);
  const entries = new Map<string, QueueEntry>();
  const entryOf = (kind: ModeratedPost, postId: number, at: Date) => {
    const key = postKey(kind, postId);
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { post: null, kind, postId, flags: [], privacy: null, privacyUrgent: false, heldAt: null, since: at }));
    if (at < entry.since) entry.since = at;
    return entry;
  };
  for (const f of flags) {
    const entry = entryOf(f.postKind, f.postId, f.createdAt);
    entry.flags.push({ reason: f.reason, note: f.note, createdAt: f.createdAt });
    if (f.reason === "personal_data") entry.privacyUrgent = true;
  }
  for (const r of reviews) {
    const entry = entryOf(r.postKind, r.postId, r.createdAt);
    entry.privacy = { kinds: r.kinds, createdAt: r.createdAt };
    entry.privacyUrgent = true;
  }
  for (const [kind, held] of [["dilemma", heldDilemmas], ["reply", heldReplies]] as const) {
    for (const h of held) entryOf(kind, h.id, h.heldAt!).heldAt = h.heldAt;
  }
  const sorted = [...entries.values()]
    .sort((a, b) => Number(b.privacyUrgent) - Number(a.privacyUrgent) || b.flags.length - a.flags.length || a.since.getTime() - b.since.getTime())
    .slice(0, QUEUE_PAGE);
  const posts = await findPosts(sorted.map((e) => ({ kind: e.kind, id: e.postId })));
  for (const entry of sorted) entry.post = posts.get(postKey(entry.kind, entry.postId)) ?? null;
  return sorted;
}

/**
 * Hides the post with a reason (the author reads it, by mail and on the post) and closes its
 * open flags as upheld. The hiding itself is the dilemma's or reply's own writer, with its
 * Guardian rules and its event; the audit trail records that event.
 */
export async function hideFromQueue(guardian: Guardian, kind: ModeratedPost, postId: number, rawReason: string): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(HideSchema, { reason: rawReason });
  if (kind === "dilemma") await hideDilemma(guardian, postId, reason);
  else if (kind === "reply") await hideReply(guardian, postId, reason);
  else throw new Invalid({ "": ["moderation.errors.cannotHideReport"] });
  await db.$transaction((tx) => closeOpen(tx, kind, postId, guardian.userId, "hidden"));
}

/**
 * Publishes a post that waited for approval (decision 037), through its own writer: the
 * Guardian's rule, its event (the watchers, the search index and its author hear of it then)
 * and the trail. A post no longer waiting (another organiser was first) is NotFound.
 */
export async function approveFromQueue(guardian: Guardian, kind: ModeratedPost, postId: number): Promise<void> {
  guardian.ensureCanModerate();
  if (kind === "dilemma") await approveDilemma(guardian, postId);
  else if (kind === "reply") await approveReply(guardian, postId);
  else throw new NotFound(kind);
}

/**
 * Warns the post's author with a reason (mailed to them by the moderation subscriber), leaving
 * the post up; its open flags count as upheld ("warned"), its privacy warning as looked at.
 */
export async function warnFromQueue(guardian: Guardian, kind: ModeratedPost, postId: number, rawReason: string): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(HideSchema, { reason: rawReason });
  const post = (await findPosts([{ kind, id: postId }])).get(postKey(kind, postId));
  if (!post?.authorId) throw new NotFound(kind);
  const authorId = post.authorId;
  await db.$transaction(async (tx) => {
    await closeOpen(tx, kind, postId, guardian.userId, "warned");
    const event: ModerationEvent = { type: "moderation.member_warned", subjectId: authorId, actorId: guardian.userId, payload: { post: kind, postId, reason } };
    await recordEvents(tx, [event]);
  });
}

/**
 * Leaves the post as it is: its open flags are dismissed (flaggers see "no action needed"),
 * its privacy warning is marked as looked at. One event each, for the trail.
 */
export async function dismissFromQueue(guardian: Guardian, kind: ModeratedPost, postId: number, rawReason?: string): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(DismissSchema, { reason: rawReason ?? "" });
  const post = (await findPosts([{ kind, id: postId }])).get(postKey(kind, postId));
  await db.$transaction(async (tx) => {
    const { flags, kinds } = await closeOpen(tx, kind, postId, guardian.userId, "dismissed");
    if (!flags && !kinds) throw new NotFound("queue entry"); // another organiser was first
    const authorId = post?.authorId ?? 0;
    const events: ModerationEvent[] = [];
    if (flags) events.push({ type: "moderation.flags_dismissed", subjectId: postId, actorId: guardian.userId, payload: { post: kind, authorId, flags, reason: reason || null } });
    if (kinds) events.push({ type: "moderation.privacy_reviewed", subjectId: postId, actorId: guardian.userId, payload: { post: kind, authorId, kinds } });
    await recordEvents(tx, events);
  });
}

/** Closes the post's open flags (upheld or dismissed) and its privacy review, under their row locks. */
async function closeOpen(tx: Tx, kind: ModeratedPost, postId: number, actorId: number | null, outcome: "hidden" | "warned" | "dismissed") {
  const now = new Date();
  const flags = await tx.$executeRaw`
    UPDATE "ModerationFlag" SET status = ${outcome === "dismissed" ? "dismissed" : "upheld"}::"FlagStatus", outcome = ${outcome},
      "decidedAt" = ${now}, "decidedById" = ${actorId}
    WHERE "postKind" = ${kind}::"ModeratedPost" AND "postId" = ${postId} AND status = 'open'`;
  const [review] = await tx.$queryRaw<{ kinds: string[] }[]>`
    UPDATE "PrivacyReview" SET "reviewedAt" = ${now}, "reviewedById" = ${actorId}
    WHERE "postKind" = ${kind}::"ModeratedPost" AND "postId" = ${postId} AND "reviewedAt" IS NULL
    RETURNING kinds`;
  return { flags, kinds: review ? review.kinds : null };
}

