// Word-level Dutch morphology on top of the lexicon: verb lemmas and compound splitting.
// Pure functions of (word, lexicon); the analyser caches their results per word.
import { infinitiveCandidates } from "./hunspell";
import { Bits, type Lexicon } from "./lexicon";
import { strongVerbs } from "./strong-verbs";
import {
  INSEPARABLE_PREFIXES,
  INSEPARABLE_PREFIX_SET,
  PARTICLES,
  SPATIAL_MODIFIERS,
  STOPWORDS,
  SUFFIX_HOMOGRAPHS,
} from "./word-lists";

// ---------------------------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------------------------

/** The most likely infinitive for a stem that the lexicon confirms (stel → stellen, not stelen). */
function confirmedInfinitives(stem: string, lex: Lexicon): string[] {
  if (stem.length < 2) return [];
  const inf = infinitiveCandidates(stem).find((c) => lex.isInfinitive(c));
  return inf ? [inf] : [];
}

/**
 * Weak past participles: gebouwd → bouwen, gewerkte → werken, verbouwd → verbouwen. A stem
 * that ends in -t or -d takes no second one (gezet → zetten, gemeld → melden, gepraat →
 * praten, verantwoord → verantwoorden), so the participle may also be the stem itself. The -t
 * ending follows only a voiceless stem ('t kofschip): gestart is starten, never staren.
 */
function weakParticipleLemmas(word: string, lex: Lexicon): string[] {
  const out: string[] = [];
  const forms = [word];
  if (/[dt]e$/.test(word)) forms.push(word.slice(0, -1)); // inflected: gebouwde
  for (const w of forms) {
    if (w.length < 5 || !/[dt]$/.test(w)) continue;
    const stripped = w.slice(0, -1);
    // The stem with its own -t/-d first: an infinitive the lexicon knows for it (melden for
    // gemeld, starten for gestart) is better evidence than the regular reading (melen, staren).
    const cores = w.endsWith("t") && !/([kfspx]|ch)$/.test(stripped) ? [w] : [w, stripped];
    for (const core of cores) {
      if (core.startsWith("ge")) out.push(...confirmedInfinitives(core.slice(2), lex));
      if (INSEPARABLE_PREFIXES.some((p) => core.startsWith(p) && core.length > p.length + 1)) {
        out.push(...confirmedInfinitives(core, lex));
      }
      if (out.length > 0) break;
    }
  }
  return out;
}

/** Weak past and present of verbs the lexicon does not list: maakte/maakten/maakt → maken. */
function weakFiniteLemmas(word: string, lex: Lexicon): string[] {
  const m = /^(.{2,}?)(?:de|te|den|ten|t)$/.exec(word);
  return m ? confirmedInfinitives(m[1]!, lex) : [];
}

/** Verb lemmas of a form without looking for a prefix: table, lexicon, participle rules. */
function directVerbLemmas(word: string, lex: Lexicon, adjectiveAsParticiple = false): string[] {
  const out = new Set<string>(strongVerbs().forms.get(word) ?? []);
  for (const l of lex.lemmas(word)) if (lex.isInfinitive(l)) out.add(l);
  const b = lex.bits(word);
  const participleLike = b & (Bits.Participle | Bits.VerbForm) && (adjectiveAsParticiple || !(b & Bits.Gradable));
  if (!(b & Bits.Known) || participleLike || !(b & (Bits.Noun | Bits.Adj))) {
    for (const l of weakParticipleLemmas(word, lex)) out.add(l);
  }
  if (!(b & Bits.Known)) for (const l of weakFiniteLemmas(word, lex)) out.add(l);
  return [...out];
}

/**
 * Infinitive(s) of a verb form, in general: strong and irregular forms from the table, weak
 * forms by rule, and any prefix or particle in front of those — confirmed by the lexicon
 * (ondernam → ondernemen, afgenomen → afnemen, losgelaten → loslaten, meegedaan → meedoen,
 * opgebouwd → opbouwen, deelnam → deelnemen). Empty for non-verbs and for infinitives.
 * A form that is also a true adjective (gezond: sunned or healthy) is read as the adjective
 * unless `adjectiveAsParticiple` (the caller saw a perfect or passive auxiliary).
 */
