// The in-memory Dutch lexicon: folded word form → flags and lemmas (see hunspell.ts for where the
// data comes from). Serialised as one line per form: `form \t bits(base 36) [\t lemma diffs]`.
import { Bits, decodeLemmas, type LexiconData } from "./hunspell";

export { Bits };

export class Lexicon {
  readonly size: number;
  constructor(private readonly data: LexiconData) {
    this.size = data.bits.size;
  }

  bits(form: string): number {
    return this.data.bits.get(form) ?? 0;
  }

  /** A standalone Dutch word form (any inflection) known to the dictionary. */
  has(form: string): boolean {
    return (this.bits(form) & Bits.Known) !== 0;
  }

  /** A common (not only proper-name) standalone word. */
  hasCommon(form: string): boolean {
    const b = this.bits(form);
    return (b & Bits.Known) !== 0 && (b & Bits.Lower) !== 0;
  }

  is(form: string, mask: number): boolean {
    return (this.bits(form) & mask) !== 0;
  }

  isInfinitive(form: string): boolean {
    return (this.bits(form) & Bits.VerbInf) !== 0;
  }

  /** Every form, in the data's order. */
  forms(): IterableIterator<string> {
    return this.data.bits.keys();
  }

  /** Lemmas other than the form itself: initiatieven → initiatief, werkte → werken. */
  lemmas(form: string): string[] {
    return decodeLemmas(form, this.data.lemmas.get(form));
  }
}

export const LEXICON_FORMAT = "kenniskring-dutch-lexicon/1";

export function serializeLexicon(data: LexiconData, header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  lines.unshift(`# ${LEXICON_FORMAT}`);
  const forms = [...data.bits.keys()].sort();
  for (const f of forms) {
    const l = data.lemmas.get(f);
    lines.push(l ? `${f}\t${data.bits.get(f)!.toString(36)}\t${l}` : `${f}\t${data.bits.get(f)!.toString(36)}`);
  }
  return lines.join("\n") + "\n";
}

export function parseLexicon(text: string): LexiconData {
  if (!text.startsWith(`# ${LEXICON_FORMAT}`)) throw new Error("Not a Kenniskring Dutch lexicon file");
  const bits = new Map<string, number>();
  const lemmas = new Map<string, string>();
  const intern = new Map<string, string>();
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    if (text.charCodeAt(pos) !== 35 /* # */ && end > pos) {
      const t1 = text.indexOf("\t", pos);
      const t2 = text.indexOf("\t", t1 + 1);
      const form = text.slice(pos, t1);
      if (t2 < 0 || t2 > end) {
        bits.set(form, parseInt(text.slice(t1 + 1, end), 36));
      } else {
        bits.set(form, parseInt(text.slice(t1 + 1, t2), 36));
        const enc = text.slice(t2 + 1, end);
        let v = intern.get(enc);
        if (v === undefined) intern.set(enc, (v = enc));
        lemmas.set(form, v);
      }
    }
    pos = end + 1;
  }
  return { bits, lemmas };
}
