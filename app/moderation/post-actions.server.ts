import { editDilemma, getDilemmaForEdit, setDilemmaCompetences, type DilemmaForEdit } from "~/dilemmas/edit.server";
import { lockDilemma, unlockDilemma } from "~/dilemmas/moderation.server";
import type { EditDilemmaInput } from "~/dilemmas/schemas";
import type { Guardian } from "~/guardian/guardian.server";
import { parseOrInvalid } from "~/platform/validate.server";
import { editReply, getReplyForEdit } from "~/replies/replies.server";
import type { EditReplyInput } from "~/replies/schemas";
import { findPost, type PostRef } from "./posts.server";
import { LockSchema } from "./schemas";

// An organiser's changes to one post, each with a reason its author reads (issue 25, decision
// 033): lock or unlock a dilemma, change a dilemma's title, text or competences, change a
// reply's text. Each goes through the dilemma's or reply's own writer (its Guardian rule, its
// revision, its event); the moderation subscriber tells the author and the trail records it.

export type PostModeration = {
  post: PostRef;
  /** The dilemma's words and tags as they are (a dilemma). */
  dilemma: Pick<DilemmaForEdit, "title" | "bodyMd" | "competences" | "choices" | "canReword"> | null;
  /** The reply's text as it is (a reply the organiser may change). */
  replyBody: string | null;
  canLock: boolean;
};

export async function getPostModeration(guardian: Guardian, kind: "dilemma" | "reply", id: number): Promise<PostModeration> {
  guardian.ensureCanModerate();
  const post = await findPost(guardian, kind, id);
  if (kind === "dilemma") {
    const { title, bodyMd, competences, choices, canReword } = await getDilemmaForEdit(guardian, id);
    return { post, dilemma: { title, bodyMd, competences, choices, canReword }, replyBody: null, canLock: true };
  }
  // A reply its author took back is NotFound above; the organiser's own reply they edit as its author.
  const replyBody = guardian.canRewordPost({ authorId: post.authorId ?? 0 }) ? (await getReplyForEdit(guardian, id, { asModerator: true })).bodyMd : null;
  return { post, dilemma: null, replyBody, canLock: false };
}

/** Locks (or unlocks) the dilemma with the reason the asker reads; required here. */
export async function setLockWithReason(guardian: Guardian, dilemmaId: number, lock: boolean, rawReason: string): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(LockSchema, { reason: rawReason });
  await (lock ? lockDilemma : unlockDilemma)(guardian, dilemmaId, reason);
}

/** Changes a member's dilemma (title, text, competences) with a reason; the revision names the organiser. */
export async function rewordDilemma(guardian: Guardian, id: number, input: EditDilemmaInput, reason: string): Promise<void> {
  guardian.ensureCanModerate();
  await editDilemma(guardian, id, input, { moderatorReason: reason });
}

/** Only the competences, with a reason (staff's own dilemma: its words are theirs to edit as the asker). */
export async function retagDilemma(guardian: Guardian, id: number, competences: string[], rawReason: string): Promise<void> {
  guardian.ensureCanModerate();
  const { reason } = parseOrInvalid(LockSchema, { reason: rawReason });
  await setDilemmaCompetences(guardian, id, competences, reason);
}

/** Changes a member's reply with a reason; the revision names the organiser. */
export async function rewordReply(guardian: Guardian, id: number, input: EditReplyInput, reason: string): Promise<void> {
  guardian.ensureCanModerate();
  await editReply(guardian, id, input, { moderatorReason: reason });
}
