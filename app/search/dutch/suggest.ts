// "Bedoelde u …?": correct query words that the corpus does not contain to the nearest word it
// does (Damerau–Levenshtein distance, ties broken by how often the corpus uses the word).
// Built for the forum's own vocabulary (words of its posts), not a general dictionary, so it
// suggests only words a search can actually find.
import { fold, tokenize } from "./normalize";
import { stemDutch } from "./snowball-dutch";
import { STOPWORDS } from "./word-lists";

export interface Vocabulary {
  /** Folded word → frequency. */
  readonly counts: ReadonlyMap<string, number>;
  readonly stems: ReadonlySet<string>;
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

/** From words (or [word, count] pairs, e.g. from a `ts_stat`-like query over raw words). */
export function createVocabulary(words: Iterable<string | readonly [string, number]>): Vocabulary {
  const counts = new Map<string, number>();
  for (const entry of words) {
    const [w, n] = typeof entry === "string" ? [entry, 1] : entry;
    const f = fold(w).replace(/[^a-z0-9]/g, "");
    if (f) counts.set(f, (counts.get(f) ?? 0) + n);
  }
  const stems = new Set<string>();
  const byLength = new Map<number, string[]>();
  for (const w of counts.keys()) {
    stems.add(stemDutch(w));
    const list = byLength.get(w.length);
    if (list) list.push(w);
    else byLength.set(w.length, [w]);
  }
  return { counts, stems, byLength };
}

/** Word frequencies of some texts, for createVocabulary. */
export function vocabularyFromTexts(texts: Iterable<string>): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) for (const t of tokenize(text)) counts.set(t.word, (counts.get(t.word) ?? 0) + 1);
  return createVocabulary(counts);
}

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

export interface Correction {
  from: string;
  to: string;
  distance: number;
}

export interface Suggestion {
  /** The query with the corrected words replaced (the rest as typed). */
  query: string;
  corrections: Correction[];
}

export interface SuggestOptions {
  /** Also accept these words as correct (e.g. the Dutch lexicon's `has`). */
  isKnown?: (word: string) => boolean;
}

function bestMatch(word: string, vocab: Vocabulary): Correction | null {
  const max = word.length <= 4 ? 1 : 2;
  let best: Correction | null = null;
  let bestCount = -1;
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const cand of vocab.byLength.get(len) ?? []) {
      const d = editDistance(word, cand, best ? best.distance : max);
      if (d > max) continue;
      const count = vocab.counts.get(cand) ?? 0;
      if (!best || d < best.distance || (d === best.distance && (count > bestCount || (count === bestCount && cand < best.to)))) {
        best = { from: word, to: cand, distance: d };
        bestCount = count;
      }
    }
  }
  return best;
}

/**
 * Suggest a corrected query, or null when every word is known (or nothing close is). Words are
 * known when the vocabulary has them or a word with the same stem (buurten ~ buurt); stop words,
 * numbers and words under three letters are left alone. Quotes and minus signs are kept.
 */
export function suggestCorrection(query: string, vocabulary: Vocabulary, opts: SuggestOptions = {}): Suggestion | null {
  const corrections: Correction[] = [];
  const out = query.replace(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu, (raw) => {
    const w = fold(raw).replace(/[^a-z0-9]/g, "");
    if (w.length < 3 || /\d/.test(w) || STOPWORDS.has(w)) return raw;
    if (vocabulary.counts.has(w) || vocabulary.stems.has(stemDutch(w)) || opts.isKnown?.(w)) return raw;
    const c = bestMatch(w, vocabulary);
    if (!c) return raw;
    corrections.push(c);
    return c.to;
  });
  return corrections.length > 0 ? { query: out, corrections } : null;
}
