import type { DraftOf } from "~/platform/events/event";

// What the dilemma domain announces (decision 014). Subject: the dilemma. Actor: who did it
// (null: the operator, an import). Payloads carry what a subscriber needs to react without
// asking: moderation reasons before and after (for the audit trail and the asker), the
// competences before and after, whether it came in by an import (notifications stay quiet).

export type DilemmaEvents = {
  /** Asked through the form, raised at a meeting (its "report.dilemma_linked" follows), or imported. */
  "dilemma.created": { payload: { authorId: number; competenceIds: number[]; imported: boolean } };
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
  /** Hidden by staff, or hidden again with another reason (previousReason then says which). */
  "dilemma.hidden": { payload: { authorId: number; reason: string; previousReason: string | null } };
  "dilemma.unhidden": { payload: { authorId: number; reason: string | null } };
};

export type DilemmaEvent = DraftOf<DilemmaEvents>;
