// Words as people really write them (decision 044): y typed for ij (wykbudget, Nymegen), the
// English -y of a Dutch -ie word (subsidy, energy), one slip of the pen inside a post (schimel),
// and posts written in English. Pure functions of (word or text, lexicon).
import stemEnglishPorter2 from "wink-porter2-stemmer";
import { Bits, type Lexicon } from "./lexicon";
import { splitCompound } from "./morphology";

/**
 * Dutch readings of a word the dictionary lacks that has a y: every y inside the word read as
 * ij (wykbudget → wijkbudget, vrywilliger → vrijwilliger, nymegen → nijmegen) and a final y as
 * the -ie of Dutch loans (subsidy → subsidie, energy → energie, study → studie). A reading
 * counts only when the dictionary knows it (a name too: Nijmegen) or it splits into known
 * parts, so English words stay as they are (system, anyone, party, city have no such reading).
 */
export function yVariants(word: string, lex: Lexicon): string[] {
  if (word.length < 4 || !word.includes("y") || lex.has(word)) return [];
  const inner = word.slice(0, -1).replace(/y/g, "ij") + word.slice(-1);
  const candidates = new Set<string>();
  if (inner !== word) candidates.add(inner);
  if (word.endsWith("y")) candidates.add(`${inner.slice(0, -1)}ie`);
  return [...candidates].filter((c) => lex.has(c) || (/^[a-z]+$/.test(c) && splitCompound(c, lex) !== null));
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Common Dutch words one edit away (deletion, transposition, substitution, insertion). */
function editsAway(word: string, lex: Lexicon): Set<string> {
  const out = new Set<string>();
  const keep = (w: string) => {
    if (w !== word && lex.hasCommon(w)) out.add(w);
  };
  for (let i = 0; i < word.length; i++) keep(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i + 1 < word.length; i++) keep(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 0; i <= word.length; i++) {
    for (const c of LETTERS) {
      if (i < word.length && c !== word[i]) keep(word.slice(0, i) + c + word.slice(i + 1));
      keep(word.slice(0, i) + c + word.slice(i));
    }
  }
  return out;
}

/** The slips Dutch writers make most: a consonant doubled or not (schimel, vrijwiliger, tellefoon). */
function doublingSlips(word: string, lex: Lexicon): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if ("aeiou".includes(c)) continue;
    const doubled = word.slice(0, i + 1) + c + word.slice(i + 1);
    if (lex.hasCommon(doubled)) out.add(doubled);
    if (word[i + 1] === c) {
      const single = word.slice(0, i) + word.slice(i + 1);
      if (lex.hasCommon(single)) out.add(single);
    }
  }
  return out;
}

/** Shortest word a post's misspelling is corrected from: short words have too many neighbours,
 *  and English words in Dutch posts are mostly short (still → stil, about → bout, daily → daisy). */
const MIN_CORRECTED_LENGTH = 6;

/**
 * The one word a misspelling in a post stands for, or null. Only for a lowercase word the
 * dictionary does not know in any form (the caller leaves names, abbreviations, capitalised
 * words, compounds and English texts alone), and only when exactly one common Dutch word is
 * that close: first among doubled/undoubled consonants (schimel → schimmel, not schemel), then
 * among all single edits. Two candidates mean a guess, and a guess is not indexed.
 */
export function carefulCorrection(word: string, lex: Lexicon): string | null {
  if (word.length < MIN_CORRECTED_LENGTH || !/^[a-z]+$/.test(word) || lex.bits(word) !== 0) return null;
  for (const candidates of [doublingSlips(word, lex), editsAway(word, lex)]) {
    if (candidates.size === 1) return [...candidates][0]!;
    if (candidates.size > 1) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

const ENGLISH_FUNCTION_WORDS = new Set(
  (
    "the a an and or but of to is are was were be been with for from that this these those we you they " +
    "he she it its our their his her them us have has had not no do does did who which what how why when " +
    "would could should will can about into than then there here because only also very just"
  ).split(" "),
);
const DUTCH_FUNCTION_WORDS = new Set(
  (
    "de het een en of maar van is zijn was waren met voor dat die dit deze we wij jullie ze zij hij " +
    "hun haar niet geen ook nog wel hoe wat wie waarom wanneer er naar bij uit dan als heeft hebben"
  ).split(" "),
);

/**
 * Whether words (folded) read as English rather than Dutch: by function words, which every
 * sentence has. Cheap enough for every post; a mixed post counts as Dutch.
 */
export function looksEnglish(words: readonly string[], minimum = 3): boolean {
  let english = 0;
  let dutch = 0;
  for (const w of words) {
    if (ENGLISH_FUNCTION_WORDS.has(w)) english++;
    if (DUTCH_FUNCTION_WORDS.has(w)) dutch++;
  }
  return english >= minimum && english > 2 * dutch;
}

/** The Snowball English (Porter2) stem: volunteers, volunteering → volunt. */
export function stemEnglish(word: string): string {
  return stemEnglishPorter2(word);
}

/** Whether the word is ordinary Dutch (any inflection, not only a name). */
export function isCommonDutch(word: string, lex: Lexicon): boolean {
  return (lex.bits(word) & (Bits.Known | Bits.Lower)) === (Bits.Known | Bits.Lower);
}
