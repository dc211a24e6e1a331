// The in-memory Dutch lexicon: folded word form → flags and lemmas (see hunspell.ts for where the
// data comes from). Serialised as one line per form, sorted: `form \t bits(base 36) [\t lemma diffs]`.
//
// Kept packed (decision 031): the file's own bytes in one Buffer, a few typed arrays that say
// where each line's parts are, and an open-addressing hash table of line numbers. 312 000 forms
// as JS strings in two Maps held ≈45 MB of V8 heap in every server process; packed they take
// ≈13 MB outside the heap and nothing for the garbage collector to walk. A lookup hashes the
// word and compares bytes, as fast as a Map's (bench/lexicon.ts checks both answers and speed).
import { Bits, decodeLemmas, type LexiconData } from "./hunspell";

export { Bits };

/** FNV-1a over 8-bit character codes: the same value for a JS string and its latin1/ASCII bytes. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ (s.charCodeAt(i) & 0xffff), 0x01000193);
  return h >>> 0;
}

function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

export class Lexicon {
  readonly size: number;
  /** The serialised lexicon's bytes (ASCII): forms and lemma diffs are read from here. */
  readonly #text: Buffer;
  /** Per form (in sorted order): where its line starts; the form runs to the first tab. */
  readonly #start: Uint32Array;
  readonly #length: Uint8Array;
  readonly #bits: Uint16Array;
  /** Where its lemma diffs start (0: none) and how long they are. */
  readonly #lemmaStart: Uint32Array;
  readonly #lemmaLength: Uint16Array;
  /** Per form: its hash, compared before its bytes. */
  readonly #hash: Uint32Array;
  /** Open addressing, linear probing: form number + 1, 0 = empty. */
  readonly #table: Uint32Array;
  readonly #mask: number;

  private constructor(text: Buffer, lines: number) {
    this.#text = text;
    this.#start = new Uint32Array(lines);
    this.#length = new Uint8Array(lines);
    this.#bits = new Uint16Array(lines);
    this.#lemmaStart = new Uint32Array(lines);
    this.#lemmaLength = new Uint16Array(lines);
    let n = 0;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf(10 /* \n */, pos);
      if (end < 0) end = text.length;
      if (text[pos] !== 35 /* # */ && end > pos) {
        const t1 = text.indexOf(9 /* \t */, pos);
        let t2 = text.indexOf(9, t1 + 1);
        if (t2 < 0 || t2 > end) t2 = -1;
        if (t1 - pos > 255) throw new Error("Dutch lexicon: a form longer than 255 characters");
        this.#start[n] = pos;
        this.#length[n] = t1 - pos;
        this.#bits[n] = parseInt(text.toString("latin1", t1 + 1, t2 < 0 ? end : t2), 36);
        if (t2 >= 0) {
          this.#lemmaStart[n] = t2 + 1;
          this.#lemmaLength[n] = end - t2 - 1;
        }
        n++;
      }
      pos = end + 1;
    }
    this.size = n;
    let slots = 1024;
    while (slots < n * 1.6) slots *= 2; // load ≤ 0.63: hits take ≈1.8 probes, misses ≈3.5
    this.#table = new Uint32Array(slots);
    this.#hash = new Uint32Array(n);
    this.#mask = slots - 1;
    for (let i = 0; i < n; i++) {
      const h = hashBytes(text, this.#start[i]!, this.#start[i]! + this.#length[i]!);
      this.#hash[i] = h;
      let slot = h & this.#mask;
      while (this.#table[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#table[slot] = i + 1;
    }
  }

  /** The lexicon of a serialised file (serializeLexicon's format), as bytes. */
  static fromSerialized(text: Buffer): Lexicon {
    if (!text.subarray(0, LEXICON_FORMAT.length + 2).equals(Buffer.from(`# ${LEXICON_FORMAT}`)))
      throw new Error("Not a Kenniskring Dutch lexicon file");
    let lines = 0;
    for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) lines++;
    return new Lexicon(text, lines + 1);
  }

  static fromData(data: LexiconData): Lexicon {
    return Lexicon.fromSerialized(Buffer.from(serializeLexicon(data, []), "latin1"));
  }

  /** Bytes held (outside V8's heap), for the memory figures. */
  get bytes(): number {
    return (
      this.#text.byteLength +
      this.#start.byteLength +
      this.#length.byteLength +
      this.#bits.byteLength +
      this.#lemmaStart.byteLength +
      this.#lemmaLength.byteLength +
      this.#hash.byteLength +
      this.#table.byteLength
    );
  }

  /** The form's number, or -1. */
  #find(form: string): number {
    const len = form.length;
    if (len === 0 || len > 255) return -1;
    const text = this.#text;
    const table = this.#table;
    const hashes = this.#hash;
    const mask = this.#mask;
    const h = hashString(form);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      const i = entry - 1;
      if (hashes[i] !== h || this.#length[i] !== len) continue;
      const s = this.#start[i]!;
      let k = 0;
      while (k < len && text[s + k] === form.charCodeAt(k)) k++;
      if (k === len) return i;
    }
  }

  bits(form: string): number {
    const i = this.#find(form);
    return i < 0 ? 0 : this.#bits[i]!;
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

  /** Every form, in sorted order (made into strings one at a time). */
  *forms(): IterableIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.#text.toString("latin1", this.#start[i]!, this.#start[i]! + this.#length[i]!);
  }

  /** Lemmas other than the form itself: initiatieven → initiatief, werkte → werken. */
  lemmas(form: string): string[] {
    const i = this.#find(form);
    if (i < 0 || this.#lemmaStart[i] === 0) return [];
    const s = this.#lemmaStart[i]!;
    return decodeLemmas(form, this.#text.toString("latin1", s, s + this.#lemmaLength[i]!));
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