export function verbLemmas(word: string, lex: Lexicon, opts: { adjectiveAsParticiple?: boolean } = {}): string[] {
  if (word.length < 2) return [];
  const out = new Set<string>();
  const sources = [word, ...lex.lemmas(word).filter((l) => !lex.isInfinitive(l))];
  for (const w of sources) {
    for (const l of directVerbLemmas(w, lex, opts.adjectiveAsParticiple)) out.add(l);
    const sv = strongVerbs();
    for (let k = 2; k <= w.length - 2; k++) {
      const prefix = w.slice(0, k);
      const rest = w.slice(k);
      // After a particle a participle is no adjective (op|gezet, aan|gemeld): read it as the verb.
      const bases = new Set(directVerbLemmas(rest, lex, true));
      for (const l of sv.bareParticiples.get(rest) ?? []) bases.add(l); // onder+nomen
      for (const base of bases) {
        if (lex.isInfinitive(prefix + base)) out.add(prefix + base);
      }
    }
  }
  out.delete(word);
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Compounds
// ---------------------------------------------------------------------------------------------

export interface CompoundSplit {
  /** Surface parts, head last (possibly inflected): ["bewoners", "initiatieven"]. */
  parts: string[];
  /** Linking letters after each part ("s", "e", "en" or ""), same length as parts. */
  links: string[];
  /** True when every part is licensed by the dictionary's own compound flags. */
  strict: boolean;
}

const MIN_PART = 3;
const MAX_PARTS_BY_MODE = { strict: 4, headed: 2, lexicon: 2, relaxed: 3 } as const;
/** Without any compound flag on a word the dictionary knows whole, parts shorter than this
 *  are more often chance (bestuur, personeel, eigenaar) than a compound. */
const MIN_LEXICON_PART = 4;

/** op+voeding ← opvoeden, uit+kering ← uitkeren, samen+werking ← samenwerken: not compounds. */
function isParticleDerivation(particle: string, rest: string, lex: Lexicon): boolean {
  const bases = new Set<string>([rest]);
  for (const suffix of ["ingen", "ing", "ers", "er", "sters", "ster"]) {
    if (rest.endsWith(suffix) && rest.length - suffix.length >= 2) bases.add(rest.slice(0, -suffix.length));
  }
  if (lex.isInfinitive(particle + rest)) return true;
  for (const base of bases) {
    for (const inf of infinitiveCandidates(base)) if (lex.isInfinitive(particle + inf)) return true;
    for (const inf of directVerbLemmas(base, lex)) if (lex.isInfinitive(particle + inf)) return true;
  }
  return false;
}

/**
 * strict: every part licensed by Hunspell's compound flags. headed: the head licensed, the
 * modifiers any uninflected common noun or adjective (kamer|sleutel: OpenTaal lacks the flag on
 * kamer). lexicon: a word the dictionary knows whole but without flags on its parts
 * (probleem|wijk, zorg|stichting): two common nouns of four letters or more, linking -s- or -en-
 * allowed. relaxed: for words the dictionary lacks, any known noun/adjective head as well.
 */
type Mode = "strict" | "headed" | "lexicon" | "relaxed";

function okModifier(m: string, first: boolean, mode: Mode, lex: Lexicon): boolean {
  if (m.length < MIN_PART || INSEPARABLE_PREFIX_SET.has(m)) return false;
  // Verb particles in front make derivations or fixed words (aandeel, voorraad, inkomen,
  // overleg, onderwijs), not compounds; only the plainly spatial ones compound (achtertuin).
  if (PARTICLES.has(m) && !SPATIAL_MODIFIERS.has(m)) return false;
  if (STOPWORDS.has(m) && !PARTICLES.has(m)) return false;
  const b = lex.bits(m);
  // Not an adjective either: vers|tand is verstand, not a fresh tooth.
  if (mode === "lexicon") return m.length >= MIN_LEXICON_PART && isPlainNoun(m, lex) && !(b & Bits.Adj);
  if (b & (first ? Bits.Begin : Bits.Middle)) return true;
  if (mode === "strict") return false;
  if (b & (Bits.Begin | Bits.Middle)) return true;
  if (mode === "headed" && m.length < 4 && !(b & Bits.Noun)) return false;
  // An uninflected common noun or adjective (not best, verst, grote; not a name). A word the
  // dictionary lets end a compound is a noun too, even without OpenTaal's noun hint
  // (zelfbeheer|overeenkomst).
  return (
    (b & Bits.Known) !== 0 &&
    (b & Bits.Lower) !== 0 &&
    (b & (Bits.Noun | Bits.Adj | Bits.End)) !== 0 &&
    lex.lemmas(m).every((l) => lex.isInfinitive(l))
  );
}

/** A common noun as written or inflected (not a participle, not only a name). */
function isPlainNoun(w: string, lex: Lexicon): boolean {
  const b = lex.bits(w);
  return (b & Bits.Known) !== 0 && (b & Bits.Lower) !== 0 && (b & Bits.Noun) !== 0 && !(b & Bits.Participle);
}

/**
 * An inflected word splits where its lemma does: brandweer|korpsen (brandweerkorps = brandweer +
 * korps), never ballon|netje (ballonnetje is a small ballon: its lemma is not ballon + net)
 * or kapo|entje.
 */
function agreesWithLemma(word: string, cand: Candidate, lex: Lexicon): boolean {
  const lemmas = lex.lemmas(word);
  if (lemmas.length === 0) return true;
  const head = cand.parts[cand.parts.length - 1]!;
  const prefix = word.slice(0, word.length - head.length);
  return lex.lemmas(head).some((l) => lemmas.includes(prefix + l));
}

function okHead(h: string, mode: Mode, lex: Lexicon): boolean {
  if (h.length < MIN_PART || SUFFIX_HOMOGRAPHS.has(h) || STOPWORDS.has(h)) return false;
  if (mode === "lexicon") return h.length >= MIN_LEXICON_PART && isPlainNoun(h, lex);
  const b = lex.bits(h);
  if (mode !== "relaxed") return (b & Bits.End) !== 0;
  if (!(b & Bits.Known) || !(b & Bits.Lower)) return false;
  if (h.length < 4 && !(b & Bits.End)) return false;
  return (b & (Bits.Noun | Bits.Adj | Bits.End | Bits.Participle)) !== 0;
}

interface Candidate {
  parts: string[];
  links: string[];
}

function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.parts.length !== b.parts.length) return a.parts.length < b.parts.length;
  const sq = (c: Candidate) => c.parts.reduce((s, p) => s + p.length * p.length, 0);
  if (sq(a) !== sq(b)) return sq(a) > sq(b);
  const links = (c: Candidate) => c.links.join("").length;
  return links(a) < links(b);
}

