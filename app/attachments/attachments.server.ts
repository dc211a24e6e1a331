import type { Prisma } from "~/generated/prisma/client";
import type { AttachmentKind } from "~/generated/prisma/enums";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { dilemmaRefSelect, toDilemmaRef } from "~/dilemmas/dilemmas.server";
import { db } from "~/platform/db.server";
import { cleanPdf, DocumentRejected } from "~/platform/documents.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { ImageRejected, postImage, sniffImageFormat } from "~/platform/images.server";
import { cleanLine } from "~/platform/clean-text";
import { rateLimit } from "~/platform/rate-limit.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import { republishReply } from "~/replies/live.server";
import {
  deleteUploadRows,
  discardUploadFiles,
  openUpload,
  recordUpload,
  storeUploadBytes,
  type NewUpload,
  type OpenUpload,
} from "~/uploads/uploads.server";
import { ATTACHMENT_ALT_FIELD, ATTACHMENT_FIELD, ATTACHMENT_LIMITS, MEGABYTES, type AttachmentView } from "./schemas";

// Photos and documents in posts (issue 22, decision 045): a photo in a dilemma or a reply, a
// PDF with a meeting's report. What is kept is never the upload itself: a photo is decoded and
// written anew (no EXIF, no GPS), a PDF is written anew without its Info dictionary and XMP.
// The file is checked before anything is written, so a refused file leaves the post unsaved
// and the form as it was typed. Files and rows stay in step as decision 017 says: the bytes
// first, then one transaction for the Upload row and the Attachment row, the file removed
// again if that transaction fails.

/** Where the files of attachments are kept in the file store (their uploads' keys start with it). */
const ATTACHMENT_FOLDER = "attachments";

/** Decoding costs CPU and a file costs disk: 30 files an hour is plenty for a person. */
const attachmentBudget = rateLimit("attachments", 30, 60 * 60);

/** A refused file: a message beside the field and the HTTP status that says why. */
export class AttachmentRefused extends Invalid {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415,
    field: string = ATTACHMENT_FIELD,
  ) {
    super({ [field]: [`attachments.errors.${message}`] });
  }
}

export type UploadedFile = { bytes: Uint8Array; name: string };

/** A checked, cleaned file, ready to be attached once its post is saved. */
export type PreparedAttachment = { kind: AttachmentKind; fileName: string; altText: string; upload: NewUpload };

/** The kind of post a file belongs to. */
export type PostRef = { dilemmaId: number } | { replyId: number } | { meetingId: number };

/**
 * Checks and cleans a file sent with a post form; null when none was chosen. Throws
 * AttachmentRefused (too large 413, not a kind we take 415, otherwise 400).
 */
export async function prepareAttachment(guardian: Guardian, file: UploadedFile | null, rawAlt: string): Promise<PreparedAttachment | null> {
  if (!file || file.bytes.byteLength === 0) return null;
  const uploaderId = memberIdOf(guardian);
  if (file.bytes.byteLength > ATTACHMENT_LIMITS.maxBytes) throw new AttachmentRefused(`tooLarge?max=${MEGABYTES}`, 413);
  const fileName = cleanFileName(file.name);
  const altText = cleanLine(rawAlt).slice(0, ATTACHMENT_LIMITS.altMax);

  if (sniffImageFormat(file.bytes)) {
    // Before decoding: a photo without a description is refused without spending the CPU.
    if (!altText) throw new AttachmentRefused("altRequired", 400, ATTACHMENT_ALT_FIELD);
    await attachmentBudget.consume(String(uploaderId));
    try {
      const image = await postImage(file.bytes, {
        maxSide: ATTACHMENT_LIMITS.imageMaxSide,
        maxPixels: ATTACHMENT_LIMITS.imageMaxPixels,
        minSide: ATTACHMENT_LIMITS.imageMinSide,
      });
      return {
        kind: "image",
        fileName: withExtension(fileName, "webp"),
        altText,
        upload: { bytes: image.bytes, contentType: image.contentType, width: image.width, height: image.height, sha256: image.sha256, uploaderId },
      };
    } catch (error) {
      if (error instanceof ImageRejected) throw new AttachmentRefused(`image.${error.problem}`, 400);
      throw error;
    }
  }
  await attachmentBudget.consume(String(uploaderId));
  try {
    const pdf = await cleanPdf(file.bytes);
    return {
      kind: "document",
      fileName: withExtension(fileName, "pdf"),
      altText: "",
      upload: { bytes: pdf.bytes, contentType: pdf.contentType, sha256: pdf.sha256, uploaderId },
    };
  } catch (error) {
    if (error instanceof DocumentRejected) {
      if (error.problem === "unsupportedType") throw new AttachmentRefused("unsupportedType", 415);
      throw new AttachmentRefused(`pdf.${error.problem}`, 400);
    }
    throw error;
  }
}

