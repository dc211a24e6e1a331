import { dilemmaPath } from "~/dilemmas/paths";

// Where replies live. A reply's permalink (/replies/:id) never changes; it redirects to the
// page of its dilemma's thread that shows it, with #reply-<id> so the browser scrolls there.
// Plain module: routes, components and the browser use it.

export const replyAnchor = (replyId: number) => `reply-${replyId}`;
export const replyPermalink = (replyId: number) => `/replies/${replyId}`;
export const editReplyPath = (replyId: number) => `/replies/${replyId}/edit`;
export const replyRevisionsPath = (replyId: number) => `/replies/${replyId}/revisions`;

/** A page of a dilemma's thread; page 1 has no parameter, so the dilemma has one address. */
export function threadPagePath(dilemma: { id: number; title: string }, page: number, replyId?: number): string {
  const query = page > 1 ? `?page=${page}` : "";
  const hash = replyId ? `#${replyAnchor(replyId)}` : "";
  return `${dilemmaPath(dilemma)}${query}${hash}`;
}
