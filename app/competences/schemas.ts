import { z } from "zod";

// The competence form's schema, shared by the server and the browser (Conform validates with
// it on both sides). Messages are i18n keys; a field's maximum is looked up in
// competenceFieldMax where the form shows "too long".

export const competenceFieldMax = { name: 60, synonym: 60, synonyms: 20, description: 5000 } as const;

const name = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(competenceFieldMax.name, "errors.tooLong");

/** "coaching, aanmoedigen,, Coaching " → ["coaching", "aanmoedigen"]: trimmed, no empties, no repeats. */
export function splitSynonyms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const word = raw.trim().replace(/\s+/g, " ");
    const key = word.toLocaleLowerCase("nl");
    if (!word || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

// Checked on the list, but reported on the one text field the organiser typed them into
// (an issue on synonyms[3] would have no place on the page).
const synonyms = z
  .string()
  .optional()
  .transform((text) => splitSynonyms(text ?? ""))
  .superRefine((list, ctx) => {
    if (list.length > competenceFieldMax.synonyms) {
      ctx.addIssue({ code: "custom", message: `competences.errors.tooManySynonyms?max=${competenceFieldMax.synonyms}` });
    }
    if (list.some((s) => s.length > competenceFieldMax.synonym)) {
      ctx.addIssue({ code: "custom", message: `competences.errors.synonymTooLong?max=${competenceFieldMax.synonym}` });
    }
  });

export const CompetenceSchema = z.object({
  nameNl: name,
  nameEn: name,
  synonyms,
  descriptionMd: z.string().max(competenceFieldMax.description, "errors.tooLong").optional().default(""),
  // Only on the edit form: a renamed competence keeps its address unless this is ticked.
  updateSlug: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
export type CompetenceInput = z.infer<typeof CompetenceSchema>;
