// What the attachment fields of the post forms are called and what they take (decision 045).
// Shared by the forms (labels, hints, `accept`) and the server (checks, messages).

/** The file input. One new file per save; a post collects up to `maxPerPost`. */
export const ATTACHMENT_FIELD = "attachment";
/** The image's description: required for a photo (WCAG 1.1.1), unused for a document. */
export const ATTACHMENT_ALT_FIELD = "attachmentAlt";
/** Checkboxes in an edit form: the ids of attachments to remove on save. */
export const ATTACHMENT_REMOVE_FIELD = "removeAttachment";

const MEGABYTE = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  /** The largest file taken: a phone photo or a report's PDF fits well within it. */
  maxBytes: 10 * MEGABYTE,
  maxPerPost: 10,
  /** A photo is kept at most this wide or high: sharp on a laptop screen, ≈ 150–400 kB as WebP. */
  imageMaxSide: 1600,
  imageMaxPixels: 50_000_000,
  imageMinSide: 16,
  altMax: 300,
  fileNameMax: 120,
} as const;

/** What the file input offers in the browser's picker (the server checks the bytes anyway). */
export const ATTACHMENT_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf";

export const MEGABYTES = ATTACHMENT_LIMITS.maxBytes / MEGABYTE;

/** An attachment as a page shows it. */
export type AttachmentView = {
  id: number;
  kind: "image" | "document";
  fileName: string;
  altText: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
};
