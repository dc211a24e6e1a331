import type { PrivacyKind } from "./kinds";
import { type Span, type Token, tokenize, unprosed } from "./text";

/** A detector's finding, before overlaps are settled and replacements chosen. */
export type Finding = Span & {
  kind: PrivacyKind;
  /** Names: who this is (folded name parts), so every mention of one person gets one letter. */
  person?: string[];
  /** Names: "familie X" (replaced by "familie A"). */
  family?: boolean;
  /** Special categories: which one (the replacement says it). */
  category?: "health" | "origin" | "religion";
};

/** The text with its tokens, and the questions detectors ask about a position in it. */
export class Doc {
  readonly tokens: Token[];
  readonly skip: Span[];
  /** Index of the first token starting at or after each sentence number. */
  private readonly sentenceFirst: number[] = [];

  constructor(readonly text: string) {
    this.skip = unprosed(text);
    this.tokens = tokenize(text, this.skip);
    for (const t of this.tokens) if (this.sentenceFirst[t.sentence] === undefined) this.sentenceFirst[t.sentence] = t.i;
  }

  /** The first token that starts at or after `offset` (binary search). */
  tokenIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Up to `n` lowercase words before `offset`, nearest last, within its sentence (or `sentences` back). */
  wordsBefore(offset: number, n: number, sentences = 0): string[] {
    const at = this.tokenIndexAt(offset);
    const first = at < this.tokens.length ? this.tokens[at]!.sentence : (this.tokens.at(-1)?.sentence ?? 0);
    const out: string[] = [];
    for (let i = at - 1; i >= 0 && out.length < n; i--) {
      const t = this.tokens[i]!;
      if (t.sentence < first - sentences) break;
      out.unshift(t.lower);
    }
    return out;
  }

  /** Up to `n` lowercase words from `offset` on, within the sentence there. */
  wordsAfter(offset: number, n: number): string[] {
    const at = this.tokenIndexAt(offset);
    const sentence = this.tokens[at]?.sentence;
    const out: string[] = [];
    for (let i = at; i < this.tokens.length && out.length < n && this.tokens[i]!.sentence === sentence; i++) out.push(this.tokens[i]!.lower);
    return out;
  }

  /** The sentence number of the token at or after `offset`. */
  sentenceAt(offset: number): number {
    const at = Math.min(this.tokenIndexAt(offset), this.tokens.length - 1);
    return this.tokens[at]?.sentence ?? 0;
  }

  /** Tokens of sentence `s`. */
  sentenceTokens(s: number): Token[] {
    const first = this.sentenceFirst[s];
    if (first === undefined) return [];
    const out: Token[] = [];
    for (let i = first; i < this.tokens.length && this.tokens[i]!.sentence === s; i++) out.push(this.tokens[i]!);
    return out;
  }

  inSkipped(span: Span): boolean {
    return this.skip.some((s) => s.start < span.end && span.start < s.end);
  }
}
