import type { DraftOf } from "~/platform/events/event";

// What the privacy guard's side of a write announces (decision 014's shape). A writer (dilemmas,
// replies, meetings) records it in the transaction of the post it publishes, when the member
// saw the guard's marks and chose to publish anyway ("Toch plaatsen"). Moderation (issue 25)
// puts such posts in its queue; the audit trail keeps the record. Never the text, never the
// marked words: only which kinds of personal data were marked.

export type PrivacyPost = "dilemma" | "reply" | "report" | "meeting";

export type PrivacyEvents = {
  /** Subject: the post's id (of the kind `post` names). dilemmaId: the thread, for a reply. */
  "privacy.warning_overridden": {
    payload: { post: PrivacyPost; dilemmaId: number | null; kinds: string[] };
  };
};

export type PrivacyEvent = DraftOf<PrivacyEvents>;
