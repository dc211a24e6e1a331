import { competenceCache, addCompetenceAlternatives } from "./competence-terms.server";
import { analyzeQuery, toTsQuery, type ParsedQuery } from "./dutch/analysis.server";
import { positionalExpansion, quoteLexeme } from "./dutch/query";
import { postsMatching } from "./ranking.server";
import type { Highlighter } from "./snippet.server";
import { typingPrefix } from "./snippet.server";
import type { RankTerm } from "./ranking.server";
import { synonymGroupsCache } from "./synonyms.server";
import { titleToken } from "./vector.server";

// A search string → the tsqueries Postgres runs (as `$1::tsquery`: our tokens are final, so no
// text search parser may touch them again) and what highlighting needs. The query analysis is
// app/search/dutch (forms, compound parts, thesaurus); here the organisers' synonym groups and
// the competences a query names are added, and, while typing, the last word as a prefix.

export type CompiledQuery = {
  parsed: ParsedQuery;
  /** What a document must match (exclusions included); "" when nothing is left to search for. */
  match: string;
  /** For ts_rank: every alternative / only the words as typed (no exclusions: see toTsQuery). */
  rankAll: string;
  rankExact: string;
  /** Each positive term on its own (the word as typed, its tsquery, and that without the
   *  alternatives matched by position: see TsQueryOptions.positional), and the exclusions (for
   *  matches of only some terms). */
  terms: { text: string; query: string; direct: string }[];
  /** What ranking scores, word by word (ranking.server.ts): every positive term, and while
   *  typing the unfinished last word. */
  rankTerms: RankTerm[];
  exclusions: string;
  /** Any excluded word (a post with one is left out; a thread whose dilemma has one too). */
  excluded: string;
  highlighter: Highlighter;
};

function positiveTokens(parsed: ParsedQuery): Set<string> {
  const out = new Set<string>();
  for (const term of parsed.terms) {
    if (term.negated) continue;
    for (const alt of term.alternatives) for (const w of alt.words) for (const t of w) if (!t.includes(":")) out.add(t);
  }
  return out;
}

// Words that ask rather than say what about ("Wanneer draag je een groep over?"): left out of a
// query that has other words. (hoe, wat, wie, waar, welke are stop words of the analysis.)
const QUESTION_WORDS = new Set(["waarom", "wanneer", "hoezo", "waardoor", "waarmee", "waarover", "welk"]);

function withoutQuestionWords(parsed: ParsedQuery): ParsedQuery {
  const keep = parsed.terms.filter((t) => t.negated || t.quoted || !QUESTION_WORDS.has(t.text));
  return keep.some((t) => !t.negated) ? { ...parsed, terms: keep } : parsed;
}

/**
 * Positional expansions (a compound's parts written apart: bewoner <-> groep; a synonym-built
 * compound's parts at one position) whose words are both common are left out. Postgres' GIN
 * index cannot check positions: it hands over every post that has all the words, and each is
 * read and rechecked (bench_20000: 16 800 posts, over a second at load 14, for "bewonersgroep",
 * decision 049). The compound itself, as a word, still matches; only the rare spelling with the
 * parts apart is not looked for when its parts are everywhere.
 */
const POSITIONAL_CANDIDATES = 2_000;

async function withoutCostlyPositional(parsed: ParsedQuery): Promise<void> {
  const alternatives = parsed.terms.flatMap((t) => (t.negated ? [] : t.alternatives.filter(positionalExpansion)));
  if (alternatives.length === 0) return;
  // The same words without their positions: what the index hands over for the alternative.
  const unordered = alternatives.map((a) => toTsQuery({ text: a.text, terms: [{ text: a.text, negated: false, quoted: false, alternatives: [{ ...a, join: "all", source: "word" }] }] }));
  const candidates = await postsMatching(unordered);
  const costly = new Set(alternatives.filter((_, i) => (candidates[i] ?? 0) > POSITIONAL_CANDIDATES));
  if (costly.size === 0) return;
  for (const term of parsed.terms) term.alternatives = term.alternatives.filter((a) => !costly.has(a));
}

/** The tsqueries AND-ed (empty ones left out). */
export const and = (...parts: string[]) => {
  const kept = parts.filter(Boolean);
  return kept.length <= 1 ? (kept[0] ?? "") : kept.map((p) => `( ${p} )`).join(" & ");
};

/**
 * Proximity (decision 053): for two or more words, one more term to score, "the words
 * together": their tsqueries AND-ed. ts_rank_cd of an AND is cover density: each smallest
 * stretch of text holding all the words adds its field weight divided by its length in words
 * (adjacent in a title 1, in a text 0.25; ten words apart a tenth of that). So a post that names
 * its subject in one breath ("vrijwilligers van de moskee") ranks above one that has the same
 * words scattered through a long text, as generated or rambling text has them. BM25 treats it
 * as any term: its idf is that of the words together (rarer than each), its tf saturates. Not
 * while typing (the last word is unfinished). Appended after the words' own terms, so those
 * keep their indexes (the partial pass reads their statistics by index).
 */
export function togetherTerm(terms: RankTerm[]): RankTerm[] {
  if (terms.length < 2) return [];
  return [{ all: and(...terms.map((t) => t.all)), exact: and(...terms.map((t) => t.exact)) }];
}

