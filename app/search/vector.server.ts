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

/** A title's words are indexed twice: as themselves and, at the same positions, as `t:<word>`.
 *  So the GIN index alone finds the posts whose title has a query's words (the "head" of the
 *  ranking, see search.server.ts), phrases included, without reading every match. */
export function titleToken(lexeme: string): string {
  return `t:${lexeme}`;
}

/** How many sample buckets threads are spread over (see sampleToken). */
export const SAMPLE_BUCKETS = 16;

/** Every post carries its thread's sample bucket (`s:0`…`s:15`, a hash of the thread key: the
 *  dilemma's id, or minus the report's meeting id). A search that matches a large part of the
 *  forum counts one bucket and multiplies: a sixteenth of the work for an unbiased estimate,
 *  and whole threads fall in or out together, so thread counts scale. */
export function sampleToken(threadKey: number): string {
  // Fibonacci hashing: the top four bits of the key times 2^32/φ.
  return sampleBucketToken(Math.imul(threadKey, 0x9e3779b1) >>> (32 - Math.log2(SAMPLE_BUCKETS)));
}

export function sampleBucketToken(bucket: number): string {
  return `s:${bucket}`;
}

/**
 * A weak token (a compound part, a misspelling's correction: AnalyzedPosition.weak) is labelled
 * one weight lower than its section's whole words: in a title B (weighs half a title word), in
 * the text D (0.4 of a text word; see ranking.server.ts). Competence tags (B) and the kind and
 * sample tokens (D) are tokens no word produces, so the labels they share say nothing else.
 */
const WEAK_LABEL: Record<Weight, string> = { A: "B", B: "B", C: "", D: "" };

/** The tsvector literal of the sections, in order, each section's positions after the last.
 *  Weight A is the title: its words also go in as titleToken. */
export function documentVector(sections: Section[]): string {
  const byLexeme = new Map<string, string[]>();
  const lastPosition = new Map<string, number>();
  let offset = 0;
  for (const section of sections) {
    const positions: AnalyzedPosition[] =
      "text" in section
        ? analyzeText(section.text)
        : section.tokens.map((t, i) => ({ position: i + 1, word: t, tokens: [t], weak: [], start: 0, end: 0 }));
    const label = section.weight === "D" ? "" : section.weight;
    const weakLabel = WEAK_LABEL[section.weight];
    let last = 0;
    for (const p of positions) {
      const pos = Math.min(offset + p.position, MAX_POSITION);
      last = Math.max(last, p.position);
      const weak = new Set(p.weak);
      const add = (t: string, l: string) => {
        const list = byLexeme.get(t);
        if (!list) byLexeme.set(t, [`${pos}${l}`]);
        else if (list.length < MAX_POSITIONS_PER_LEXEME && lastPosition.get(t) !== pos) list.push(`${pos}${l}`);
        lastPosition.set(t, pos);
      };
      for (const t of p.tokens) {
        const l = weak.has(t) ? weakLabel : label;
        add(t, l);
        if (section.weight === "A") add(titleToken(t), l);
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
