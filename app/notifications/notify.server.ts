import type { Tx } from "~/platform/events/event";
import { groupOf, isAddressed } from "./kinds";
import { scheduleInstantMail } from "./instant-mail.server";
import { deliveriesOf } from "./settings.server";
import { mutedAmong } from "./watches.server";

// The one way a notification is made, for this folder's subscriber and for other domains'
// (moderation tells authors of its decisions through it):
//
//   await notify(tx, [authorId], { kind: "moderation_decision", actorId, replyId, dilemmaId, threadKey: `dilemma:${dilemmaId}` });
//
// In the caller's transaction (the relay's, decision 014), so a notification exists exactly
// once per event. Never the actor themselves, never a member who cannot take part (erased,
// waiting for approval, not confirmed), never one who muted the thread (a mention still
// reaches them: it is addressed to them by name).

export type NotificationDraft = {
  kind: string;
  /** Who did it; never told about their own doing. */
  actorId: number | null;
  dilemmaId?: number | null;
  replyId?: number | null;
  meetingId?: number | null;
  /** Mail batching: at most one mail per member and thread per 10 minutes ("dilemma:12"). */
  threadKey: string;
  /** What it names when its subject is gone (a cancelled meeting's title and date). */
  label?: string | null;
};

export const dilemmaThread = (dilemmaId: number) => `dilemma:${dilemmaId}`;
export const meetingThread = (meetingId: number) => `meeting:${meetingId}`;

/** Notifies these members; returns who got a row. */
export async function notify(tx: Tx, memberIds: Iterable<number>, draft: NotificationDraft): Promise<number[]> {
  const candidates = [...new Set(memberIds)].filter((id) => id !== draft.actorId);
  if (!candidates.length) return [];
  const reachable = await tx.user.findMany({
    where: { id: { in: candidates }, erasedAt: null, status: "active" },
    select: { id: true },
  });
  let recipients = reachable.map((u) => u.id);
  if (!isAddressed(draft.kind)) {
    const muted = draft.dilemmaId
      ? await mutedAmong(tx, "dilemma", draft.dilemmaId, recipients)
      : draft.meetingId
        ? await mutedAmong(tx, "meeting", draft.meetingId, recipients)
        : new Set<number>();
    recipients = recipients.filter((id) => !muted.has(id));
  }
  if (!recipients.length) return [];
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: draft.kind,
      actorId: draft.actorId,
      dilemmaId: draft.dilemmaId ?? null,
      replyId: draft.replyId ?? null,
      meetingId: draft.meetingId ?? null,
      threadKey: draft.threadKey,
      label: draft.label ?? null,
    })),
  });
  const group = groupOf(draft.kind);
  if (group) {
    const deliveries = await deliveriesOf(tx, recipients);
    const atOnce = recipients.filter((id) => deliveries.get(id)![group] === "instant");
    await scheduleInstantMail(tx, atOnce, draft.threadKey);
  }
  return recipients;
}
