// Where moderation lives. Plain module: routes, components and the browser use it.

export const MODERATION_PATH = "/moderation";
export const AUDIT_LOG_PATH = "/moderation/log";
export const OWN_FLAGS_PATH = "/flags";

/** The page where a member flags a post (and later sees what was decided). */
export function flagPath(post: "dilemma" | "reply" | "report", id: number): string {
  return `/flags/${post}/${id}`;
}

/** A member's own standing: a suspension while it lasts, the warnings they were given (decision 027). */
export const STANDING_PATH = "/standing";

/** The organisers' page for acting on a member (suspend, lift, warn). */
export function memberModerationPath(handle: string): string {
  return `/moderation/members/${encodeURIComponent(handle)}`;
}

/** The organisers' page for one post (decision 033): lock or unlock with a reason, change its tags or words with a reason. */
export function postModerationPath(post: "dilemma" | "reply", id: number): string {
  return `/moderation/posts/${post}/${id}`;
}
