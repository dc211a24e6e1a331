// Query analysis: a user's search string → terms with alternative token sets → a Postgres tsquery.
//
// Syntax: words are AND-ed; "quoted words" are a phrase (matched as written, stems only, no
// synonyms); a leading - excludes a word or a "phrase". Each unquoted word gets alternatives:
// its own forms (weight 1), its compound parts written apart (eigenkracht → "eigen kracht", 0.7)
// and thesaurus synonyms (0.5).
import type { DutchAnalyzer } from "./analyzer";
import type { CompoundSplit } from "./morphology";
import { tokenize } from "./normalize";
import { looksEnglish, stemEnglish } from "./spelling";
import { THESAURUS } from "./thesaurus";
import { STOPWORDS } from "./word-lists";

export interface Alternative {
  /** One entry per word position; an entry is the set of tokens any of which may stand there.
   *  An empty entry is a stop word inside a phrase (any word may stand there). */
  words: string[][];
  /** phrase: consecutive positions; all: each word anywhere in the document; same: all at one
   *  position (the parts of one indexed compound: seniorenmiddag has senior and middag). */
  join: "phrase" | "all" | "same";
  /** 1 = the word itself, 0.7 = its compound parts written apart, 0.5 = a synonym. */
  weight: number;
  source: "word" | "compound" | "synonym";
  /** What this alternative reads as (for display or debugging): "wijk", "eigen kracht". */
  text: string;
}

export interface QueryTerm {
  /** The query words this term stands for. */
  text: string;
  negated: boolean;
  /** A quoted phrase (matched literally). */
  quoted: boolean;
  alternatives: Alternative[];
}

export interface ParsedQuery {
  text: string;
  terms: QueryTerm[];
}

export interface QueryOptions {
  /** Extra synonym groups (e.g. an organiser's), each a list of words or phrases. */
  synonyms?: readonly (readonly string[])[];
  /** Use the built-in thesaurus (default true). */
  thesaurus?: boolean;
}

const MAX_TERMS = 32;

interface Entry {
  words: string[]; // folded words, stop words included
  stems: Array<string | null>; // null for a stop word
  group: number;
}

interface ThesaurusIndex {
  entries: Entry[][]; // by group
  byFirst: Map<string, Entry[]>;
}

const defaultIndexes = new WeakMap<DutchAnalyzer, ThesaurusIndex>();

function buildIndex(analyzer: DutchAnalyzer, groups: readonly (readonly string[])[]): ThesaurusIndex {
  const entries: Entry[][] = [];
  const byFirst = new Map<string, Entry[]>();
  groups.forEach((group, g) => {
    const list: Entry[] = [];
    for (const text of group) {
      const words = tokenize(text).map((t) => t.word);
      if (words.length === 0) continue;
      const stems = words.map((w) => (STOPWORDS.has(w) ? null : analyzer.analyzeWord(w).stem));
      const entry: Entry = { words, stems, group: g };
      list.push(entry);
      const first = stems[0] ?? words[0]!;
      const bucket = byFirst.get(first);
      if (bucket) bucket.push(entry);
      else byFirst.set(first, [entry]);
    }
    entries.push(list);
  });
  return { entries, byFirst };
}

interface Item {
  kind: "word" | "phrase";
  words: string[];
  negated: boolean;
  /** Typed in quotes (match as written) rather than split from one word (e-mail, covid-19). */
  quoted: boolean;
  /** The hyphenated word joined (e-mail → email). */
  joined?: string;
}

function lexQuery(q: string): Item[] {
  const items: Item[] = [];
  for (const m of q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    if (m[2] !== undefined) {
      const words = tokenize(m[2]).map((t) => t.word);
      if (words.length > 0) items.push({ kind: "phrase", words, negated: m[1] === "-", quoted: true });
      continue;
    }
    let s = m[3]!;
    const negated = s.length > 1 && s.startsWith("-");
    if (negated) s = s.slice(1);
    const toks = tokenize(s);
    const words = toks.map((t) => t.word);
    const joined = toks.find((t) => t.joined)?.joined;
    if (words.length === 1 && !joined) items.push({ kind: "word", words, negated, quoted: false });
    else if (words.length > 0) items.push({ kind: "phrase", words, negated, quoted: false, joined }); // e-mail, covid-19
  }
  return items;
}

