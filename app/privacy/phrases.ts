import type { Token } from "./text";
import { fold } from "./text";

/** Fixed phrases looked up by their first word, matched on folded tokens ("Jan en alleman"). */
export class PhraseIndex {
  private readonly byFirst = new Map<string, string[][]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = phrase
        .split(/\s+/)
        .map((w) => fold(w).replace(/[^\p{L}\d'-]/gu, ""))
        .filter(Boolean);
      if (!words.length) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push(words);
      this.byFirst.set(words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  /** Token indices covered by a phrase (longest phrase wins at each start). */
  cover(tokens: Token[], folded: string[]): Set<number> {
    const covered = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(folded[i]!);
      if (!candidates) continue;
      for (const words of candidates) {
        if (i + words.length > tokens.length) continue;
        let ok = true;
        // The last word may start a compound: "Jan Klaassen-verhaal", "Roos van Leary-model".
        for (let k = 1; k < words.length && ok; k++) {
          const f = folded[i + k]!;
          ok = f === words[k] || f === words[k]!.replace(/-/g, "") || (k === words.length - 1 && f.startsWith(`${words[k]}-`));
        }
        if (!ok) continue;
        for (let k = 0; k < words.length; k++) covered.add(i + k);
        break;
      }
    }
    return covered;
  }
}
