import { avatarColourIndex, initialsOf } from "~/members/avatar";
import { memberPhotoPath } from "~/members/paths";

// A member's picture beside their name: their photo, or their initials on their own colour
// (drawn here, no image request). Always decorative: the name beside it says who it is, so
// screen readers skip it (aria-hidden, or an empty alt). An erased member's is a plain disc:
// nothing of them is left to show.

/** By where it stands: beside a name in a line of text, a thread's reply, a directory card, a profile. */
export type AvatarSize = "inline" | "thread" | "card" | "profile";

/** CSS pixels; the stylesheet's .avatar--<size> has the same. */
export const AVATAR_PIXELS: Record<AvatarSize, number> = { inline: 24, thread: 32, card: 48, profile: 96 };

export type AvatarMember = { handle: string; displayName: string; photoId: number | null } | null;

export function Avatar({ member, size, showPhoto }: { member: AvatarMember; size: AvatarSize; showPhoto: boolean }) {
  return avatarElement(member, size, showPhoto);
}

/**
 * The avatar's element, for AuthorName to place without a component of its own: a thread page
 * has one per reply, and each component costs the server's renderer (decision 012).
 */
export function avatarElement(member: AvatarMember, size: AvatarSize, showPhoto: boolean) {
  if (!member) return <span className={`avatar avatar--${size} avatar--former`} aria-hidden="true" />;
  if (showPhoto && member.photoId !== null) {
    const pixels = AVATAR_PIXELS[size];
    return (
      <img
        className={`avatar avatar--${size} avatar--photo`}
        src={memberPhotoPath({ handle: member.handle, photoId: member.photoId })}
        alt=""
        width={pixels}
        height={pixels}
        loading={size === "profile" ? undefined : "lazy"}
        decoding="async"
      />
    );
  }
  // The initials are drawn by the stylesheet from an attribute, so they are not part of the
  // text: "Gewijzigd door Eva Editor" copies, finds and reads as just that, not "EEEva".
  return (
    <span
      className={`avatar avatar--${size} avatar--c${avatarColourIndex(member.handle)}`}
      data-initials={initialsOf(member.displayName)}
      aria-hidden="true"
    />
  );
}
