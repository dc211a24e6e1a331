// How a post's author is shown. An erased member's posts stay (threads must still make sense)
// but show "voormalig lid" and link nowhere: `null` here means exactly that.
export type AuthorView = { handle: string; displayName: string; organisation: string | null } | null;

export const authorSelect = {
  select: { handle: true, displayName: true, organisation: true, erasedAt: true },
} as const;

export function toAuthorView(user: {
  handle: string;
  displayName: string;
  organisation: string | null;
  erasedAt: Date | null;
}): AuthorView {
  if (user.erasedAt) return null;
  return { handle: user.handle, displayName: user.displayName, organisation: user.organisation };
}
