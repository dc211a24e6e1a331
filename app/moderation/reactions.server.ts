import type { AccountEvents } from "~/accounts/events";
import type { DilemmaEvents } from "~/dilemmas/events";
import type { ModeratedPost } from "~/generated/prisma/enums";
import type { NotificationKind } from "~/notifications/kinds";
import { dilemmaThread, notify } from "~/notifications/notify.server";
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
//  - the member is told what happened and why, in the forum (a notification under the bell,
//    decision 027) and by mail (in their language; the post itself shows the reason). Never
//    who flagged: both say only what the organiser did.

type Events = DilemmaEvents & ReplyEvents & PrivacyEvents & ModerationEvents & AccountEvents;

async function closeCases(tx: Tx, post: ModeratedPost, postId: number, actorId: number | null, at: Date, outcome: string) {
  await tx.moderationFlag.updateMany({
    where: { postKind: post, postId, status: "open" },
    data: { status: "upheld", outcome, decidedAt: at, decidedById: actorId },
  });
  await tx.privacyReview.updateMany({ where: { postKind: post, postId, reviewedAt: null }, data: { reviewedAt: at, reviewedById: actorId } });
}

const NOTIFICATION_OF: Record<AuthorNews["what"], NotificationKind> = {
  hidden: "post_hidden",
  restored: "post_restored",
  locked: "thread_locked",
  unlocked: "thread_unlocked",
  edited: "post_edited",
  retagged: "post_retagged",
  warned: "member_warned",
  suspended: "member_suspended",
  lifted: "suspension_lifted",
  approved: "post_approved",
  rejected: "post_rejected",
};

/** The mail and the notification row, both in the relay's transaction. */
async function tell(tx: Tx, news: AuthorNews, actorId: number | null, dilemmaId: number | null): Promise<void> {
  if (news.authorId === actorId) return; // staff acting on their own post know it
  await tellAuthor(tx, news);
  await notify(tx, [news.authorId], {
    kind: NOTIFICATION_OF[news.what],
    actorId,
    dilemmaId,
    replyId: news.post === "reply" && dilemmaId ? news.postId : null,
    threadKey: dilemmaId ? dilemmaThread(dilemmaId) : "circle",
  });
}

function told(what: AuthorNews["what"]) {
  return async (tx: Tx, event: RecordedEvent<Events, keyof Events & string>) => {
    const payload = event.payload as { authorId: number; reason?: string | null; dilemmaId?: number };
    const post: ModeratedPost = event.type.startsWith("reply.") ? "reply" : "dilemma";
    const dilemmaId = post === "reply" ? (payload.dilemmaId ?? null) : event.subjectId;
    await tell(tx, { authorId: payload.authorId, post, postId: event.subjectId, what, reason: payload.reason ?? null }, event.actorId, dilemmaId);
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
    await told(event.payload.rejected ? "rejected" : "hidden")(tx, event);
  },
  // A dilemma its asker deleted with nobody else's replies is no more: nothing left to decide.
  "dilemma.deleted": async (tx, event) => {
    if (!event.payload.gone) return;
    await closeCases(tx, "dilemma", event.subjectId, event.actorId, event.occurredAt, "deleted");
    for (const id of event.payload.replyIds) await closeCases(tx, "reply", id, event.actorId, event.occurredAt, "deleted");
  },
  "reply.hidden": async (tx, event) => {
    await closeCases(tx, "reply", event.subjectId, event.actorId, event.occurredAt, "hidden");
    await told(event.payload.rejected ? "rejected" : "hidden")(tx, event);
  },
  // A post that waited for approval (decision 037): its author hears that it is published now.
  "dilemma.approved": told("approved"),
  "reply.approved": told("approved"),
  "moderation.member_warned": async (tx, event) => {
    // The row leads to the member's standing page, which lists the warning with its reason.
    const { post, postId, reason } = event.payload;
    await tell(tx, { authorId: event.subjectId, post, postId, what: "warned", reason }, event.actorId, null);
  },
  "account.suspended": async (tx, event) => {
    const news: AuthorNews = { authorId: event.subjectId, post: null, postId: null, what: "suspended", reason: event.payload.reason, until: new Date(event.payload.until) };
    await tell(tx, news, event.actorId, null);
  },
  "account.suspension_lifted": async (tx, event) => {
    await tell(tx, { authorId: event.subjectId, post: null, postId: null, what: "lifted", reason: event.payload.reason }, event.actorId, null);
  },
  // An organiser changed a member's words or tags (decision 033); the author's own edits, and
  // an import's or the operator's retagging, tell nobody. A retag in the same save as an
  // edit is told with the edit.
  "dilemma.edited": async (tx, event) => {
    if (event.actorId !== null && event.actorId !== event.payload.authorId) await told("edited")(tx, event);
  },
  "reply.edited": async (tx, event) => {
    if (event.actorId !== null && event.actorId !== event.payload.authorId) await told("edited")(tx, event);
  },
  "dilemma.retagged": async (tx, event) => {
    if (event.actorId !== null && event.actorId !== event.payload.authorId && !event.payload.alongEdit) await told("retagged")(tx, event);
  },
  "dilemma.unhidden": told("restored"),
  "reply.unhidden": told("restored"),
  "dilemma.locked": told("locked"),
  "dilemma.unlocked": told("unlocked"),
});
