import { ABBREVIATIONS } from "./vocabulary";

// The text as the detectors read it: words with their offsets into the original string (so
// marks point at what the writer typed, Markdown and all), which sentence each word is in, and
// whether it starts one (a capital there says nothing about a name).

export type Token = {
  /** Position in the token list. */
  i: number;
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  /** First word of a sentence, a line, a list item or a heading. */
  atStart: boolean;
  sentence: number;
  /** A single capital followed by a full stop ("J." in "J. de Vries"). */
  initial: boolean;
  /** The characters between the previous token and this one. */
  before: string;
};

export type Span = { start: number; end: number };

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*/gu;
const SENTENCE_END = /[.!?…;:]/;
const UPPER = /^\p{Lu}/u;

/** Web addresses and @mentions: their letters and digits are not names or numbers of anyone. */
const URL = /https?:\/\/[^\s<>()[\]]+|www\.[^\s<>()[\]]+/giy;
const MENTION = /@[\p{L}\d_-]+/uy;

export function unprosed(text: string): Span[] {
  const spans: Span[] = [];
  // From each "h", "w" or "@" that can start one (a sticky regex tries only there: a scan of
  // the whole text with a lookbehind costs more than the rest of the check).
  for (const start of [...indexesOf(text, "http"), ...indexesOf(text, "www."), ...indexesOf(text, "@")].sort((a, b) => a - b)) {
    if (spans.length && start < spans.at(-1)!.end) continue;
    const before = text[start - 1] ?? " ";
    const re = text[start] === "@" ? MENTION : URL;
    if (text[start] === "@" ? /[\p{L}\d.]/u.test(before) : /[\p{L}\d]/u.test(before)) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (m) spans.push({ start, end: start + m[0].length });
  }
  return spans;
}

function indexesOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

export function tokenize(text: string, skip: Span[]): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let prevEnd = 0;
  let skipAt = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    while (skipAt < skip.length && skip[skipAt]!.end <= start) skipAt++;
    const inSkip = skipAt < skip.length && skip[skipAt]!.start <= start;
    const before = text.slice(prevEnd, start);
    const prev = tokens.at(-1);
    let atStart = prev === undefined || before.includes("\n");
    if (!atStart && prev && before !== " " && endsSentence(prev, before, text, start)) atStart = true;
    if (atStart && prev) sentence++;
    prevEnd = end;
    if (inSkip) continue;
    const word = m[0];
    tokens.push({
      i: tokens.length,
      text: word,
      lower: word.toLowerCase(),
      start,
      end,
      cap: UPPER.test(word),
      atStart,
      sentence,
      initial: word.length === 1 && UPPER.test(word) && text[end] === ".",
      before,
    });
  }
  return tokens;
}

function endsSentence(prev: Token, before: string, text: string, start: number): boolean {
  const mark = before.replace(/[\s*_>#`"'“”‘’()[\]]/g, "");
  if (!SENTENCE_END.test(mark)) return false;
  if (mark.startsWith(".") && mark.length === 1) {
    if (before === ".") return false; // "t.n.v.", "o.a.", "3.5": no space, no new sentence
    if (prev.initial && (UPPER.test(text[start] ?? "") || /^(?:van|de|der|den|ter|ten|te|el|al)\s/.test(text.slice(start, start + 4)))) return false; // "J. de Vries", "A.M. Verhoeven"
    if (ABBREVIATIONS.has(prev.lower)) return false;
    if (prev.text.length === 1 && prev.before === ".") return false; // the last letter of "t.n.v."
    if (/^\d+$/.test(prev.text) && !/\s/.test(before)) return false; // "12.30"
  }
  return true;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function insideAny(span: Span, spans: Span[]): boolean {
  return spans.some((s) => s.start <= span.start && span.end <= s.end);
}

/** Lowercase, without accents: "Yıldırım" and "Yildirim" meet. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (/^[a-z0-9' -]*$/.test(lower)) return lower; // most words: nothing to fold
  return lower.normalize("NFD").replace(/\p{M}/gu, "").replace(/ı/g, "i").replace(/’/g, "'");
}
