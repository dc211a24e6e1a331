import type { FlagReason, ModeratedPost } from "~/generated/prisma/enums";
import type { DraftOf } from "~/platform/events/event";

// What moderation announces (decision 014's shape, decision 025). Subject: the post acted on
// (its kind in `post`). Never who flagged, never a post's text: the reasons are the
// organiser's words, which the author is told anyway.

export type ModerationEvents = {
  /** A member flagged a post (for the organisers' queue; notifications may tell them). */
  "moderation.flagged": { payload: { post: ModeratedPost; reason: FlagReason; authorId: number } };
  /** An organiser looked at a post's open flags and left it as it is. */
  "moderation.flags_dismissed": { payload: { post: ModeratedPost; authorId: number; flags: number; reason: string | null } };
  /**
   * An organiser warned a member (subject: the member), about a post or about how they take
   * part (post and postId null: from the member's moderation page); the reason is told to them.
   */
  "moderation.member_warned": { payload: { post: ModeratedPost | null; postId: number | null; reason: string } };
  /** An organiser looked at a post published after the privacy guard's marks and left it. */
  "moderation.privacy_reviewed": { payload: { post: ModeratedPost; authorId: number; kinds: string[] } };
};

export type ModerationEvent = DraftOf<ModerationEvents>;
