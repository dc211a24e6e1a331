import type { DraftOf } from "~/platform/events/event";

// What the dilemma domain announces (decision 014). Subject: the dilemma. Actor: who did it
// (null: the operator, an import). Payloads carry what a subscriber needs to react without
// asking: moderation reasons before and after (for the audit trail and the asker), the
// competences before and after, whether it came in by an import (notifications stay quiet).

export type DilemmaEvents = {
  /** Asked through the form, raised at a meeting (its "report.dilemma_linked" follows), or imported. */
  "dilemma.created": { payload: { authorId: number; competenceIds: number[]; imported: boolean } };
  /** The asker changed its title or text (the words replaced are a Revision). */
  "dilemma.edited": { payload: { authorId: number; titleChanged: boolean; bodyChanged: boolean } };
  /** Its competences changed (by the asker or staff). */
  "dilemma.retagged": { payload: { authorId: number; before: number[]; after: number[] } };
  "dilemma.locked": { payload: { authorId: number } };
  "dilemma.unlocked": { payload: { authorId: number } };
  /** Hidden by staff, or hidden again with another reason (previousReason then says which). */
  "dilemma.hidden": { payload: { authorId: number; reason: string; previousReason: string | null } };
  "dilemma.unhidden": { payload: { authorId: number; reason: string | null } };
};

export type DilemmaEvent = DraftOf<DilemmaEvents>;
