import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { fileStore, type StoredFile } from "~/platform/file-store.server";
import { logger } from "~/platform/logger.server";

// Files the app keeps (docs/decisions/017-uploaded-files.md): the bytes in the file store, an
// Upload row saying what they are. A file and its row are kept in step in this order:
//   1. the bytes are written under a new random key (nothing points at them yet);
//   2. one transaction records the Upload row and links it (a member's photo; later an
//      attachment) and deletes the rows it replaces;
//   3. after the commit the replaced files go; after a rollback the new file goes.
// A crash between two steps leaves a file no row names: harmless, and a sweep can find it by
// listing keys no row holds. Never the other way round (a row whose file is gone).
// Domains use this for their own files (members/photos.server.ts); it knows no member rules.

export type NewUpload = {
  bytes: Uint8Array;
  contentType: string;
  width?: number;
  height?: number;
  sha256: string;
  uploaderId: number;
};

const EXTENSIONS: Record<string, string> = { "image/webp": "webp", "image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf" };

/** Step 1: the bytes under a fresh key in `folder` ("photos"). Returns the key for step 2. */
export async function storeUploadBytes(folder: string, upload: NewUpload): Promise<string> {
  const id = crypto.randomUUID();
  const extension = EXTENSIONS[upload.contentType] ?? "bin";
  // Two hex digits of fan-out: no directory grows past a few thousand files.
  const key = `${folder}/${id.slice(0, 2)}/${id}.${extension}`;
  await fileStore().put(key, upload.bytes);
  return key;
}

/** Step 2, inside the caller's transaction: the row for bytes stored under `key`. */
export async function recordUpload(tx: Prisma.TransactionClient, key: string, upload: NewUpload): Promise<number> {
  const row = await tx.upload.create({
    data: {
      key,
      contentType: upload.contentType,
      byteSize: upload.bytes.byteLength,
      width: upload.width ?? null,
      height: upload.height ?? null,
      sha256: upload.sha256,
      uploaderId: upload.uploaderId,
    },
    select: { id: true },
  });
  return row.id;
}

/** Step 2, inside the caller's transaction: removes the rows; returns their keys for step 3. */
export async function deleteUploadRows(tx: Prisma.TransactionClient, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx.upload.findMany({ where: { id: { in: ids } }, select: { key: true } });
  await tx.upload.deleteMany({ where: { id: { in: ids } } });
  return rows.map((r) => r.key);
}

/** Step 3: files no row names any more. A failure is logged, never thrown: the write stands. */
export async function discardUploadFiles(keys: string[]): Promise<void> {
  await Promise.all(
    keys.map((key) =>
      fileStore()
        .delete(key)
        .catch((error: unknown) => logger.warn({ err: error, key }, "could not delete an uploaded file; it stays as an orphan")),
    ),
  );
}

export type OpenUpload = { contentType: string; sha256: string; byteSize: number; file: StoredFile };

/** An upload's bytes and what they are; null when the row or its file is gone. */
export async function openUpload(id: number): Promise<OpenUpload | null> {
  const row = await db.upload.findUnique({ where: { id }, select: { key: true, contentType: true, sha256: true, byteSize: true } });
  if (!row) return null;
  const file = await fileStore().get(row.key);
  if (!file) {
    logger.error({ uploadId: id }, "an upload's file is missing from the file store");
    return null;
  }
  return { contentType: row.contentType, sha256: row.sha256, byteSize: file.size, file };
}

/**
 * Every file a member uploaded, rows and bytes: for erasing an account (AVG). Whatever
 * pointed at them (the member's photo) lets go by the foreign keys (ON DELETE SET NULL).
 */
export async function deleteUploadsOf(uploaderId: number): Promise<number> {
  const keys = await db.$transaction(async (tx) => {
    const rows = await tx.upload.findMany({ where: { uploaderId }, select: { id: true } });
    return deleteUploadRows(
      tx,
      rows.map((r) => r.id),
    );
  });
  await discardUploadFiles(keys);
  return keys.length;
}
