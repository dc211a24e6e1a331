// After an action the page it leads to says what happened (issue 22): the action's redirect
// carries `?notice=<key>` (so the message shows without JavaScript too), the layout reads it.
// Plain module: the routes' actions and the layout use it.

export const STATUS_KEYS = [
  "asked",
  "replied",
  "saved",
  "deleted",
  "helpful",
  "notHelpful",
  "answerMarked",
  "answerUnmarked",
  "hidden",
  "unhidden",
  "locked",
  "unlocked",
  "dilemmaHidden",
  "dilemmaUnhidden",
  "held", // decision 037: a new member's post waits for approval
  "dilemmaDeleted",
  "dilemmaGone",
] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

// Not "done": several pages already say what their own form did with ?done=… (saved, deleted).
const PARAM = "notice";

/** `path` (with or without a query and #fragment) with the message `key` in its query, replacing an earlier one. */
export function withStatus(path: string, key: StatusKey): string {
  const url = new URL(path, "http://x");
  url.searchParams.set(PARAM, key);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The messages that say a post is in (held for approval included): its draft is done. */
const POSTED: readonly StatusKey[] = ["asked", "replied", "saved", "held"];
export const saysPosted = (key: StatusKey | null) => key !== null && POSTED.includes(key);

/** The message a URL's query asks for; null for none or an unknown key. */
export function statusOf(search: string): StatusKey | null {
  const key = new URLSearchParams(search).get(PARAM);
  return STATUS_KEYS.find((k) => k === key) ?? null;
}

/** The same address without the message (the close link). */
export function withoutStatus(pathname: string, search: string, hash = ""): string {
  const params = new URLSearchParams(search);
  params.delete(PARAM);
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}${hash}`;
}
