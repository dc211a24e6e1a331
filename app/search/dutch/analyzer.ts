// Dutch analysis for full-text search: text → positioned tokens (index time) and word → tokens
// (query time). Index and query share analyzeWord(), so they always stem alike.
//
// A token is a Snowball Dutch stem of: the word itself; its dictionary lemmas (initiatieven →
// initiatief, buurtje → buurt, grote → groot); its verb lemmas (nam → nemen, losgelaten →
// loslaten); and, at index time only, its compound parts (wijkwerkers → wijk, werker) and
// separated particle verbs in the clause (liet … los → loslaten). A word the dictionary does not
// know (English, names, jargon) is also kept as it is.
import { infinitiveCandidates } from "./hunspell";
import { Bits, type Lexicon } from "./lexicon";
import { type CompoundSplit, splitCompound, verbLemmas } from "./morphology";
import { type RawToken, tokenize } from "./normalize";
import { stemDutch } from "./snowball-dutch";
import { carefulCorrection, looksEnglish, stemEnglish, yVariants } from "./spelling";
import {
  CLAUSE_WORDS,
  DETERMINERS,
  IRREGULAR_PLURALS,
  LEXICALISED_DIMINUTIVES,
  PARTICLES,
  PREPOSITIONS,
  STOPWORDS,
  SUBJECT_PRONOUNS,
} from "./word-lists";

/** How the neighbouring words read an ambiguous noun/verb form (leden: members / suffered). */
export type VerbContext = "verbal" | "nominal" | "unknown";

export interface WordAnalysis {
  word: string;
  /** Snowball stem of the word as written. */
  stem: string;
  /** Whether the dictionary knows the form (any inflection, or a proper name). */
  known: boolean;
  /** Dictionary lemmas other than the word (initiatieven → initiatief, werkte → werken). */
  lemmas: string[];
  /** Infinitives this form may belong to (nam → nemen, meegedaan → meedoen). */
  verbs: string[];
  /** Compound split, if any (wijkwerkers → wijk|werkers). */
  split: CompoundSplit | null;
  /** Tokens matching the word as a whole: used at index and at query time. */
  wordTokens: string[];
  /** Extra index-time tokens: compound parts and sub-compounds. */
  partTokens: string[];
  /** Dutch readings of a y written for ij or -ie (wykbudget → wijkbudget, subsidy → subsidie). */
  variants: string[];
}

export interface AnalyzedPosition {
  /** 1-based word position (the tsvector position). */
  position: number;
  word: string;
  /** Deduplicated tokens at this position; empty for stop words. */
  tokens: string[];
  /** Those of `tokens` that stand for less than the word as written: its compound parts and the
   *  correction of a misspelling. The index gives them a lower weight (decision 049), so a post
   *  that says "schuld" outranks one that only has it inside "schuldhulpverlening". */
  weak: string[];
  /** The written word's place in the text (see RawToken), for highlighting. */
  start: number;
  end: number;
}

/** Words that open what follows a finite verb: "(de leden) namen de ideeën", "(hij) wees dat af". */
const OBJECT_STARTERS = new Set(
  "de het een deze dit die dat mijn zijn haar hun ons onze jouw uw hem hen ze je jou me mij zich iets niets alles niet nooit ook er al".split(" "),
);
const AUXILIARIES = new Set("heb hebt heeft hebben had hadden word wordt worden werd werden".split(" "));
const DIMINUTIVE = /^(.{3,}?)(?:etjes?|tjes?|pjes?|jes?)$/;
const LATINATE_ACTION = /^(.{3,})aties?$/;

/** A lexicalised diminutive's lemmas (maatjes → maatje, maatje → none: never its base maat);
 *  null for every other word. */
function lexicalisedDiminutiveLemmas(form: string): string[] | null {
  if (LEXICALISED_DIMINUTIVES.has(form)) return [];
  const singular = form.replace(/s$/, "");
  return singular !== form && LEXICALISED_DIMINUTIVES.has(singular) ? [singular] : null;
}
/**
 * The word cache's bound in bytes (decision 031), estimated per entry as it is kept: a text
 * being indexed meets thousands of words once. When full it starts again (cheaper on every
 * hit than keeping recency); the words people use most come back within a page.
 */
const CACHE_MAX_BYTES = 8 * 2 ** 20;
/** Per entry besides its strings: the result object, its arrays, the Map's slot. */
const ENTRY_OVERHEAD = 240;

