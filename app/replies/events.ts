import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { DraftOf } from "~/platform/events/event";

// What the reply domain announces (decision 014). Subject: the reply; its dilemma is in every
// payload, and its author where a subscriber would tell them something (hidden, marked as the
// answer, found helpful). Never its text: subscribers read that where they need it.

/** What a new reply's thread is as its writer read it (the search document takes these). */
export type ReplyThreadFacts = {
  title: string;
  status: DilemmaStatus;
  dilemmaAuthorId: number;
  dilemmaHiddenAt: Date | null;
  acceptedReplyId: number | null;
  competenceIds: number[];
};

export type ReplyEvents = {
  /** inHand: what the writer has of the new reply, for subscribers in its own statement (decision 013). */
  "reply.created": {
    /** held: a new member's reply waiting for approval, hidden meanwhile; "reply.approved" is its news (decision 037). */
    payload: { dilemmaId: number; parentId: number | null; authorId: number; imported: boolean; held?: boolean };
    inHand: { bodyHtml: string; createdAt: Date; thread: ReplyThreadFacts };
  };
  /** By its author, or by an organiser with a reason the author reads (decision 033). */
  "reply.edited": { payload: { dilemmaId: number; authorId: number; reason?: string | null; revisionId?: number } };
  /** Its author took it back; wasAnswer: the dilemma is open again. */
  "reply.deleted": { payload: { dilemmaId: number; authorId: number; wasAnswer: boolean } };
  /** rejected: it was held for approval and an organiser turned it down (decision 037). */
  "reply.hidden": { payload: { dilemmaId: number; authorId: number; reason: string; rejected?: boolean } };
  /** An organiser approved a held reply: from now on it is published (decision 037). */
  "reply.approved": { payload: { dilemmaId: number; parentId: number | null; authorId: number } };
  "reply.unhidden": { payload: { dilemmaId: number; authorId: number; reason: string | null } };
  /** It became its dilemma's accepted answer (in place of previousReplyId, if any). */
  "reply.marked_answer": { payload: { dilemmaId: number; authorId: number; previousReplyId: number | null } };
  "reply.unmarked_answer": { payload: { dilemmaId: number; authorId: number } };
  /** The actor found it helpful, or took that back. */
  "reply.marked_helpful": { payload: { dilemmaId: number; authorId: number } };
  "reply.unmarked_helpful": { payload: { dilemmaId: number; authorId: number } };
};

export type ReplyEvent = DraftOf<ReplyEvents>;
