import { db } from "~/platform/db.server";
import { cached } from "./cache.server";
import { createVocabulary, suggestCorrection, type Suggestion } from "./dutch/analysis.server";
import { dutchLexicon } from "./dutch/lexicon.server";

// "Bedoelde je …?" The forum's own words (SearchWord: every word of every indexed text, with
// the number of documents it occurs in, counted by a full re-index; words of newer posts are
// added as they are written) are held in memory per process and re-read every ten minutes.

const vocabularyCache = cached(async () => {
  const rows = await db.searchWord.findMany({ select: { word: true, docs: true } });
  return createVocabulary(rows.map((r) => [r.word, r.docs] as const));
}, 10 * 60_000);

/** After a full re-index: the next suggestion reads the new vocabulary. */
export function forgetVocabulary(): void {
  vocabularyCache.invalidate();
}

/** Words just indexed: when this process holds a vocabulary without some of them, it is read
 *  again on the next suggestion (so a new post's words can be suggested at once). */
export function noteNewWords(words: string[]): void {
  const held = vocabularyCache.peek();
  if (held && words.some((w) => !held.counts.has(w))) vocabularyCache.invalidate();
}

/**
 * Corrections of the query's words, nearest first: first only words that are neither in the
 * forum nor in the Dutch dictionary (a correctly spelled word the forum lacks is left alone),
 * then, if `eager`, every word the forum lacks. The caller checks that a suggestion finds more.
 */
export async function suggestionsFor(q: string, eager: boolean): Promise<(Suggestion & { careful: boolean })[]> {
  const vocabulary = await vocabularyCache.get();
  if (vocabulary.counts.size === 0) return [];
  const lexicon = dutchLexicon();
  const out: (Suggestion & { careful: boolean })[] = [];
  const careful = suggestCorrection(q, vocabulary, { isKnown: (w) => lexicon.hasCommon(w) });
  if (careful) out.push({ ...careful, careful: true });
  if (eager) {
    const any = suggestCorrection(q, vocabulary);
    if (any && any.query !== careful?.query) out.push({ ...any, careful: false });
  }
  return out;
}

/** A word in more than this share of all documents says little about what a text is about. */
const COMMON_SHARE = 0.2;
/** Below this many documents no word is called common: in a young forum every word is rare. */
const COMMON_MIN_DOCUMENTS = 500;

// Separate from the vocabulary above: it is not re-read for every new word, and a ten-minute
// old picture of which words are everywhere is good enough.
const commonWordsCache = cached(async () => {
  const [{ total } = { total: 0 }] = await db.$queryRaw<{ total: number }[]>`
    SELECT greatest(reltuples, 0)::int AS total FROM pg_class WHERE relname = 'SearchDocument'`;
  if (total < COMMON_MIN_DOCUMENTS) return new Set<string>();
  const rows = await db.searchWord.findMany({ where: { docs: { gt: total * COMMON_SHARE } }, select: { word: true } });
  return new Set(rows.map((r) => r.word));
}, 10 * 60_000);

/** After a full re-index (and in tests): the next lookup counts again. */
export function forgetCommonWords(): void {
  commonWordsCache.invalidate();
}

/** Words (folded, as the vocabulary holds them) that occur in more than a fifth of all
 *  documents of a large forum ("bewoners", "willen" in a forum about neighbourhoods). */
export async function commonWords(): Promise<ReadonlySet<string>> {
  return commonWordsCache.get();
}