function trimStopwords(words: string[]): string[] {
  let a = 0;
  let b = words.length;
  while (a < b && STOPWORDS.has(words[a]!)) a++;
  while (b > a && STOPWORDS.has(words[b - 1]!)) b--;
  return a < b ? words.slice(a, b) : words;
}

export function analyzeQueryWith(analyzer: DutchAnalyzer, q: string, opts: QueryOptions = {}): ParsedQuery {
  const indexes: ThesaurusIndex[] = [];
  if (opts.thesaurus !== false) {
    let idx = defaultIndexes.get(analyzer);
    if (!idx) defaultIndexes.set(analyzer, (idx = buildIndex(analyzer, THESAURUS)));
    indexes.push(idx);
  }
  if (opts.synonyms && opts.synonyms.length > 0) indexes.push(buildIndex(analyzer, opts.synonyms));

  let items = lexQuery(q);
  const hasContent = items.some((it) => !it.negated && (it.kind === "phrase" || !STOPWORDS.has(it.words[0]!)));
  if (hasContent) items = items.filter((it) => it.kind === "phrase" || !STOPWORDS.has(it.words[0]!));

  // English stems (Porter2) for a query that reads as English, and for words neither the
  // dictionary nor a y-reading makes Dutch: English posts index them (spelling.ts).
  const english = looksEnglish(items.flatMap((it) => it.words), 1);
  const wordTokens = (w: string): string[] => {
    if (STOPWORDS.has(w)) return [];
    const a = analyzer.analyzeWord(w);
    if (!english && (analyzer.lexicon.bits(w) !== 0 || a.variants.length > 0 || a.split)) return a.wordTokens;
    const en = stemEnglish(w);
    return a.wordTokens.includes(en) ? a.wordTokens : [...a.wordTokens, en];
  };
  const wordAlt = (words: string[], join: Alternative["join"], weight: number, source: Alternative["source"]): Alternative => ({
    words: words.map(wordTokens),
    join,
    weight,
    source,
    text: words.join(" "),
  });
  const synonymAlts = (matched: Entry, idx: ThesaurusIndex): Alternative[] =>
    idx.entries[matched.group]!.filter((e) => e !== matched).map((e) => {
      const words = trimStopwords(e.words);
      return wordAlt(words, words.length > 1 ? "phrase" : "all", 0.5, "synonym");
    });
  const matches = (entry: Entry, words: string[]): boolean =>
    entry.words.length === words.length &&
    entry.stems.every((s, k) => (s === null ? entry.words[k] === words[k] : wordTokens(words[k]!).includes(s)));

  // Synonyms reach compounds: a part with a one-word synonym gives the compound built on the
  // synonym (ouderenmiddag ~ seniorenmiddag, jeugdwerker ~ jongerenwerker), as one word and as
  // its parts at one position (a document indexes a compound's parts where the compound stands).
  const compoundSynonymAlts = (split: CompoundSplit): Alternative[] => {
    const out: Alternative[] = [];
    const { parts, links } = split;
    parts.forEach((part, k) => {
      for (const idx of indexes) {
        const seen = new Set<Entry>();
        for (const key of wordTokens(part).concat(part)) {
          for (const entry of idx.byFirst.get(key) ?? []) {
            if (entry.words.length !== 1 || seen.has(entry) || !matches(entry, [part])) continue;
            seen.add(entry);
            for (const other of idx.entries[entry.group]!) {
              if (other === entry || other.words.length !== 1) continue;
              const synonym = other.words[0]!;
              const built = parts.map((p, i) => (i === k ? synonym : p) + (i < parts.length - 1 ? links[i]! : "")).join("");
              out.push(wordAlt([built], "all", 0.5, "synonym"));
              out.push({
                words: parts.map((p, i) => (i === k ? wordTokens(synonym) : wordTokens(p))),
                join: "same",
                weight: 0.5,
                source: "synonym",
                text: built,
              });
            }
          }
        }
      }
    });
    return out;
  };

  /** One word's alternatives: its forms, its parts apart, compounds built on synonyms, synonyms. */
  const wordAlternatives = (word: string, negated: boolean): Alternative[] => {
    const a = analyzer.analyzeWord(word);
    const alternatives: Alternative[] = [wordAlt([word], "all", 1, "word")];
    if (!negated) {
      if (a.split) {
        const parts = a.split.parts;
        alternatives.push({
          words: parts.map((p, k) => {
            const t = analyzer.analyzeWord(p).wordTokens;
            return k < parts.length - 1 && a.split!.links[k] ? [...t, analyzer.analyzeWord(p + a.split!.links[k]).stem] : t;
          }),
          join: "phrase",
          weight: 0.7,
          source: "compound",
          text: parts.join(" "),
        });
      }
      if (a.split) alternatives.push(...compoundSynonymAlts(a.split));
      for (const idx of indexes) {
        const seen = new Set<Entry>();
        for (const key of a.wordTokens.concat(word)) {
          for (const entry of idx.byFirst.get(key) ?? []) {
            if (entry.words.length === 1 && !seen.has(entry) && matches(entry, [word])) {
              seen.add(entry);
              alternatives.push(...synonymAlts(entry, idx));
            }
          }
        }
      }
    }
    return alternatives;
  };

  const terms: QueryTerm[] = [];
  for (let i = 0; i < items.length && terms.length < MAX_TERMS; i++) {
    const item = items[i]!;
    if (item.kind === "phrase") {
      const words = trimStopwords(item.words);
      const content = words.filter((w) => !STOPWORDS.has(w));
      const tokensOf = (w: string) => (item.quoted ? [analyzer.analyzeWord(w).stem] : wordTokens(w));
      const alternatives: Alternative[] = [
        {
          words: words.map((w) => (STOPWORDS.has(w) && content.length > 0 ? [] : tokensOf(w))),
          join: "phrase",
          weight: 1,
          source: "word",
          text: words.join(" "),
        },
      ];
      if (item.joined) {
        // e-mail ~ email; ouderen-middag gets what ouderenmiddag gets: its parts, synonyms and
        // the compounds built on them (seniorenmiddag).
        alternatives.push(...(item.quoted ? [wordAlt([item.joined], "all", 1, "word")] : wordAlternatives(item.joined, item.negated)));
      } else if (content.length > 1 && content.length === words.length && !item.negated) {
        alternatives.push(wordAlt([words.join("")], "all", 0.7, "compound")); // "eigen kracht" ~ eigenkracht
      }
      terms.push({ text: item.words.join(" "), negated: item.negated, quoted: item.quoted, alternatives: dedupe(alternatives) });
      continue;
    }

    // Longest thesaurus entry of several words starting here ("eigen kracht", "sociaal makelaar").
    let merged: { n: number; entry: Entry; idx: ThesaurusIndex } | null = null;
    if (!item.negated) {
      for (const idx of indexes) {
        for (const key of wordTokens(item.words[0]!).concat(item.words[0]!)) {
          for (const entry of idx.byFirst.get(key) ?? []) {
            const n = entry.words.length;
            if (n < 2 || (merged && merged.n >= n) || i + n > items.length) continue;
            const span = items.slice(i, i + n);
            if (span.some((s) => s.kind !== "word" || s.negated)) continue;
            if (matches(entry, span.map((s) => s.words[0]!))) merged = { n, entry, idx };
          }
        }
      }
    }
    if (merged) {
      const words = items.slice(i, i + merged.n).map((s) => s.words[0]!);
      const content = words.filter((w) => !STOPWORDS.has(w));
      const alternatives: Alternative[] = [wordAlt(content, "all", 1, "word")];
      if (content.length === words.length) alternatives.push(wordAlt([words.join("")], "all", 0.7, "compound"));
      for (const idx of indexes) {
        for (const entry of idx.entries.flat()) {
          if (entry === merged.entry || matches(entry, words)) alternatives.push(...synonymAlts(entry, idx));
        }
      }
      terms.push({ text: words.join(" "), negated: false, quoted: false, alternatives: dedupe(alternatives) });
      i += merged.n - 1;
      continue;
    }

    const word = item.words[0]!;
    terms.push({ text: word, negated: item.negated, quoted: false, alternatives: dedupe(wordAlternatives(word, item.negated)) });
  }
  return { text: q, terms };
}

