import { z } from "zod";

// The synonym-group form's schema, shared by the server and the browser (Conform). Messages
// are i18n keys.

export const synonymFieldMax = { term: 60, terms: 20 } as const;

/** "wijkteam, buurtteam,, Wijkteam" (or one per line) → ["wijkteam", "buurtteam"]. */
export function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n;]/)) {
    const term = raw.trim().replace(/\s+/g, " ");
    const key = term.toLocaleLowerCase("nl");
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

export const SynonymGroupSchema = z.object({
  terms: z
    .string({ error: "errors.required" })
    .transform((text) => splitTerms(text))
    .superRefine((list, ctx) => {
      if (list.length < 2) ctx.addIssue({ code: "custom", message: "search.synonyms.errors.tooFew" });
      if (list.length > synonymFieldMax.terms) {
        ctx.addIssue({ code: "custom", message: `search.synonyms.errors.tooMany?max=${synonymFieldMax.terms}` });
      }
      if (list.some((t) => t.length > synonymFieldMax.term)) {
        ctx.addIssue({ code: "custom", message: `search.synonyms.errors.termTooLong?max=${synonymFieldMax.term}` });
      }
      if (list.some((t) => !/[\p{L}\p{N}]/u.test(t))) {
        ctx.addIssue({ code: "custom", message: "search.synonyms.errors.noLetters" });
      }
    }),
  /** The competence's slug, or empty for a general group. */
  competence: z.string().max(100).optional().default(""),
});
export type SynonymGroupInput = z.input<typeof SynonymGroupSchema>;
