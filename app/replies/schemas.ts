import { z } from "zod";
import { refineLinks } from "~/platform/markdown-links";
import { idField } from "~/platform/ids";

// Shared by the server and the browser (Conform validates with the same schema on both sides).
// Messages are i18n keys; the form translates them where it shows them.

export const REPLY_BODY_MAX = 20_000;
export const HIDE_REASON_MAX = 500;

const body = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(REPLY_BODY_MAX, "errors.tooLong")
  .superRefine(refineLinks);

/** A new reply: to the dilemma (no parentId) or to another reply of the same dilemma. */
export const ReplySchema = z.object({
  body,
  // Hidden: the reply answered. Not an id (a hand-made or damaged form): said above the form.
  parentId: idField("replies.form.parentInvalid").optional(),
  // A random id the form carries, so a double submission creates one reply.
  submissionId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
});
export type ReplyInput = z.input<typeof ReplySchema>;

export const EditReplySchema = z.object({ body });
export type EditReplyInput = z.input<typeof EditReplySchema>;

export const HideReasonSchema = z.object({
  reason: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(HIDE_REASON_MAX, "errors.tooLong"),
});

/** Where a message key needs a number (tooLong), the form looks it up here. */
export const replyFieldMaxLength: Record<string, number> = { body: REPLY_BODY_MAX, reason: HIDE_REASON_MAX };