function dedupe(alts: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const a of alts) {
    const key = `${a.join}:${a.words.map((w) => [...w].sort().join("|")).join(" ")}`;
    if (seen.has(key) || a.words.every((w) => w.length === 0)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

// -------------------------------------------------------------------------------------------
// tsquery
// -------------------------------------------------------------------------------------------

/** A lexeme quoted for to_tsquery / ::tsquery (our tokens are [a-z0-9], but stay safe). */
export function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

function renderSet(tokens: string[]): string {
  const q = [...new Set(tokens)].map(quoteLexeme);
  return q.length === 1 ? q[0]! : `( ${q.join(" | ")} )`;
}

function renderAlternative(a: Alternative): string | null {
  if (a.join === "all") {
    const parts = a.words.filter((w) => w.length > 0).map(renderSet);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : `( ${parts.join(" & ")} )`;
  }
  if (a.join === "same") {
    const parts = a.words.filter((w) => w.length > 0).map(renderSet);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : `( ${parts.join(" <0> ")} )`;
  }
  let out = "";
  let gap = 0;
  for (const w of a.words) {
    if (w.length === 0) {
      if (out) gap++;
      continue;
    }
    out = out ? `${out} ${gap === 0 ? "<->" : `<${gap + 1}>`} ${renderSet(w)}` : renderSet(w);
    gap = 0;
  }
  if (!out) return null;
  return a.words.filter((w) => w.length > 0).length > 1 ? `( ${out} )` : out;
}

export interface TsQueryOptions {
  /** Include compound and synonym alternatives (default true). false gives the query of the
   *  words as typed, useful to rank exact matches above expanded ones. */
  expand?: boolean;
  /** Include the -excluded terms (default true). Leave them out of a query used only for
   *  ts_rank: Postgres ranks `a & !b` as 0 even where it matches. */
  negated?: boolean;
  /** Include expansions that match by position (a compound's parts written apart, a
   *  synonym-built compound's parts at one position) (default true). false: Postgres' GIN index
   *  cannot check positions, so such an alternative of two common words (bewoner <-> groep)
   *  makes it read and recheck every post that has both (16 000 at bench scale, decision 049). */
  positional?: boolean;
}

/** An expansion matched by position: see TsQueryOptions.positional. */
export const positionalExpansion = (a: Alternative) =>
  a.source !== "word" && a.join !== "all" && a.words.filter((w) => w.length > 0).length > 1;

/**
 * Render a parsed query as a Postgres tsquery string, for `to_tsquery('simple', $1)` (or
 * `$1::tsquery`) against a tsvector built with toTsVector(). Empty string when nothing is left
 * to search for (only stop words, or only exclusions).
 *
 * Ranking exact above expanded matches:
 *   WHERE doc @@ to_tsquery('simple', $all)
 *   ORDER BY ts_rank(doc, to_tsquery('simple', $rankAll)) + 2 * ts_rank(doc, to_tsquery('simple', $rankExact)) DESC
 * with $all = toTsQuery(q), $rankAll = toTsQuery(q, { negated: false }) and
 * $rankExact = toTsQuery(q, { expand: false, negated: false }).
 */
export function toTsQuery(parsed: ParsedQuery, opts: TsQueryOptions = {}): string {
  const expand = opts.expand ?? true;
  const withNegated = opts.negated ?? true;
  const positional = opts.positional ?? true;
  const positive: string[] = [];
  const negative: string[] = [];
  for (const term of parsed.terms) {
    const rendered = [
      ...new Set(
        term.alternatives
          .filter((a) => (expand || a.source === "word") && (positional || !positionalExpansion(a)))
          .map(renderAlternative)
          .filter((s): s is string => s !== null),
      ),
    ];
    if (rendered.length === 0) continue;
    const s = rendered.length === 1 ? rendered[0]! : `( ${rendered.join(" | ")} )`;
    if (term.negated) {
      if (withNegated) negative.push(`!${s.startsWith("(") ? s : `( ${s} )`}`);
    }
    else positive.push(s);
  }
  if (positive.length === 0) return "";
  return [...positive, ...negative].join(" & ");
}
