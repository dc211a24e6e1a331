// Where members live. Plain module: routes, components and the browser use it.

export function memberPath(member: { handle: string }): string {
  return `/members/${encodeURIComponent(member.handle)}`;
}

/** The member directory. */
export const MEMBERS_PATH = "/members";

/**
 * A member's photo. The upload id is part of the address, so a new photo has a new address and
 * the browser may keep each one for a year (an old address answers with a redirect).
 */
export function memberPhotoPath(member: { handle: string; photoId: number }): string {
  return `${memberPath(member)}/photo/${member.photoId}`;
}

/** The signed-in member's own profile form. */
export const PROFILE_EDIT_PATH = "/account/profile";
