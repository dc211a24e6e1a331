import { analyzeText, tokenize, type AnalyzedPosition } from "./dutch/analysis.server";
import { quoteLexeme } from "./dutch/query";

// One tsvector literal for a document of several weighted sections (title A, competences B,
// text C), built in TypeScript from the Dutch analysis: Postgres only stores and matches it
// (`$1::tsvector`, the 'simple' rules), so any stock server does.
//
// Competences are indexed as reference tokens `c:<id>` (weight B): no word of a text can ever
// produce one (analysis tokens are [a-z0-9]), and a query maps a competence's current names
// and synonyms to it, so renaming a competence or giving it other words needs no re-index.

export type Weight = "A" | "B" | "C" | "D";

export type Section = { weight: Weight; text: string } | { weight: Weight; tokens: string[] };

const MAX_POSITION = 16383; // Postgres MAXENTRYPOS
const MAX_POSITIONS_PER_LEXEME = 256; // Postgres MAXNUMPOS
/** Positions left free between sections, so a "phrase" never runs from a title into the text. */
const SECTION_GAP = 2;

export function competenceToken(competenceId: number): string {
  return `c:${competenceId}`;
}

/** Every document also carries its kind (k:dilemma, k:reply, k:report), so a query can ask the
 *  GIN index for one kind only ("similar dilemmas" looks at dilemmas, not their 270 000 replies). */
export function kindToken(kind: "dilemma" | "reply" | "report"): string {
  return `k:${kind}`;
}

/** The tsvector literal of the sections, in order, each section's positions after the last. */
export function documentVector(sections: Section[]): string {
  const byLexeme = new Map<string, string[]>();
  const lastPosition = new Map<string, number>();
  let offset = 0;
  for (const section of sections) {
    const positions: AnalyzedPosition[] =
      "text" in section
        ? analyzeText(section.text)
        : section.tokens.map((t, i) => ({ position: i + 1, word: t, tokens: [t], start: 0, end: 0 }));
    const label = section.weight === "D" ? "" : section.weight;
    let last = 0;
    for (const p of positions) {
      const pos = Math.min(offset + p.position, MAX_POSITION);
      last = Math.max(last, p.position);
      for (const t of p.tokens) {
        const list = byLexeme.get(t);
        if (!list) byLexeme.set(t, [`${pos}${label}`]);
        else if (list.length < MAX_POSITIONS_PER_LEXEME && lastPosition.get(t) !== pos) list.push(`${pos}${label}`);
        lastPosition.set(t, pos);
      }
    }
    if (last > 0) offset += last + SECTION_GAP;
  }
  return [...byLexeme.keys()]
    .sort()
    .map((t) => `${quoteLexeme(t)}:${byLexeme.get(t)!.join(",")}`)
    .join(" ");
}

const MAX_VOCABULARY_WORD = 30;

/** The distinct words of texts as a search query would type them (folded), for "Bedoelde je". */
export function vocabularyWords(texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const t of tokenize(text)) {
      if (t.word.length >= 3 && t.word.length <= MAX_VOCABULARY_WORD && /^[a-z]+$/.test(t.word)) words.add(t.word);
    }
  }
  return [...words];
}
