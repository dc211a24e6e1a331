import type { FlagReason, FlagStatus, ModeratedPost } from "~/generated/prisma/enums";
import { type Guardian, memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { parseOrInvalid } from "~/platform/validate.server";
import type { ModerationEvent } from "./events";
import { findPost, findPosts, type PostRef, postKey } from "./posts.server";
import { FlagSchema, type FlagInput } from "./schemas";

// Members flag a post for the organisers: one flag per member per post (a second try shows the
// first, unchanged). The flagger sees that it arrived and, later, what was decided; the author
// never learns who flagged (nothing that reaches them names the flagger).

export type OwnFlag = {
  id: number;
  reason: FlagReason;
  note: string | null;
  status: FlagStatus;
  outcome: string | null;
  createdAt: Date;
  decidedAt: Date | null;
};

const ownFlagSelect = { id: true, reason: true, note: true, status: true, outcome: true, createdAt: true, decidedAt: true } as const;

/** The post to flag and the viewer's flag on it, if any (the flag page). */
export async function getFlagPage(guardian: Guardian, kind: ModeratedPost, id: number): Promise<{ post: PostRef; flag: OwnFlag | null; canFlag: boolean }> {
  const post = await findPost(guardian, kind, id);
  const flaggerId = guardian.userId;
  const flag = flaggerId === null ? null : await db.moderationFlag.findUnique({ where: { postKind_postId_flaggerId: { postKind: kind, postId: id, flaggerId } }, select: ownFlagSelect });
  return { post, flag, canFlag: !flag && guardian.canFlagPost(post) };
}

/** Flags the post; `created: false` when the member had flagged it already (the first stays). */
export async function flagPost(guardian: Guardian, kind: ModeratedPost, id: number, input: FlagInput): Promise<{ flag: OwnFlag; created: boolean }> {
  const post = await findPost(guardian, kind, id);
  const flaggerId = memberIdOf(guardian);
  const existing = await db.moderationFlag.findUnique({ where: { postKind_postId_flaggerId: { postKind: kind, postId: id, flaggerId } }, select: ownFlagSelect });
  if (existing) return { flag: existing, created: false };
  guardian.ensureCanFlagPost(post);
  const value = parseOrInvalid(FlagSchema, input);
  return db.$transaction(async (tx) => {
    const [row] = await tx.moderationFlag.createManyAndReturn({
      data: [{ postKind: kind, postId: id, flaggerId, reason: value.reason, note: value.note || null }],
      skipDuplicates: true, // a double click: the first one counts
      select: ownFlagSelect,
    });
    if (!row) {
      const first = await tx.moderationFlag.findUniqueOrThrow({ where: { postKind_postId_flaggerId: { postKind: kind, postId: id, flaggerId } }, select: ownFlagSelect });
      return { flag: first, created: false };
    }
    const event: ModerationEvent = { type: "moderation.flagged", subjectId: id, actorId: flaggerId, payload: { post: kind, reason: value.reason, authorId: post.authorId ?? 0 } };
    await recordEvents(tx, [event]);
    return { flag: row, created: true };
  });
}

export type OwnFlagWithPost = OwnFlag & { post: { kind: ModeratedPost; title: string; href: string } | null };

/** The member's own flags, newest first, with what was decided ("Mijn meldingen"). */
export async function listOwnFlags(guardian: Guardian): Promise<OwnFlagWithPost[]> {
  const flaggerId = memberIdOf(guardian);
  const flags = await db.moderationFlag.findMany({
    where: { flaggerId },
    orderBy: { id: "desc" },
    take: 100,
    select: { ...ownFlagSelect, postKind: true, postId: true },
  });
  const posts = await findPosts(flags.map((f) => ({ kind: f.postKind, id: f.postId })));
  return flags.map(({ postKind, postId, ...flag }) => {
    const post = posts.get(postKey(postKind, postId));
    // A post hidden since shows its title only to those who may still see it.
    const visible = post && (guardian.isStaff || !post.hiddenAt || post.authorId === flaggerId);
    return { ...flag, post: post ? { kind: postKind, title: post.title, href: visible ? post.href : "" } : null };
  });
}
