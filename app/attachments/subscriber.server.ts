import type { DilemmaEvents } from "~/dilemmas/events";
import type { MeetingEvents } from "~/meetings/events";
import { afterCommitSubscriber } from "~/platform/events/event";
import type { ReplyEvents } from "~/replies/events";
import { removeDetachedFiles } from "./attachments.server";

// Deleted posts take their files along (decisions 045, 050). The domains that delete posts
// know nothing of attachments: they record "dilemma.deleted", "reply.deleted" and
// "meeting.deleted", and this subscriber removes the files after their commit. Until it has,
// nobody is served them: the Guardian shows no file of a deleted post (whyNotSee…Attachment).
//
// - A tombstone (a dilemma or reply whose text went, its row kept): its attachments go.
// - A row that went (a dilemma nobody else answered, with its replies; a meeting): the database
//   removed the attachments with it (ON DELETE CASCADE), leaving their uploads; those go as
//   "uploads no attachment names" (an attachment and its upload are written in one transaction,
//   so no upload of a file being attached is ever seen without its attachment).
//
// Erasing a member needs nothing here: the erasure removes every upload of theirs in its own
// transaction (app/rights/erase.server.ts), and each attachment with its upload.

export const attachmentCleanup = afterCommitSubscriber<DilemmaEvents & ReplyEvents & MeetingEvents>("attachments", {
  "dilemma.deleted": async (_tx, { subjectId }) => {
    await removeDetachedFiles({ dilemmaId: subjectId });
  },
  "reply.deleted": async (_tx, { subjectId }) => {
    await removeDetachedFiles({ replyId: subjectId });
  },
  "meeting.deleted": async (_tx, { subjectId }) => {
    await removeDetachedFiles({ meetingId: subjectId });
  },
});
