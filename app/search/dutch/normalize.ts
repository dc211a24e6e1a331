// Normalisation and tokenisation shared by index time and query time.
//
// fold(): lowercase, ligature ĳ → ij, accents stripped (café → cafe, ideeën → ideeen,
// coördinatie → coordinatie). Tokens only ever contain [a-z0-9], so they need no escaping in
// a tsvector/tsquery and Postgres' parser never splits them further.

const SPECIAL: Record<string, string> = {
  ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i",
};

/** Lowercase, NFKD (ĳ → ij, ﬁ → fi), strip combining marks, map the few letters NFKD keeps. */
export function fold(s: string): string {
  let out = s.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "");
  if (/[^\x00-\x7f]/.test(out)) out = out.replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c);
  return out;
}

export interface RawToken {
  /** Folded word, [a-z0-9]+ only. */
  word: string;
  /** Index of the word in the token stream (the tsvector position is index + 1). */
  index: number;
  /** True when punctuation or a line break separates this word from the previous one. */
  breakBefore: boolean;
  /** For a hyphenated word ("e-mail", "covid-19"), the joined form, on its first segment only. */
  joined?: string;
  /** Where the written word (all its segments: "e-mail", "zo'n") starts and ends in the text,
   *  for highlighting matches in snippets. */
  start: number;
  end: number;
}

/** Longest token we index; longer "words" are URLs, hashes or garbage. */
export const MAX_TOKEN_LENGTH = 60;

const WORD_RE = /[\p{L}\p{N}]+(?:['’`][\p{L}\p{N}]+)*(?:[-‐‑][\p{L}\p{N}]+(?:['’`][\p{L}\p{N}]+)*)*/gu;
const CLAUSE_PUNCT = /[.!?;:,()[\]{}"“”„«»…–—•|\n\r\t/\\]/;

function splitApostrophes(segment: string): string[] {
  // auto's, cd's, Jan's: the 's is plural or genitive → drop it. zo'n, m'n → split.
  const m = /^(.+)['’`]s$/u.exec(segment);
  if (m) return [m[1]!.replace(/['’`]/g, "")];
  return segment.split(/['’`]/);
}

/**
 * Split text into words. Single letters are dropped (they come from 's, 't, zo'n) but digits are
 * kept; hyphenated words yield each segment plus the joined form.
 */
export function tokenize(text: string): RawToken[] {
  const out: RawToken[] = [];
  let last = 0;
  let pendingBreak = false;
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    if (CLAUSE_PUNCT.test(text.slice(last, start))) pendingBreak = true;
    last = start + m[0].length;
    const segments = m[0].split(/[-‐‑]/u);
    const words: string[] = [];
    for (const seg of segments) {
      for (const piece of splitApostrophes(seg)) {
        const w = fold(piece).replace(/[^a-z0-9]/g, "");
        if (w.length === 0 || w.length > MAX_TOKEN_LENGTH) continue;
        if (w.length === 1 && !/[0-9]/.test(w)) continue;
        words.push(w);
      }
    }
    if (words.length === 0) continue;
    let joined: string | undefined;
    if (segments.length > 1) {
      const j = fold(m[0]).replace(/[^a-z0-9]/g, "");
      if (j.length <= MAX_TOKEN_LENGTH && !words.includes(j)) joined = j;
    }
    words.forEach((word, k) => {
      const t: RawToken = { word, index: out.length, breakBefore: pendingBreak && k === 0, start, end: last };
      if (k === 0 && joined) t.joined = joined;
      out.push(t);
    });
    pendingBreak = false;
  }
  return out;
}