function analysisBytes(key: string, a: WordAnalysis): number {
  let chars = key.length + a.word.length + a.stem.length;
  for (const list of [a.lemmas, a.verbs, a.wordTokens, a.partTokens]) for (const s of list) chars += s.length + 16;
  if (a.split) chars += 64 + a.split.parts.join("").length * 2;
  return ENTRY_OVERHEAD + chars;
}

export class DutchAnalyzer {
  private readonly cache = new Map<string, WordAnalysis>();
  private cacheBytes = 0;

  /** The word cache's estimated size, for the memory report. */
  get cachedBytes(): number {
    return this.cacheBytes;
  }

  get cachedWords(): number {
    return this.cache.size;
  }

  constructor(readonly lexicon: Lexicon) {}

  /** Noun/adjective lemmas of a form: dictionary lemmas that are not infinitives, irregular plurals. */
  private nounLemmas(form: string): string[] {
    const own = lexicalisedDiminutiveLemmas(form);
    if (own) return own;
    const out = this.lexicon.lemmas(form).filter((l) => !this.lexicon.isInfinitive(l));
    const irregular = IRREGULAR_PLURALS.get(form);
    if (irregular) out.push(irregular);
    return out;
  }

  /** The lemma of a compound: modifiers as written + the head's lemma (wijkwerkers → wijkwerker). */
  private compoundLemmas(split: CompoundSplit): string[] {
    const head = split.parts[split.parts.length - 1]!;
    const prefix = split.parts.slice(0, -1).map((p, i) => p + split.links[i]).join("");
    return this.nounLemmas(head).map((l) => prefix + l);
  }

