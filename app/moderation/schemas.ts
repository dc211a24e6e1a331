import { z } from "zod";
import { EditDilemmaSchema } from "~/dilemmas/schemas";
import { EditReplySchema } from "~/replies/schemas";
import { MAX_SUSPENSION_DAYS } from "~/accounts/suspension";
import { amsterdamToUtc, parseDateInput } from "~/meetings/dates";
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

const requiredReason = z
  .string({ error: "errors.required" })
  .transform(cleanText)
  .pipe(z.string().min(1, "errors.required").max(MODERATION_LIMITS.reasonMax, `errors.tooLong?max=${MODERATION_LIMITS.reasonMax}`));

/**
 * Suspending a member (decision 027): a reason they read, and the last day of the suspension
 * ("2026-12-20" from a date field, "20-12-2026" where a browser shows plain text). It ends at
 * the start of the next day, Dutch time.
 */
export const SuspendSchema = z.object({
  reason: requiredReason,
  until: z
    .string({ error: "moderation.errors.untilRequired" })
    .transform((value, ctx) => {
      const day = parseDateInput(value);
      if (!day) {
        ctx.addIssue({ code: "custom", message: value.trim() ? "moderation.errors.untilInvalid" : "moderation.errors.untilRequired" });
        return z.NEVER;
      }
      const end = suspensionEnd(day);
      // Checked here too (the domain checks again), so the page names every mistake at once.
      if (end.getTime() <= Date.now()) ctx.addIssue({ code: "custom", message: "moderation.errors.untilPast" });
      else if (end.getTime() > Date.now() + (MAX_SUSPENSION_DAYS + 1) * 86_400_000) {
        ctx.addIssue({ code: "custom", message: `moderation.errors.untilTooFar?max=${MAX_SUSPENSION_DAYS}` });
      }
      return end;
    }),
});

/** Warning a member, from their moderation page: the reason they read. */
export const WarnSchema = z.object({ reason: requiredReason });

/** Lifting a suspension early: an optional word for the member and the trail. */
export const LiftSchema = z.object({ reason: cleaned(MODERATION_LIMITS.reasonMax).optional() });

/** The instant a suspension whose last day is `lastDay` ("2026-12-20") ends: midnight after it, in Amsterdam. */
export function suspensionEnd(lastDay: string): Date {
  const next = new Date(`${lastDay}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return amsterdamToUtc(next.toISOString().slice(0, 10), "00:00");
}

/** An instant on the last day a suspension lasts (the minute before it ends), to show that day. */
export function lastDayOf(until: Date | string): Date {
  return new Date(new Date(until).getTime() - 60_000);
}

/**
 * An organiser's changes to one post (decision 033), each with the reason its author reads:
 * lock or unlock the dilemma, change a dilemma's title, text or competences, or a reply's text.
 */
export const LockSchema = z.object({ reason: requiredReason });
export const RewordDilemmaSchema = EditDilemmaSchema.extend({ reason: requiredReason });
export const RewordReplySchema = EditReplySchema.extend({ reason: requiredReason });
