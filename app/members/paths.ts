// Where members live. Plain module: routes, components and the browser use it.

export function memberPath(member: { handle: string }): string {
  return `/members/${encodeURIComponent(member.handle)}`;
}

/** The signed-in member's own profile form. */
export const PROFILE_EDIT_PATH = "/account/profile";
