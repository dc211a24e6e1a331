import { z } from "zod";
import { cleanText } from "~/platform/clean-text";

// The moderation forms' rules, for the browser (Conform) and the server (the domain parses
// again). Text is cleaned first (NFC, no control or invisible characters), then checked.
// Messages are i18n keys.

export const FLAG_REASONS = ["personal_data", "unkind", "off_topic", "spam", "other"] as const;
export const MODERATION_LIMITS = { noteMax: 1000, reasonMax: 500 } as const;

const cleaned = (max: number) =>
  z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(max, `errors.tooLong?max=${max}`));

export const FlagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, { error: "moderation.errors.reasonRequired" }),
    note: cleaned(MODERATION_LIMITS.noteMax).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "moderation.errors.noteRequired" });
    }
  });
export type FlagInput = z.input<typeof FlagSchema>;

/** Hiding a post from the queue: the author reads this reason. */
export const HideSchema = z.object({
  reason: z
    .string({ error: "errors.required" })
    .transform(cleanText)
    .pipe(z.string().min(1, "errors.required").max(MODERATION_LIMITS.reasonMax, `errors.tooLong?max=${MODERATION_LIMITS.reasonMax}`)),
});

/** Dismissing flags: an optional note for the trail (the author is not told; nothing happened to them). */
export const DismissSchema = z.object({ reason: cleaned(MODERATION_LIMITS.reasonMax).optional() });