export async function compileQuery(q: string, opts: { prefix?: boolean; competences?: boolean } = {}): Promise<CompiledQuery> {
  const [synonyms, competences] = await Promise.all([synonymGroupsCache.get(), competenceCache.get()]);
  const prefix = opts.prefix ? typingPrefix(q) : null;
  // While typing, the last word is unfinished: search the rest as words and the last as the
  // start of a word ("vrijwi" → vrijwilligers), or as the word it may already be.
  const head = prefix ? q.slice(0, q.length - q.match(/[\p{L}\p{N}]+$/u)![0].length) : q;
  const parsed = withoutQuestionWords(analyzeQuery(head, { synonyms }));
  if (opts.competences !== false) addCompetenceAlternatives(parsed, competences.entries);
  await withoutCostlyPositional(parsed);
  let match = toTsQuery(parsed);
  let rankAll = toTsQuery(parsed, { negated: false });
  let rankExact = toTsQuery(parsed, { expand: false, negated: false });
  const rankTerms: RankTerm[] = parsed.terms
    .filter((t) => !t.negated)
    .map((t) => {
      const one = { text: t.text, terms: [t] };
      // Scored without the alternatives matched by position: ts_rank_cd of a phrase checks
      // every cover, and a post found only by its parts written apart is rare.
      const all = toTsQuery(one, { negated: false, positional: false }) || toTsQuery(one, { negated: false });
      return { all, exact: toTsQuery(one, { expand: false, negated: false }) || all };
    })
    .filter((t) => t.all);
  // Proximity (decision 053): the words together are scored as one more term.
  if (!prefix) rankTerms.push(...togetherTerm(rankTerms));
  const tokens = positiveTokens(parsed);
  if (prefix) {
    const last = analyzeQuery(prefix, { synonyms });
    const whole = toTsQuery(last, { negated: false });
    const typed = `${quoteLexeme(prefix)}:*`;
    const lastPart = whole ? `${whole} | ${typed}` : typed;
    match = and(match, lastPart);
    rankAll = and(rankAll, lastPart);
    rankExact = and(rankExact, typed);
    rankTerms.push({ all: lastPart, exact: typed });
    for (const t of positiveTokens(last)) tokens.add(t);
  }
  const terms = parsed.terms
    .filter((t) => !t.negated)
    .map((t) => {
      const query = toTsQuery({ text: t.text, terms: [t] });
      return { text: t.text, query, direct: toTsQuery({ text: t.text, terms: [t] }, { positional: false }) || query };
    })
    .filter((t) => t.query);
  const excludedTerms = parsed.terms
    .filter((t) => t.negated)
    .map((t) => toTsQuery({ text: t.text, terms: [{ ...t, negated: false }] }))
    .filter(Boolean);
  const exclusions = excludedTerms.map((q) => `!( ${q} )`).join(" & ");
  const excluded = excludedTerms.map((q) => `( ${q} )`).join(" | ");
  return { parsed, match, rankAll, rankExact, terms, rankTerms, exclusions, excluded, highlighter: { tokens, prefix } };
}

/** Only title matches (decision 011; since 043 broad searches no longer rank by these, but the
 *  index still carries the title tokens, so a query may ask for them).
 *  The tsquery with each word's lexeme as its title token; competence tokens (c:…) stay. A
 *  quoted lexeme is already escaped, and a title token only adds "t:" in front. */
export function headQuery(query: string): string {
  return query.replace(/'((?:[^']|'')*)'/g, (quoted, lexeme: string) => (lexeme.startsWith("c:") ? quoted : `'${titleToken(lexeme)}'`));
}

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...combinations(rest, k - 1).map((c) => [first!, ...c]), ...combinations(rest, k)];
}

/** A tsquery that matches where at least k of the parts do: an OR of every k of them AND-ed
 *  (so the GIN index finds exactly those documents; keep parts few: C(n, k) grows fast). */
export function atLeast(parts: string[], k: number): string {
  return combinations(parts, k)
    .map((combo) => `( ${combo.map((p) => `( ${p} )`).join(" & ")} )`)
    .join(" | ");
}

/**
 * What brings threads into the partial matches (search.server.ts partialMatches): each term
 * that matches at most `perTerm` posts (the caller's bound), and, among the terms too common for
 * that, each pair whose words are together in at most `perTerm` posts (issue 23, decision 061).
 * Inside a large forum every word of a question typed as a sentence ("iemand die geen hulp wil
 * accepteren": iemand 55 000 posts, hulp 2 200) may be common while two of them in one post are
 * rare; with single words alone such a question found nothing at all. A pair only helps when a
 * thread must share at least two words (`required`). Pairs are counted as ranking counts terms
 * (postsMatching: sampled and cached in a large forum), cheapest first, while the posts they add
 * to what the single words bring in stay within `budget` (the pass's time is scoring what it
 * reads: with 3 000 posts of pairs a question took 180 ms instead of 40 at scale, decision 061).
 */
export async function partialBringIn(
  terms: { direct: string }[],
  df: number[],
  opts: { perTerm: number; budget: number; required: number },
): Promise<string[]> {
  const telling = (i: number) => (df[i] ?? Infinity) <= opts.perTerm;
  const single = terms.filter((_, i) => telling(i)).map((t) => t.direct);
  const common = terms.filter((_, i) => !telling(i));
  if (opts.required < 2 || common.length < 2) return single;
  const pairs = combinations(common, 2).map(([a, b]) => and(a!.direct, b!.direct));
  const counts = await postsMatching(pairs);
  let spent = 0;
  const chosen: string[] = [];
  for (const i of pairs.map((_, i) => i).sort((x, y) => counts[x]! - counts[y]!)) {
    const n = counts[i]!;
    if (n === 0 || n > opts.perTerm || spent + n > opts.budget) continue;
    spent += n;
    chosen.push(pairs[i]!);
  }
  return [...single, ...chosen];
}