/** The file's own name, as shown on the download link: no folders, no controls, not too long. */
export function cleanFileName(raw: string): string {
  const base = cleanLine(raw.split(/[\\/]/).pop() ?? "")
    .replace(/[<>:"|?*]/g, "")
    .replace(/^\.+/, "");
  return base.slice(-ATTACHMENT_LIMITS.fileNameMax) || "bestand";
}

/** The name with the extension of what is kept (a photo becomes WebP: "foto.jpg" → "foto.webp"). */
function withExtension(name: string, extension: string): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "bestand";
  return `${stem}.${extension}`;
}

// ── Adding and removing, asked of the Guardian per kind of post ─────────────────────────

/** Adds a prepared file to a dilemma the viewer may change. */
export async function attachToDilemma(guardian: Guardian, dilemmaId: number, file: PreparedAttachment): Promise<number> {
  const dilemma = await dilemmaRef(dilemmaId);
  guardian.ensureCanAttachToDilemma(dilemma);
  return attach({ dilemmaId }, file);
}

export async function attachToReply(guardian: Guardian, replyId: number, file: PreparedAttachment): Promise<number> {
  guardian.ensureCanAttachToReply(await replyRef(replyId));
  return attach({ replyId }, file);
}

export async function attachToReport(guardian: Guardian, meetingId: number, file: PreparedAttachment): Promise<number> {
  guardian.ensureCanAttachToReport(await meetingRef(meetingId));
  return attach({ meetingId }, file);
}

/** Removes these attachments of the post (ids of another post's are ignored). */
export async function removeAttachments(guardian: Guardian, post: PostRef, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  if ("dilemmaId" in post) guardian.ensureCanAttachToDilemma(await dilemmaRef(post.dilemmaId));
  else if ("replyId" in post) guardian.ensureCanAttachToReply(await replyRef(post.replyId));
  else guardian.ensureCanAttachToReport(await meetingRef(post.meetingId));
  const keys = await db.$transaction(async (tx) => {
    const rows = await tx.attachment.findMany({ where: { ...post, id: { in: ids } }, select: { uploadId: true } });
    return deleteUploadRows(
      tx,
      rows.map((r) => r.uploadId),
    );
  });
  await discardUploadFiles(keys);
  return keys.length;
}

/**
 * After a post was deleted (attachments/subscriber.server.ts): the attachments of `post`, and
 * every attachment's upload whose attachment went with its post's row (ON DELETE CASCADE).
 * Rows in a transaction of its own, files after its commit (decision 017's order: never a row
 * whose file is gone); the relay's transaction only moves the subscriber's cursor, so when an
 * event is handed over again, this finds nothing left to do.
 */
export async function removeDetachedFiles(post: PostRef): Promise<number> {
  const keys = await db.$transaction(async (tx) => {
    const rows = await tx.attachment.findMany({ where: post, select: { uploadId: true } });
    const orphans = await tx.$queryRaw<{ id: number }[]>`
      SELECT u.id FROM "Upload" u
      WHERE u.key LIKE ${`${ATTACHMENT_FOLDER}/%`}
        AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."uploadId" = u.id)`;
    return deleteUploadRows(tx, [...rows.map((r) => r.uploadId), ...orphans.map((o) => o.id)]);
  });
  await discardUploadFiles(keys);
  return keys.length;
}

async function attach(post: PostRef, file: PreparedAttachment): Promise<number> {
  const key = await storeUploadBytes(ATTACHMENT_FOLDER, file.upload);
  try {
    return await db.$transaction(async (tx) => {
      // Counted under the post's lock, so two saves at once cannot pass the limit together.
      const followedThread = await lockPost(tx, post);
      const existing = await tx.attachment.findMany({ where: post, select: { id: true, upload: { select: { sha256: true } } } });
      // The same file sent twice (a double click, the back button) is one attachment.
      const same = existing.find((a) => a.upload.sha256 === file.upload.sha256);
      if (same) {
        await discardUploadFiles([key]);
        return same.id;
      }
      if (existing.length >= ATTACHMENT_LIMITS.maxPerPost) {
        throw new AttachmentRefused(`tooMany?max=${ATTACHMENT_LIMITS.maxPerPost}`, 400);
      }
      const uploadId = await recordUpload(tx, key, file.upload);
      const row = await tx.attachment.create({
        data: { ...post, uploadId, kind: file.kind, fileName: file.fileName, altText: file.altText },
        select: { id: true },
      });
      // A new reply's file is attached just after the reply was stored and announced: pages
      // that showed the reply live fetch it again, now with its file.
      if (followedThread !== null && "replyId" in post) await republishReply(tx, followedThread, post.replyId);
      return row.id;
    });
  } catch (error) {
    await discardUploadFiles([key]);
    throw error;
  }
}

/** Locks the post's row; for a reply that everyone who can see its thread may read (not held,
 *  hidden or deleted), returns its dilemma's id: pages following the thread may hear of it. */
async function lockPost(tx: Prisma.TransactionClient, post: PostRef): Promise<number | null> {
  if ("replyId" in post) {
    const [row] = await tx.$queryRaw<{ dilemmaId: number; shown: boolean }[]>`
      SELECT "dilemmaId", ("heldAt" IS NULL AND "hiddenAt" IS NULL AND "deletedByAuthorAt" IS NULL) AS shown
      FROM "Reply" WHERE id = ${post.replyId} FOR UPDATE`;
    return row?.shown ? row.dilemmaId : null;
  }
  if ("dilemmaId" in post) await tx.$queryRaw`SELECT id FROM "Dilemma" WHERE id = ${post.dilemmaId} FOR UPDATE`;
  else await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${post.meetingId} FOR UPDATE`;
  return null;
}

// ── Reading: the lists a page shows, one file for the serving route ─────────────────────

const viewSelect = {
  id: true,
  kind: true,
  fileName: true,
  altText: true,
  dilemmaId: true,
  replyId: true,
  meetingId: true,
  uploadId: true,
  upload: { select: { contentType: true, byteSize: true, width: true, height: true } },
} satisfies Prisma.AttachmentSelect;

type ViewRow = Prisma.AttachmentGetPayload<{ select: typeof viewSelect }>;

const toView = (row: ViewRow): AttachmentView => ({
  id: row.id,
  kind: row.kind,
  fileName: row.fileName,
  altText: row.altText,
  contentType: row.upload.contentType,
  byteSize: row.upload.byteSize,
  width: row.upload.width,
  height: row.upload.height,
});

export type PageAttachments = { dilemma: AttachmentView[]; replies: Record<number, AttachmentView[]> };

/**
 * The attachments of a thread page: the dilemma's (when its text is shown) and those of the
 * replies whose text the viewer may read. The caller passes only what the page shows (the
 * page data applied the Guardian already); nothing else is looked up.
 */
export async function attachmentsForThread(dilemmaId: number | null, replyIds: number[], options: { readLive?: boolean } = {}): Promise<PageAttachments> {
  if (options.readLive) return readAttachmentsForThread(dilemmaId, replyIds);
  // The same for everyone who may read these posts (the caller asked the Guardian which), and
  // asked by every view of a thread page: kept until content changes (decisions 010, 058).
  return sharedThreadAttachments.read(JSON.stringify([dilemmaId, replyIds]), () => readAttachmentsForThread(dilemmaId, replyIds));
}

// Keyed by the posts asked for: most viewers of a page may read the same posts, so share one entry.
const sharedThreadAttachments = new SharedReadCache<PageAttachments>({ maxEntries: 500, maxBytes: 2 * 2 ** 20, name: "a thread page's attachments" });

async function readAttachmentsForThread(dilemmaId: number | null, replyIds: number[]): Promise<PageAttachments> {
  const result: PageAttachments = { dilemma: [], replies: {} };
  if (dilemmaId === null && !replyIds.length) return result;
  // One statement with the uploads joined, where Prisma reads a relation in a second one:
  // every thread page asks (decision 055). A null dilemma matches nothing.
  const rows = await db.$queryRaw<(AttachmentView & { dilemmaId: number | null; replyId: number | null })[]>`
    SELECT a.id, a.kind::text AS kind, a."fileName", a."altText", a."dilemmaId", a."replyId",
      u."contentType", u."byteSize", u.width, u.height
    FROM "Attachment" a JOIN "Upload" u ON u.id = a."uploadId"
    WHERE a."dilemmaId" = ${dilemmaId}::int OR a."replyId" = ANY(${replyIds}::int[])
    ORDER BY a.id`;
  for (const { dilemmaId: onDilemma, replyId, ...view } of rows) {
    if (onDilemma !== null) result.dilemma.push(view);
    else if (replyId !== null) (result.replies[replyId] ??= []).push(view);
  }
  return result;
}

export async function attachmentsOfDilemma(dilemmaId: number): Promise<AttachmentView[]> {
  return (await db.attachment.findMany({ where: { dilemmaId }, select: viewSelect, orderBy: { id: "asc" } })).map(toView);
}

export async function attachmentsOfReply(replyId: number): Promise<AttachmentView[]> {
  return (await db.attachment.findMany({ where: { replyId }, select: viewSelect, orderBy: { id: "asc" } })).map(toView);
}

/** A report's attachments, for a page that shows the report (it checked the Guardian). */
export async function attachmentsOfReport(meetingId: number): Promise<AttachmentView[]> {
  return (await db.attachment.findMany({ where: { meetingId }, select: viewSelect, orderBy: { id: "asc" } })).map(toView);
}

export type ServedAttachment = { view: AttachmentView; upload: OpenUpload };

/** One attachment's bytes, for a viewer who may read its post; NotFound otherwise (nothing leaks). */
export async function readAttachment(guardian: Guardian, id: number): Promise<ServedAttachment> {
  const row = await db.attachment.findUnique({ where: { id }, select: viewSelect });
  if (!row) throw new NotFound("attachment");
  if (row.dilemmaId !== null) guardian.ensureCanSeeDilemmaAttachment(await dilemmaRef(row.dilemmaId));
  else if (row.replyId !== null) guardian.ensureCanSeeReplyAttachment(await replyRef(row.replyId));
  else if (row.meetingId !== null) guardian.ensureCanSeeReportAttachment(await meetingRef(row.meetingId));
  else throw new NotFound("attachment");
  const upload = await openUpload(row.uploadId);
  if (!upload) throw new NotFound("attachment");
  return { view: toView(row), upload };
}

// ── The Guardian's view of each kind of post ────────────────────────────────────────────

async function dilemmaRef(id: number) {
  const row = await db.dilemma.findUnique({ where: { id }, select: dilemmaRefSelect });
  if (!row) throw new NotFound("dilemma");
  return toDilemmaRef(row);
}

async function replyRef(id: number) {
  const row = await db.reply.findUnique({
    where: { id },
    select: { authorId: true, hiddenAt: true, heldAt: true, deletedByAuthorAt: true, dilemma: { select: dilemmaRefSelect } },
  });
  if (!row) throw new NotFound("reply");
  return { ...row, dilemma: toDilemmaRef(row.dilemma) };
}

async function meetingRef(id: number) {
  const row = await db.meeting.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw new NotFound("meeting");
  // Attachments need neither the agenda nor the date: those rules are not asked here.
  return { status: row.status, agendaOpen: false, held: true };
}
