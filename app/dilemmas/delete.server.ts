import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { findVisibleDilemmaRef, lockVisibleDilemma } from "./dilemmas.server";
import { REVISION_SUBJECT } from "./edit.server";
import type { DilemmaEvent } from "./events";

// The asker takes their dilemma back (issue 22, decision 038), by the rules of a deleted reply:
// its text is gone for everyone, staff included. Others' replies must stay readable, so when
// someone else replied the dilemma stays as a tombstone (title, tags, thread; no text, no
// history, no new replies). When nobody else did, nothing needs it: the dilemma, its history
// and the asker's own replies are deleted, and it disappears from every list. Search,
// notifications, moderation and attachments (its files go, decision 050) react to
// "dilemma.deleted" (subscribers; decision 014).

export type DeletedDilemma = { gone: boolean };

/** Replies by others that anyone may still need: not deleted by their own author. */
async function othersReplied(client: Pick<typeof db, "reply">, dilemmaId: number, askerId: number): Promise<boolean> {
  const found = await client.reply.findFirst({
    where: { dilemmaId, authorId: { not: askerId }, deletedByAuthorAt: null },
    select: { id: true },
  });
  return found !== null;
}

/** What the delete form tells the asker before they confirm: does the dilemma stay as a tombstone? */
export async function deletionKeepsThread(guardian: Guardian, dilemmaId: number): Promise<boolean> {
  const ref = await findVisibleDilemmaRef(guardian, dilemmaId);
  guardian.ensureCanDeleteDilemma(ref);
  return othersReplied(db, dilemmaId, ref.authorId);
}

export async function deleteDilemma(guardian: Guardian, dilemmaId: number): Promise<DeletedDilemma> {
  return db.$transaction(async (tx): Promise<DeletedDilemma> => {
    // The row lock keeps a reply from arriving between the count and the delete.
    const ref = await lockVisibleDilemma(tx, guardian, dilemmaId);
    guardian.ensureCanDeleteDilemma(ref);
    const event = (gone: boolean, replyIds: number[], meetingIds: number[]): DilemmaEvent => ({
      type: "dilemma.deleted",
      subjectId: dilemmaId,
      actorId: guardian.userId,
      payload: { authorId: ref.authorId, gone, replyIds, meetingIds },
    });
    if (await othersReplied(tx, dilemmaId, ref.authorId)) {
      const at = new Date();
      // updatedAt moves, so a reply being written against the old state reads again (013).
      await tx.dilemma.update({ where: { id: dilemmaId }, data: { deletedByAuthorAt: at, updatedAt: at } });
      await recordEvents(tx, [event(false, [], [])]);
      return { gone: false };
    }
    const replies = await tx.reply.findMany({ where: { dilemmaId }, select: { id: true } });
    const replyIds = replies.map((r) => r.id);
    const meetings = await tx.meetingDilemma.findMany({ where: { dilemmaId }, select: { meetingId: true }, distinct: ["meetingId"] });
    // Revisions keep no foreign key (they serve several nouns): deleted by hand.
    await tx.revision.deleteMany({
      where: { OR: [{ subjectType: REVISION_SUBJECT, subjectId: dilemmaId }, { subjectType: "reply", subjectId: { in: replyIds } }] },
    });
    // A reply's parent is RESTRICT: unlink the thread before it goes with its dilemma (cascade).
    await tx.dilemma.update({ where: { id: dilemmaId }, data: { acceptedReplyId: null } });
    await tx.reply.updateMany({ where: { dilemmaId }, data: { parentId: null } });
    await tx.dilemma.delete({ where: { id: dilemmaId } });
    await recordEvents(tx, [event(true, replyIds, meetings.map((m) => m.meetingId))]);
    return { gone: true };
  });
}
