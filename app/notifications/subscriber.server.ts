import type { AccountEvents } from "~/accounts/events";
import type { DilemmaEvents } from "~/dilemmas/events";
import type { MeetingEvents } from "~/meetings/events";
import { afterCommitSubscriber, type Tx } from "~/platform/events/event";
import type { ReplyEvents } from "~/replies/events";
import { mentionedHandles } from "./mentions";
import { dilemmaThread, meetingThread, notify } from "./notify.server";
import { watchByDefault, watchersOf } from "./watches.server";

// Who hears of what (issue 20), after the commit (decision 014): rows written in the relay's
// transaction, so each event notifies exactly once; mail goes as jobs enqueued there too.
// Imported history (`imported`) stays quiet. Hiding or deleting a post withdraws its rows.

type Events = ReplyEvents & DilemmaEvents & MeetingEvents & AccountEvents;

/** Members mentioned by handle in the text; returns their ids. */
async function mentioned(tx: Tx, markdown: string): Promise<number[]> {
  const handles = mentionedHandles(markdown);
  if (!handles.length) return [];
  const users = await tx.user.findMany({ where: { handle: { in: handles } }, select: { id: true } });
  return users.map((u) => u.id);
}

/** Every member who can take part: the circle's meeting news goes to all who did not mute it. */
async function everyone(tx: Tx): Promise<number[]> {
  const rows = await tx.user.findMany({ where: { status: "active", erasedAt: null }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function meetingNews(tx: Tx, kind: string, meetingId: number, actorId: number | null) {
  await notify(tx, await everyone(tx), { kind, actorId, meetingId, threadKey: meetingThread(meetingId) });
}

/** Tells a dilemma's author it was linked to a meeting, once per meeting and dilemma. */
async function dilemmaLinked(tx: Tx, meetingId: number, dilemmaId: number, actorId: number | null) {
  const dilemma = await tx.dilemma.findUnique({ where: { id: dilemmaId }, select: { authorId: true } });
  if (!dilemma) return;
  const told = await tx.notification.count({ where: { userId: dilemma.authorId, kind: "dilemma_linked", meetingId, dilemmaId } });
  if (told) return;
  await notify(tx, [dilemma.authorId], { kind: "dilemma_linked", actorId, dilemmaId, meetingId, threadKey: dilemmaThread(dilemmaId) });
}

/** A new reply's news: to whom it mentions, the asker, the one it answers, the thread's watchers. */
async function newReply(tx: Tx, replyId: number, actorId: number | null, payload: { dilemmaId: number; authorId: number }) {
  const reply = await tx.reply.findUnique({
    where: { id: replyId },
    select: { bodyMd: true, parent: { select: { authorId: true } }, dilemma: { select: { authorId: true } } },
  });
  if (!reply) return; // deleted since
  const threadKey = dilemmaThread(payload.dilemmaId);
  await watchByDefault(tx, payload.authorId, "dilemma", payload.dilemmaId);
  const byName = await notify(tx, await mentioned(tx, reply.bodyMd), {
    kind: "mention",
    actorId,
    dilemmaId: payload.dilemmaId,
    replyId,
    threadKey,
  });
  const told = new Set(byName);
  const watching = await watchersOf(tx, "dilemma", [payload.dilemmaId]);
  const audience = [reply.dilemma.authorId, ...(reply.parent ? [reply.parent.authorId] : []), ...watching];
  await notify(
    tx,
    audience.filter((id) => !told.has(id)),
    { kind: "reply", actorId, dilemmaId: payload.dilemmaId, replyId, threadKey },
  );
}

/** A new dilemma's news: to whom it mentions and the watchers of its competences. */
async function newDilemma(tx: Tx, dilemmaId: number, actorId: number | null, payload: { authorId: number; competenceIds: number[] }) {
  await watchByDefault(tx, payload.authorId, "dilemma", dilemmaId);
  const dilemma = await tx.dilemma.findUnique({ where: { id: dilemmaId }, select: { bodyMd: true, title: true } });
  if (!dilemma) return;
  const threadKey = dilemmaThread(dilemmaId);
  const byName = new Set(await notify(tx, await mentioned(tx, `${dilemma.title}\n${dilemma.bodyMd}`), { kind: "mention", actorId, dilemmaId, threadKey }));
  const watching = await watchersOf(tx, "competence", payload.competenceIds);
  await notify(
    tx,
    watching.filter((id) => !byName.has(id)),
    { kind: "new_dilemma", actorId, dilemmaId, threadKey },
  );
}

/**
 * The author's own word from moderation about the hiding (decisions 027, 037) stays: the
 * moderation subscriber may write it before or after this one withdraws the post's rows.
 */
const TOLD_WHY_HIDDEN = ["post_hidden", "post_rejected"];

// A held post (decision 037) is nobody's news until an organiser approves it: then it is told
// as if it was written at that moment, by its author.
export const notificationsSubscriber = afterCommitSubscriber<Events>("notifications", {
  "reply.created": async (tx, { subjectId, actorId, payload }) => {
    if (payload.imported || payload.held) return;
    await newReply(tx, subjectId, actorId, payload);
  },
  "reply.approved": async (tx, { subjectId, payload }) => {
    await newReply(tx, subjectId, payload.authorId, payload);
  },
  "reply.marked_answer": async (tx, { subjectId: replyId, actorId, payload }) => {
    await notify(tx, [payload.authorId], { kind: "answer", actorId, dilemmaId: payload.dilemmaId, replyId, threadKey: dilemmaThread(payload.dilemmaId) });
  },
  "reply.marked_helpful": async (tx, { subjectId: replyId, actorId, payload }) => {
    await notify(tx, [payload.authorId], { kind: "helpful", actorId, dilemmaId: payload.dilemmaId, replyId, threadKey: dilemmaThread(payload.dilemmaId) });
  },
  // Withdrawn: what nobody may read any more is in no inbox and no mail.
  "reply.hidden": async (tx, { subjectId }) => {
    await tx.notification.deleteMany({ where: { replyId: subjectId, kind: { notIn: TOLD_WHY_HIDDEN } } });
  },
  "reply.deleted": async (tx, { subjectId }) => {
    await tx.notification.deleteMany({ where: { replyId: subjectId } });
  },
  "dilemma.hidden": async (tx, { subjectId }) => {
    await tx.notification.deleteMany({ where: { dilemmaId: subjectId, kind: { notIn: TOLD_WHY_HIDDEN } } });
  },
  // Deleted by its asker (decision 038): what told of its text goes (new dilemma, a mention in
  // it, a meeting link); a tombstone's replies still tell of themselves. Gone: everything of it.
  "dilemma.deleted": async (tx, { subjectId: dilemmaId, payload }) => {
    if (!payload.gone) {
      await tx.notification.deleteMany({ where: { dilemmaId, replyId: null } });
      return;
    }
    await tx.notification.deleteMany({ where: { dilemmaId } });
    await tx.watch.deleteMany({ where: { targetType: "dilemma", targetId: dilemmaId } });
    await tx.dilemmaVisit.deleteMany({ where: { dilemmaId } });
  },
  "dilemma.created": async (tx, { subjectId, actorId, payload }) => {
    if (payload.imported || payload.held) return;
    await newDilemma(tx, subjectId, actorId, payload);
  },
  "dilemma.approved": async (tx, { subjectId, payload }) => {
    const tags = await tx.dilemmaCompetence.findMany({ where: { dilemmaId: subjectId }, select: { competenceId: true } });
    await newDilemma(tx, subjectId, payload.authorId, { authorId: payload.authorId, competenceIds: tags.map((t) => t.competenceId) });
  },
  "meeting.created": async (tx, { subjectId, actorId, payload }) => {
    // Whether its agenda is open the page says; the event is handled later, when it may have changed.
    if (payload.imported || payload.status !== "upcoming") return;
    await meetingNews(tx, "meeting_planned", subjectId, actorId);
  },
  "meeting.agenda_opened": async (tx, { subjectId, actorId }) => meetingNews(tx, "meeting_agenda", subjectId, actorId),
  "meeting.changed": async (tx, { subjectId, actorId }) => meetingNews(tx, "meeting_changed", subjectId, actorId),
  "meeting.deleted": async (tx, { subjectId: meetingId, actorId, payload }) => {
    await tx.notification.deleteMany({ where: { meetingId } });
    if (payload.status !== "upcoming") return; // a report taken back is no news to members
    await notify(tx, await everyone(tx), {
      kind: "meeting_cancelled",
      actorId,
      meetingId,
      threadKey: meetingThread(meetingId),
      label: `${payload.title} (${payload.heldOn})`,
    });
  },
  "report.published": async (tx, { subjectId, actorId, payload }) => {
    if (payload.imported) return;
    await meetingNews(tx, "report_published", subjectId, actorId);
    // Links made while the report was a draft: their authors hear of them now that they can see it.
    const links = await tx.meetingDilemma.findMany({
      where: { meetingId: subjectId, kind: { in: ["raised", "discussed"] } },
      select: { dilemmaId: true },
      distinct: ["dilemmaId"],
    });
    for (const { dilemmaId } of links) await dilemmaLinked(tx, subjectId, dilemmaId, actorId);
  },
  "report.dilemma_linked": async (tx, { subjectId: meetingId, actorId, payload }) => {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
    // A draft's links are told when it is published: a row now would be hidden from its author
    // and its mail settled unsent (the author may not see a draft).
    if (!meeting || meeting.status === "draft") return;
    await dilemmaLinked(tx, meetingId, payload.dilemmaId, actorId);
  },
  // An erased member's inbox, follows, choices and visits go with them (issue 21).
  "account.erased": async (tx, { subjectId: userId }) => {
    await tx.notification.deleteMany({ where: { userId } });
    await tx.watch.deleteMany({ where: { userId } });
    await tx.notificationSettings.deleteMany({ where: { userId } });
    await tx.notificationMailThrottle.deleteMany({ where: { userId } });
    await tx.dilemmaVisit.deleteMany({ where: { userId } });
  },
  "account.join_requested": async (tx, { subjectId: applicantId }) => {
    const staff = await tx.user.findMany({ where: { role: { in: ["organiser", "admin"] } }, select: { id: true } });
    await notify(
      tx,
      staff.map((s) => s.id),
      { kind: "join_request", actorId: applicantId, threadKey: "circle" },
    );
  },
});
