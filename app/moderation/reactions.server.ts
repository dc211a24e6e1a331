import type { DilemmaEvents } from "~/dilemmas/events";
import type { ModeratedPost } from "~/generated/prisma/enums";
import { afterCommitSubscriber, type RecordedEvent, type Tx } from "~/platform/events/event";
import type { PrivacyEvents } from "~/privacy/events";
import type { ReplyEvents } from "~/replies/events";
import type { ModerationEvents } from "./events";
import { tellAuthor, type AuthorNews } from "./tell-author.server";

// What moderation does after another domain's change (decision 014: after the commit, in the
// relay's transaction, so each happens once):
//  - a post published after the privacy guard's marks joins the organisers' queue;
//  - a post hidden, wherever the organiser did it (the queue or the post's own page), closes
//    its open flags as upheld and its privacy review, so the queue empties itself;
//  - the author is told what happened and why (by mail, in their language; the post itself
//    shows the reason). Never who flagged: the mail says only what the organiser did.
// A notification row (issue 20) would plug in beside tellAuthor.

type Events = DilemmaEvents & ReplyEvents & PrivacyEvents & ModerationEvents;

async function closeCases(tx: Tx, post: ModeratedPost, postId: number, actorId: number | null, at: Date, outcome: string) {
  await tx.moderationFlag.updateMany({
    where: { postKind: post, postId, status: "open" },
    data: { status: "upheld", outcome, decidedAt: at, decidedById: actorId },
  });
  await tx.privacyReview.updateMany({ where: { postKind: post, postId, reviewedAt: null }, data: { reviewedAt: at, reviewedById: actorId } });
}

function told(news: AuthorNews["what"]) {
  return async (tx: Tx, event: RecordedEvent<Events, keyof Events & string>) => {
    const payload = event.payload as { authorId: number; reason?: string | null; dilemmaId?: number };
    if (payload.authorId === event.actorId) return; // staff acting on their own post know it
    const post: ModeratedPost = event.type.startsWith("reply.") ? "reply" : "dilemma";
    await tellAuthor(tx, { authorId: payload.authorId, post, postId: event.subjectId, what: news, reason: payload.reason ?? null });
  };
}

export const moderationReactions = afterCommitSubscriber<Events>("moderation", {
  "privacy.warning_overridden": async (tx, event) => {
    const post = event.payload.post === "meeting" ? "report" : event.payload.post;
    await tx.privacyReview.upsert({
      where: { postKind_postId: { postKind: post, postId: event.subjectId } },
      create: { postKind: post, postId: event.subjectId, kinds: event.payload.kinds, createdAt: event.occurredAt },
      // Published anyway again (an edit): back in the queue with what the guard marked now.
      update: { kinds: event.payload.kinds, reviewedAt: null, reviewedById: null, createdAt: event.occurredAt },
    });
  },
  "dilemma.hidden": async (tx, event) => {
    await closeCases(tx, "dilemma", event.subjectId, event.actorId, event.occurredAt, "hidden");
    await told("hidden")(tx, event);
  },
  "reply.hidden": async (tx, event) => {
    await closeCases(tx, "reply", event.subjectId, event.actorId, event.occurredAt, "hidden");
    await told("hidden")(tx, event);
  },
  "moderation.member_warned": async (tx, event) => {
    const { post, postId, reason } = event.payload;
    await tellAuthor(tx, { authorId: event.subjectId, post, postId, what: "warned", reason });
  },
  "dilemma.unhidden": told("restored"),
  "reply.unhidden": told("restored"),
  "dilemma.locked": told("locked"),
  "dilemma.unlocked": told("unlocked"),
});
