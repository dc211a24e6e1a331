import type { PrivacyEvent, PrivacyPost } from "./events";
import type { PrivacyKind } from "./kinds";

// What a writer (dilemmas, replies, meetings) records when the member saw the guard's marks
// and published anyway: one event in the post's own transaction, with only the kinds marked
// (never the words). An empty list, or none, records nothing.

/** A writer's option: the kinds the guard marked in what the member chose to publish anyway. */
export type PublishedAnyway = { privacyOverridden?: readonly PrivacyKind[] };

export function publishedAnywayEvents(
  kinds: readonly PrivacyKind[] | undefined,
  post: { post: PrivacyPost; id: number; dilemmaId: number | null },
  actorId: number | null,
): PrivacyEvent[] {
  if (!kinds || kinds.length === 0) return [];
  return [
    {
      type: "privacy.warning_overridden",
      subjectId: post.id,
      actorId,
      payload: { post: post.post, dilemmaId: post.dilemmaId, kinds: [...new Set(kinds)].sort() },
    },
  ];
}

/** "Toch plaatsen" posts the same form to its own address with `?privacy=anyway`. */
export const PUBLISH_ANYWAY_PARAM = "privacy";
export const PUBLISH_ANYWAY_VALUE = "anyway";
