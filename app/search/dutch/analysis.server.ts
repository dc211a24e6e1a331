// Public API of the Dutch search analysis (see docs/decisions/005-dutch-search.md).
//
// Index time:  toTsVector(title, "A") || toTsVector(body, "C")  → a tsvector literal, cast with
//              $1::tsvector in SQL (positions and weights kept, so phrases work).
// Query time:  toTsQuery(analyzeQuery(q))                       → for to_tsquery('simple', $1).
// Both go through the same word analysis, so they agree without any Postgres dictionary.
import { type AnalyzedPosition, DutchAnalyzer, type WordAnalysis } from "./analyzer";
import { registerMemoryOwner } from "~/platform/memory-owners.server";
import { dutchLexicon, dutchLexiconStats, type LexiconStats } from "./lexicon.server";
import { analyzeQueryWith, type ParsedQuery, quoteLexeme, type QueryOptions } from "./query";

export type { AnalyzedPosition, WordAnalysis } from "./analyzer";
export type { Alternative, ParsedQuery, QueryOptions, QueryTerm, TsQueryOptions } from "./query";
export { toTsQuery } from "./query";
export { THESAURUS } from "./thesaurus";
export {
  createVocabulary,
  editDistance,
  suggestCorrection,
  vocabularyFromTexts,
  type Suggestion,
  type Vocabulary,
} from "./suggest";
export { stemDutch } from "./snowball-dutch";
export { fold, tokenize } from "./normalize";
export type { LexiconStats } from "./lexicon.server";

/**
 * Bump when analysis output changes (rules, tables, lexicon data) or what a document vector
 * holds (vector.server.ts): stored tsvectors made by an older version must be rebuilt.
 * Thesaurus changes need no bump (query time only). 3: title tokens and sample buckets. 4:
 * participles of verbs whose stem ends in -t/-d (gemeld → melden, gestart → starten). 5:
 * compounds split by lexicon where the dictionary flags no parts (probleem|wijk), and the
 * further word rules of decision 044. 6: compound parts and corrections weigh less than the
 * word as written (decision 049); lexicalised diminutives keep their own meaning (maatje).
 */
export const DUTCH_ANALYSIS_VERSION = 6;

let analyzer: DutchAnalyzer | undefined;

function dutch(): DutchAnalyzer {
  if (!analyzer) {
    const made = new DutchAnalyzer(dutchLexicon());
    analyzer = made;
    registerMemoryOwner("Dutch word analyses (search)", { bytes: () => made.cachedBytes, entries: () => made.cachedWords });
  }
  return analyzer;
}

/** Load the lexicon now (≈0.25 s) instead of on the first search; returns load figures. */
export function warmDutchAnalysis(): LexiconStats {
  dutch();
  return dutchLexiconStats();
}

/** Positions of a text with the tokens to index at each (stop words: no tokens, position kept). */
export function analyzeText(text: string): AnalyzedPosition[] {
  return dutch().analyzeText(text);
}

/** The token stream to index for a text, in text order (for to_tsvector('simple', tokens.join(" "))
 *  when positions do not matter; prefer toTsVector, which keeps them). */
export function analyzeDocument(text: string): string[] {
  return analyzeText(text).flatMap((p) => p.tokens);
}

/** One folded word's analysis (stem, lemmas, verb lemmas, compound split, tokens). */
export function analyzeWord(word: string): WordAnalysis {
  return dutch().analyzeWord(word);
}

/** Parse and analyse a search string: AND-ed terms, "phrases", -exclusions, with alternatives. */
export function analyzeQuery(q: string, opts?: QueryOptions): ParsedQuery {
  return analyzeQueryWith(dutch(), q, opts);
}

const MAX_POSITION = 16383; // Postgres MAXENTRYPOS
const MAX_POSITIONS_PER_LEXEME = 256; // Postgres MAXNUMPOS

/**
 * A tsvector literal (`'lexeme':1A,7A 'other':2A …`) for `$1::tsvector`. All tokens of a word
 * share its position, so phrase queries (<->) see the text's real word order. Combine fields in
 * SQL with `||`, which shifts the right side's positions: $title::tsvector || $body::tsvector.
 */
export function toTsVector(input: string | AnalyzedPosition[], weight?: "A" | "B" | "C" | "D"): string {
  const positions = typeof input === "string" ? analyzeText(input) : input;
  const byLexeme = new Map<string, number[]>();
  for (const p of positions) {
    const pos = Math.min(p.position, MAX_POSITION);
    for (const t of p.tokens) {
      const list = byLexeme.get(t);
      if (!list) byLexeme.set(t, [pos]);
      else if (list[list.length - 1] !== pos && list.length < MAX_POSITIONS_PER_LEXEME) list.push(pos);
    }
  }
  const label = weight && weight !== "D" ? weight : "";
  return [...byLexeme.keys()]
    .sort()
    .map((t) => `${quoteLexeme(t)}:${byLexeme.get(t)!.map((n) => `${n}${label}`).join(",")}`)
    .join(" ");
}
