import type { Prisma } from "~/generated/prisma/client";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { ImageRejected, squareThumbnail, type Thumbnail } from "~/platform/images.server";
import { rateLimit } from "~/platform/rate-limit.server";
import {
  deleteUploadRows,
  discardUploadFiles,
  openUpload,
  recordUpload,
  storeUploadBytes,
  type NewUpload,
  type OpenUpload,
} from "~/uploads/uploads.server";
import { PHOTO_FIELD, PHOTO_LIMITS } from "./schemas";

// A member's own photo (docs/decisions/017-uploaded-files.md). The member sets and removes it
// on their profile form; it replaces their initials wherever they appear, for viewers who may
// see members (Guardian.whyNotSeeProfile). What is kept is never the upload itself: a square
// WebP made anew from its pixels, without any metadata.

/** Decoding a photo costs a few hundred milliseconds of CPU: 20 changes an hour is plenty for a person. */
const photoChanges = rateLimit("member-photo", 20, 60 * 60);

const MEGABYTE = 1024 * 1024;

/** Messages beside the photo field, as i18n keys. */
function refused(message: string): Invalid {
  return new Invalid({ [PHOTO_FIELD]: [`directory.photo.errors.${message}`] });
}

export async function setOwnPhoto(guardian: Guardian, bytes: Uint8Array): Promise<void> {
  const member = await ownMember(guardian);
  if (bytes.byteLength === 0) throw refused("missing");
  if (bytes.byteLength > PHOTO_LIMITS.maxBytes) throw refused(`tooLarge?max=${PHOTO_LIMITS.maxBytes / MEGABYTE}`);
  await photoChanges.consume(String(member.id));

  let thumbnail: Thumbnail;
  try {
    thumbnail = await squareThumbnail(bytes, PHOTO_LIMITS);
  } catch (error) {
    if (error instanceof ImageRejected) {
      throw refused(error.problem === "tooSmall" ? `tooSmall?min=${PHOTO_LIMITS.minSide}` : error.problem);
    }
    throw error;
  }
  const upload: NewUpload = {
    bytes: thumbnail.bytes,
    contentType: thumbnail.contentType,
    width: thumbnail.width,
    height: thumbnail.height,
    sha256: thumbnail.sha256,
    uploaderId: member.id,
  };
  const key = await storeUploadBytes("photos", upload);
  let replaced: string[];
  try {
    replaced = await db.$transaction(async (tx) => {
      const previous = await lockPhotoOf(tx, member.id);
      const photoId = await recordUpload(tx, key, upload);
      await tx.user.update({ where: { id: member.id }, data: { photoId } });
      return deleteUploadRows(tx, previous === null ? [] : [previous]);
    });
  } catch (error) {
    await discardUploadFiles([key]);
    throw error;
  }
  await discardUploadFiles(replaced);
}

export async function removeOwnPhoto(guardian: Guardian): Promise<void> {
  const member = await ownMember(guardian);
  const replaced = await db.$transaction(async (tx) => {
    const previous = await lockPhotoOf(tx, member.id);
    if (previous === null) return [];
    await tx.user.update({ where: { id: member.id }, data: { photoId: null } });
    return deleteUploadRows(tx, [previous]);
  });
  await discardUploadFiles(replaced);
}

/**
 * The member's current photo id, with their row locked until the transaction ends: two uploads
 * at once (a double click) then replace one another in turn, and no photo is left behind
 * unlinked.
 */
async function lockPhotoOf(tx: Prisma.TransactionClient, memberId: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ photoId: number | null }[]>`
    SELECT "photoId" FROM "User" WHERE id = ${memberId} FOR UPDATE`;
  return row?.photoId ?? null;
}

async function ownMember(guardian: Guardian) {
  guardian.ensureCanManageOwnAccount();
  const member = await db.user.findUnique({
    where: { id: memberIdOf(guardian) },
    select: { id: true, role: true, erasedAt: true },
  });
  if (!member) throw new NotFound("member");
  // The photo is part of the profile: the member's own, like their name (whyNotEditProfile).
  guardian.ensureCanEditProfile(member);
  return member;
}

export type MemberPhoto =
  | { kind: "photo"; upload: OpenUpload }
  /** The member has another photo now: its id, to send the browser there. */
  | { kind: "replaced"; photoId: number };

/** The member's photo with this id, for a viewer who may see the member; NotFound otherwise. */
export async function readMemberPhoto(guardian: Guardian, handle: string, photoId: number): Promise<MemberPhoto> {
  const member = await db.user.findUnique({
    where: { handle },
    select: { id: true, role: true, erasedAt: true, photoId: true },
  });
  if (!member) throw new NotFound("member");
  guardian.ensureCanSeeProfile(member);
  if (member.photoId === null) throw new NotFound("photo");
  if (member.photoId !== photoId) return { kind: "replaced", photoId: member.photoId };
  const upload = await openUpload(member.photoId);
  if (!upload) throw new NotFound("photo");
  return { kind: "photo", upload };
}
