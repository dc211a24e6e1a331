import { z } from "zod";
import { refineLinks } from "~/platform/markdown-links";
import { cleanLine, cleanText } from "~/platform/clean-text";

// The dilemma forms' rules, shared by the browser (Conform validates as you type) and the
// server (the route parses with them, and the domain checks again, so a caller that skips the
// route cannot store a 50 000-character title). Messages are i18n keys, "key?param=value".

export const DILEMMA_LIMITS = {
  titleMin: 5,
  titleMax: 160,
  bodyMax: 20_000,
  competencesMin: 1,
  competencesMax: 5,
  hideReasonMax: 500,
} as const;

// One line, normalised before it is checked (decision 022): no line breaks, controls or
// zero-width characters; a title of only those is empty.
const title = z
  .string({ error: "errors.required" })
  .transform(cleanLine)
  .pipe(
    // Conform reads an empty string as absent: cleaned to nothing is "required" too.
    z
      .string({ error: "errors.required" })
      .min(1, { error: "errors.required", abort: true })
      .min(DILEMMA_LIMITS.titleMin, `dilemmas.errors.titleTooShort?min=${DILEMMA_LIMITS.titleMin}`)
      .max(DILEMMA_LIMITS.titleMax, `errors.tooLong?max=${DILEMMA_LIMITS.titleMax}`),
  );

// Not trimmed: leading spaces are Markdown (an indented code block). Blank is still empty.
const body = z
  .string({ error: "errors.required" })
  .refine((s) => s.trim().length > 0, { error: "errors.required", abort: true })
  .refine((s) => s.length <= DILEMMA_LIMITS.bodyMax, `errors.tooLong?max=${DILEMMA_LIMITS.bodyMax}`)
  .superRefine(refineLinks);

// Checkboxes with one name: Conform hands over a list (one ticked box becomes a list of one).
export const competencesField = z
  .array(z.string().trim().min(1).max(100), { error: "dilemmas.errors.competencesMin" })
  .transform((slugs) => [...new Set(slugs)])
  .refine((slugs) => slugs.length >= DILEMMA_LIMITS.competencesMin, "dilemmas.errors.competencesMin")
  .refine((slugs) => slugs.length <= DILEMMA_LIMITS.competencesMax, "dilemmas.errors.competencesMax");

/** The random id the ask form carries, so a second submission finds the first dilemma. */
const submissionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .optional()
  .catch(undefined); // a mangled hidden field only costs the double-submit protection

export const AskDilemmaSchema = z.object({ title, body, competences: competencesField, submissionId });
export type AskDilemmaInput = z.input<typeof AskDilemmaSchema>;

/** The asker's edit: the text, and the tags too (see the Guardian's Dilemmas section). */
export const EditDilemmaSchema = z.object({ title, body, competences: competencesField });
export type EditDilemmaInput = z.input<typeof EditDilemmaSchema>;

/** Staff who may not reword a dilemma still correct its tags: the form then has only these. */
export const DilemmaTagsSchema = z.object({ competences: competencesField });

/**
 * "Show a preview" and "use the template" submit the half-written form: nothing is checked
 * yet (no red messages for fields the member has not reached), everything typed comes back.
 */
export const DilemmaDraftSchema = z.object({
  title: z.string().max(DILEMMA_LIMITS.titleMax * 4).optional(),
  body: z.string().max(DILEMMA_LIMITS.bodyMax * 2).optional(),
  competences: z.array(z.string().max(100)).max(50).optional(),
  submissionId: z.string().max(64).optional(),
});

export const HideDilemmaSchema = z.object({
  reason: z
    .string({ error: "dilemmas.errors.hideReasonRequired" })
    .trim()
    .min(1, "dilemmas.errors.hideReasonRequired")
    .max(DILEMMA_LIMITS.hideReasonMax, `errors.tooLong?max=${DILEMMA_LIMITS.hideReasonMax}`),
});

/** Which form button was pressed; the default (Enter in the title field) is "publish". */
export const DILEMMA_FORM_INTENTS = ["publish", "preview", "template"] as const;
export type DilemmaFormIntent = (typeof DILEMMA_FORM_INTENTS)[number];
export function dilemmaFormIntent(value: FormDataEntryValue | null): DilemmaFormIntent {
  return DILEMMA_FORM_INTENTS.find((intent) => intent === value) ?? "publish";
}

/**
 * An organiser's reason for changing a member's post (decision 033: lock, unlock, retag,
 * reword); the author reads it. Required where the form asks for it (`moderatorReason`),
 * optional for the dilemma page's one-click lock (`optionalModeratorReason`).
 */
const moderatorReasonText = z
  .string({ error: "errors.required" })
  .transform(cleanText)
  .pipe(z.string().max(DILEMMA_LIMITS.hideReasonMax, `errors.tooLong?max=${DILEMMA_LIMITS.hideReasonMax}`));
export const ModeratorReasonSchema = z.object({ reason: moderatorReasonText.pipe(z.string().min(1, "errors.required")) });
export const OptionalModeratorReasonSchema = z.object({ reason: moderatorReasonText.optional() });
