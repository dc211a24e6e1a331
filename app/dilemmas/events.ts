import type { DraftOf } from "~/platform/events/event";

// What the dilemma domain announces (decision 014). Subject: the dilemma. Actor: who did it
// (null: the operator, an import). Payloads carry what a subscriber needs to react without
// asking: moderation reasons before and after (for the audit trail and the asker), the
// competences before and after, whether it came in by an import (notifications stay quiet).

export type DilemmaEvents = {
  /** Asked through the form, raised at a meeting (its "report.dilemma_linked" follows), or imported. */
  /**
   * held: a new member's post waiting for approval (decision 037), hidden meanwhile: nobody
   * hears of it until "dilemma.approved", which subscribers treat as its creation.
   */
  "dilemma.created": { payload: { authorId: number; competenceIds: number[]; imported: boolean; held?: boolean } };
  /** An organiser approved a held dilemma: from now on it is published (decision 037). */
  "dilemma.approved": { payload: { authorId: number } };
  /**
   * Its title or text changed (the words replaced are a Revision): by the asker, or by an
   * organiser with a reason the asker reads (decision 033; revision says who and why).
   */
  "dilemma.edited": { payload: { authorId: number; titleChanged: boolean; bodyChanged: boolean; reason?: string | null; revisionId?: number } };
  /**
   * Its competences changed (by the asker or staff; staff may give a reason). alongEdit: in the
   * same save as an organiser's "dilemma.edited", which tells the asker about both.
   */
  "dilemma.retagged": { payload: { authorId: number; before: number[]; after: number[]; reason?: string | null; alongEdit?: boolean } };
  /** Locked or unlocked by staff, with the reason the asker reads (decision 033; optional). */
  "dilemma.locked": { payload: { authorId: number; reason?: string | null } };
  "dilemma.unlocked": { payload: { authorId: number; reason?: string | null } };
  /**
   * Hidden by staff, or hidden again with another reason (previousReason then says which).
   * rejected: it was held for approval, and the organiser turned it down (decision 037).
   */
  "dilemma.hidden": { payload: { authorId: number; reason: string; previousReason: string | null; rejected?: boolean } };
  "dilemma.unhidden": { payload: { authorId: number; reason: string | null } };
  /**
   * Its asker deleted it (decision 038). gone: nobody else had replied, so the row and its
   * replies (the asker's own) are no more; replyIds and meetingIds say what went with it.
   * Otherwise its text is gone and its title and thread stay, as a tombstone.
   */
  "dilemma.deleted": { payload: { authorId: number; gone: boolean; replyIds: number[]; meetingIds: number[] } };
};

export type DilemmaEvent = DraftOf<DilemmaEvents>;