function search(word: string, mode: Mode, lex: Lexicon): Candidate | null {
  const n = word.length;
  const memo = new Map<number, Candidate | null>();
  // A word the dictionary knows whole links with -s- or -en- only: -e- made more chance splits
  // (credit|e|ring, sofist|e|rijen) than compounds among its unflagged words.
  const linkOptions = mode === "relaxed" ? ["", "s", "e", "en"] : mode === "lexicon" ? ["", "s", "en"] : [""];
  const from = (i: number, first: boolean, depth: number): Candidate | null => {
    const key = i * 2 + (first ? 1 : 0);
    if (memo.has(key)) return memo.get(key)!;
    let best: Candidate | null = null;
    if (!first) {
      const head = word.slice(i);
      if (okHead(head, mode, lex)) best = { parts: [head], links: [""] };
    }
    if (depth < MAX_PARTS_BY_MODE[mode] - 1) {
      for (let j = i + MIN_PART; j <= n - MIN_PART; j++) {
        const mod = word.slice(i, j);
        if (!okModifier(mod, first, mode, lex)) continue;
        if (PARTICLES.has(mod) && isParticleDerivation(mod, word.slice(j), lex)) continue;
        for (const link of linkOptions) {
          if (link && !word.startsWith(link, j)) continue;
          if (link && lex.has(mod + link) && okModifier(mod + link, first, mode, lex)) continue; // bewoners: take it whole
          const k = j + link.length;
          if (n - k < MIN_PART) continue;
          const rest = from(k, false, depth + 1);
          if (!rest) continue;
          const cand = { parts: [mod, ...rest.parts], links: [link, ...rest.links] };
          // Without the dictionary's flags, three short parts are more often chance than a compound.
          if (mode === "relaxed" && cand.parts.length > 2 && cand.parts.some((p) => p.length < 4)) continue;
          if (better(cand, best)) best = cand;
        }
      }
    }
    memo.set(key, best);
    return best;
  };
  return from(0, true, 0);
}

/**
 * Split a compound into its parts: wijkwerkers → wijk|werkers, bewonersinitiatieven →
 * bewoners|initiatieven, eigenkracht → eigen|kracht. Prefers the dictionary's own compound flags
 * (and only those for words the dictionary lists, so eigenaar, beleid, bestuur stay whole); for
 * unlisted words falls back to any known words with linking -s-/-e-/-en-. Fewest, longest parts
 * win. Null when the word is not a compound.
 */
export function splitCompound(word: string, lex: Lexicon): CompoundSplit | null {
  if (word.length < MIN_PART * 2) return null;
  const strict = search(word, "strict", lex);
  if (strict) return { ...strict, strict: true };
  const known = lex.has(word);
  const b = lex.bits(word);
  if (known && b & (Bits.VerbInf | Bits.VerbForm | Bits.Participle) && !(b & Bits.Noun)) return null; // voorstrijken
  let loose = search(word, known ? "headed" : "relaxed", lex);
  if (!loose && known && b & Bits.Lower && !(b & Bits.Adj)) {
    const byLexicon = search(word, "lexicon", lex);
    if (byLexicon && agreesWithLemma(word, byLexicon, lex)) loose = byLexicon;
  }
  return loose ? { ...loose, strict: false } : null;
}