  private partTokensOf(split: CompoundSplit, add: (t: string) => void, depth: number): void {
    const { parts, links } = split;
    for (const p of parts) {
      add(stemDutch(p));
      for (const l of this.nounLemmas(p)) add(stemDutch(l));
      if (depth < 1) {
        const sub = splitCompound(p, this.lexicon);
        if (sub) this.partTokensOf(sub, add, depth + 1);
      }
    }
    // Contiguous sub-compounds: buurt|opbouw|werkers → opbouwwerkers (→ opbouwwerker), buurtopbouw.
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 2; j <= parts.length; j++) {
        if (i === 0 && j === parts.length) continue;
        let s = "";
        for (let k = i; k < j; k++) s += parts[k]! + (k < j - 1 ? links[k]! : "");
        add(stemDutch(s));
        if (j === parts.length) for (const l of this.nounLemmas(parts[j - 1]!)) add(stemDutch(s.slice(0, -parts[j - 1]!.length) + l));
      }
    }
    for (const l of this.compoundLemmas(split)) add(stemDutch(l));
  }

  /**
   * Analyse one folded word ([a-z0-9]+). `context` decides whether a form that is also a noun
   * (leden, namen, bond) gets its verb lemma; `auxiliary` whether an adjective that is also a
   * participle (gezond, bekend) does.
   */
  analyzeWord(word: string, context: VerbContext = "unknown", auxiliary = false): WordAnalysis {
    const key = `${word}|${context[0]}${auxiliary ? 1 : 0}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const lex = this.lexicon;
    const stem = stemDutch(word);
    const bits = lex.bits(word);
    const known = (bits & Bits.Known) !== 0;
    let lemmas = /^[a-z]+$/.test(word) ? lex.lemmas(word) : [];
    let verbs: string[] = [];
    // A noun or a true adjective is read as such unless the context says verb: buurt is not
    // "(hij) buurt" of buren, leden not "suffered", eigen not "(zich) eigenen", gezond not "sunned".
    const nominalReading =
      context !== "verbal" && ((bits & Bits.Noun) !== 0 || ((bits & Bits.Gradable) !== 0 && !auxiliary));
    const irregular = IRREGULAR_PLURALS.get(word);
    if (irregular) lemmas = [...lemmas, irregular];
    // A diminutive read two ways (buurt+je or buur+tje, kaart+je or kaar+tje) is the longer
    // base's: a buurtje is a small buurt, not a small buur (decision 044).
    if (lemmas.length > 1 && DIMINUTIVE.test(word)) {
      lemmas = lemmas.filter((l) => !lemmas.includes(`${l}t`));
    }
    const own = lexicalisedDiminutiveLemmas(word);
    if (own) lemmas = own;
    if (nominalReading) lemmas = lemmas.filter((l) => !lex.isInfinitive(l));
    else if (/^[a-z]+$/.test(word)) verbs = verbLemmas(word, lex, { adjectiveAsParticiple: auxiliary });
    if (bits & Bits.Adj && context !== "verbal") {
      // An adjective that is also a bare verb stem (los ~ lossen, vrij ~ vrijen): the adjective.
      const bare = new Set(infinitiveCandidates(word));
      lemmas = lemmas.filter((l) => !bare.has(l));
      verbs = verbs.filter((v) => !bare.has(v));
    }
    const split = /^[a-z]+$/.test(word) && verbs.length === 0 ? splitCompound(word, lex) : null;

    const wordSet = new Set<string>([stem]);
    for (const l of lemmas) wordSet.add(stemDutch(l));
    for (const v of verbs) wordSet.add(stemDutch(v));
    if (!(bits & Bits.Lower) && !split) wordSet.add(word); // not (common) Dutch: keep it as written
    // Latinate action nouns share their verb's token: organisatie ~ organiseren, evaluatie ~
    // evalueren, discriminatie ~ discrimineren. (The stemmer already joins -ing and -en.)
    const action = LATINATE_ACTION.exec(word);
    if (action && lex.isInfinitive(`${action[1]}eren`)) wordSet.add(stemDutch(`${action[1]}eren`));
    // Diminutive of a word the dictionary lacks: wijkje → wijk, plannetje → plan.
    if (!known && !split) {
      const m = DIMINUTIVE.exec(word);
      if (m) {
        const base = m[1]!;
        for (const b of [base, base.replace(/([bdfgklmnprst])\1$/, "$1"), base.replace(/k$/, "g")]) {
          if (lex.hasCommon(b)) wordSet.add(stemDutch(b));
        }
      }
    }
    const partSet = new Set<string>();
    // y written for ij (wykbudget, Nymegen) or an English -y for -ie (subsidy): the Dutch word's
    // tokens stand here too, at index and at query time alike.
    const variants = !known && !split ? yVariants(word, lex) : [];
    for (const v of variants) {
      const va = this.analyzeWord(v, context, auxiliary);
      for (const t of va.wordTokens) wordSet.add(t);
      for (const t of va.partTokens) partSet.add(t);
    }
    if (split) {
      this.partTokensOf(split, (t) => {
        if (t.length >= 3 && !wordSet.has(t)) partSet.add(t);
      }, 0);
      for (const l of this.compoundLemmas(split)) wordSet.add(stemDutch(l));
      for (const t of wordSet) partSet.delete(t);
    }
    const result: WordAnalysis = {
      word,
      stem,
      known,
      lemmas,
      verbs,
      split,
      wordTokens: [...wordSet],
      partTokens: [...partSet],
      variants,
    };
    const bytes = analysisBytes(key, result);
    if (this.cacheBytes + bytes > CACHE_MAX_BYTES) {
      this.cache.clear();
      this.cacheBytes = 0;
    }
    this.cache.set(key, result);
    this.cacheBytes += bytes;
    return result;
  }

  private contextAt(raw: RawToken[], i: number, clauseStart: number): VerbContext {
    const prev = i > clauseStart ? raw[i - 1]!.word : undefined;
    const following = raw[i + 1];
    const next = following && !following.breakBefore && !CLAUSE_WORDS.has(following.word) ? following.word : undefined;
    if ((prev && SUBJECT_PRONOUNS.has(prev)) || (next && SUBJECT_PRONOUNS.has(next))) return "verbal";
    if (prev && (DETERMINERS.has(prev) || /^\d+$/.test(prev))) return "nominal";
    if (prev && prev.endsWith("e") && this.lexicon.is(prev, Bits.Adj) && !this.lexicon.is(prev, Bits.VerbForm)) {
      return "nominal"; // nieuwe leden
    }
    if (prev && next && OBJECT_STARTERS.has(next)) return "verbal"; // (de leden) namen de ideeën (over)
    // Verb second: after a clause-initial subject "de politie" or a name, the finite verb follows.
    const prevBits = prev ? this.lexicon.bits(prev) : 0;
    const prevIsNoun = (prevBits & (Bits.Noun | Bits.Begin | Bits.End)) !== 0 && !(prevBits & (Bits.VerbForm | Bits.VerbInf));
    if (i === clauseStart + 2 && DETERMINERS.has(raw[clauseStart]!.word) && prevIsNoun) {
      return "verbal"; // de politie greep in
    }
    if (i === clauseStart + 1 && this.lexicon.is(prev!, Bits.Name) && !this.lexicon.is(prev!, Bits.Lower)) return "verbal";
    return "unknown";
  }

  /**
   * Tokens a word of a post adds besides its own analysis: in an English post its English stem
   * (volunteering ~ volunteers); in a Dutch one, for a lowercase word no dictionary form,
   * compound or y-reading explains, the tokens of its one careful correction (schimel →
   * schimmel). Names, abbreviations and capitalised words are never corrected.
   */
  private writtenTokens(a: WordAnalysis, written: string, english: boolean): string[] {
    if (english) return [stemEnglish(a.word)];
    if (a.known || a.split || a.variants.length > 0 || /\p{Lu}/u.test(written)) return [];
    const corrected = carefulCorrection(a.word, this.lexicon);
    if (!corrected) return [];
    const c = this.analyzeWord(corrected);
    return [...c.wordTokens, ...c.partTokens];
  }

  /** Analyse running text into positions with their tokens (stop words keep a position). */
  analyzeText(text: string): AnalyzedPosition[] {
    const raw = tokenize(text);
    const words = raw.map((t) => t.word);
    const english = looksEnglish(words);
    const out: AnalyzedPosition[] = [];
    const analyses: Array<WordAnalysis | null> = [];
    let clauseStart = 0;
    let auxSeen = false;
    const clauses: Array<[number, number]> = [];
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!;
      if (t.breakBefore || (i > 0 && CLAUSE_WORDS.has(t.word))) {
        clauses.push([clauseStart, i]);
        clauseStart = i;
        auxSeen = false;
      }
      const w = t.word;
      if (STOPWORDS.has(w)) {
        analyses.push(null);
        out.push({ position: i + 1, word: w, tokens: [], weak: [], start: t.start, end: t.end });
      } else {
        const a = this.analyzeWord(w, this.contextAt(raw, i, clauseStart), auxSeen);
        analyses.push(a);
        const whole = new Set(a.wordTokens);
        const weak = new Set(a.partTokens);
        const written = this.writtenTokens(a, text.slice(t.start, t.end), english);
        // An English stem is the word itself; a correction is a guess at another word.
        for (const x of written) (english ? whole : weak).add(x);
        if (t.joined) {
          const j = this.analyzeWord(t.joined);
          for (const x of j.wordTokens) whole.add(x);
          for (const x of j.partTokens) weak.add(x);
        }
        for (const x of whole) weak.delete(x);
        out.push({ position: i + 1, word: w, tokens: [...whole, ...weak], weak: [...weak], start: t.start, end: t.end });
      }
      if (AUXILIARIES.has(w)) auxSeen = true;
    }
    clauses.push([clauseStart, raw.length]);

    // Separable verbs: "liet het project los" → loslaten at "los"; "los te laten" → loslaten.
    const lex = this.lexicon;
    const verbsAt = (i: number): string[] => {
      const a = analyses[i];
      const w = words[i]!;
      const list = a ? [...a.verbs] : [];
      if (lex.isInfinitive(w)) list.push(w);
      return list;
    };
    for (const [start, end] of clauses) {
      for (let p = start; p < end; p++) {
        const particle = words[p]!;
        if (particle.length < 2 || /\d/.test(particle)) continue;
        if (particle === "om" && words.slice(p + 1, end).includes("te")) continue; // om … te + infinitive
        const found = new Set<string>();
        // Main clause: finite verb before the particle.
        for (let v = Math.max(start, p - 12); v < p; v++) {
          for (const inf of verbsAt(v)) {
            if (lex.isInfinitive(particle + inf) && inf !== particle + inf) found.add(particle + inf);
          }
        }
        if (found.size > 0 && PREPOSITIONS.has(particle) && p < end - 1) {
          // A preposition followed by more words is a preposition ("gaf het aan zijn broer")
          // unless another preposition or a verb follows ("deed mee aan de actie").
          const next = words[p + 1]!;
          const nextIsVerb = !STOPWORDS.has(next) && verbsAt(p + 1).length > 0;
          const nextIsPreposition = next !== "te" && (PREPOSITIONS.has(next) || PARTICLES.has(next));
          if (!nextIsPreposition && !nextIsVerb) found.clear();
        }
        // Particle before an infinitive, possibly with "te" or a modal between: los (wilde) (te) laten.
        for (let v = p + 1; v < Math.min(end, p + 4); v++) {
          const w = words[v]!;
          if (lex.isInfinitive(w) && lex.isInfinitive(particle + w)) found.add(particle + w);
          if (w !== "te" && !AUXILIARIES.has(w) && verbsAt(v).length === 0) break;
        }
        if (found.size === 0) continue;
        const pos = out[p]!;
        const tokens = new Set(pos.tokens);
        for (const f of found) tokens.add(stemDutch(f));
        pos.tokens = [...tokens];
      }
    }
    return out;
  }
}
