// How a post's author is shown. An erased member's posts stay (threads must still make sense)
// but show "voormalig lid" and link nowhere: `null` here means exactly that.
//
// Everything an author's name, link and avatar need comes from the author's own row, read in
// the same query as the post (authorSelect): no query per author, and no image request when
// the member has no photo (their initials are drawn inline, app/members/avatar.ts).
export type AuthorView = {
  handle: string;
  displayName: string;
  organisation: string | null;
  /** The member's photo (an upload id, which changes with every new photo); null: initials. */
  photoId: number | null;
} | null;

export const authorSelect = {
  select: { handle: true, displayName: true, organisation: true, erasedAt: true, photoId: true },
} as const;

export function toAuthorView(user: {
  handle: string;
  displayName: string;
  organisation: string | null;
  erasedAt: Date | null;
  /** Left out where only the name is shown ("in reply to …"). */
  photoId?: number | null;
}): AuthorView {
  if (user.erasedAt) return null;
  return { handle: user.handle, displayName: user.displayName, organisation: user.organisation, photoId: user.photoId ?? null };
}
