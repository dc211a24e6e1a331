import { Prisma } from "~/generated/prisma/client";
import { readDb } from "~/platform/db.server";
import { cached } from "./cache.server";
import { quoteLexeme } from "./dutch/query";
import { SAMPLE_BUCKETS, sampleBucketToken } from "./vector.server";

// Relevance (decision 043): BM25 with field weights, computed by Postgres from the tsvector.
//
// For each word of the query (a term: its forms, parts, synonyms, competences) and each post:
//   tf    = the term's occurrences weighted by field: title 1, competence tag 0.5, text 0.25,
//           a compound part or a misspelling's correction: title 0.5, text 0.1 (decision 049)
//           (ts_rank_cd of a query of one term is exactly that sum of position weights), the
//           mean of all alternatives' and of the words as typed (so exact forms count double
//           against compound parts and synonyms);
//   idf   = ln(1 + (N − df + ½) / (df + ½)), df the posts the term matches (N all posts);
//   score = Σ idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · length / avgLength)).
// The length is the post's number of distinct tokens (length(tsvector): free once the vector is
// read). A title occurrence weighs as four in the text: a strong weight, not a wall: a post that
// discusses the word at length beats one that only names it in a short title, and among
// hundreds of title matches the one that also discusses it wins.
// Threads combine their posts: see search.server.ts.

/** Position weights {D, C, B, A}: a compound part or correction in the text (the kind and sample
 *  tokens, never ranked, are D too), text, competences and a part in a title, title (decision
 *  049: a part or correction weighs less than the word as written in the same field). */
const WEIGHTS = "{0.1, 0.25, 0.5, 1}";
const K1 = 1.2;
const B = 0.75;

export type RankTerm = {
  /** Every alternative of the term (forms, parts, synonyms, competence tags). */
  all: string;
  /** Only the words as typed (falls back to `all`). */
  exact: string;
};

export type RankStats = {
  posts: number;
  avgLength: number;
  /** Per term: how many posts it matches (estimated in a large forum), and its idf. */
  df: number[];
  idf: number[];
};

/** Above this many posts, document frequencies are counted in one sample bucket and cached. */
const SMALL_FORUM = 20_000;
const CORPUS_TTL_MS = 60_000;
const DF_TTL_MS = 10 * 60_000;
const DF_CACHE_SIZE = 5_000;

const corpus = cached(async () => {
  const [row] = await readDb().$queryRaw<{ posts: number }[]>`SELECT count(*)::int AS posts FROM "SearchDocument"`;
  const posts = row?.posts ?? 0;
  // The mean length from about 3 000 posts: every post's would read the whole table.
  const percent = posts > 3_000 ? (100 * 3_000) / posts : 100;
  const [len] = await readDb().$queryRaw<{ avg: number | null }[]>`
    SELECT avg(length(doc))::float8 AS avg FROM "SearchDocument" TABLESAMPLE SYSTEM (${percent})`;
  return { posts, avgLength: len?.avg ?? 50 };
}, CORPUS_TTL_MS);

/** The index changed in this process: ranking statistics are read again at the next search. */
export function rankingStatsChanged(): void {
  corpus.invalidate();
}

const dfCache = new Map<string, { df: number; at: number }>();

function remember(query: string, df: number): void {
  if (dfCache.size >= DF_CACHE_SIZE) dfCache.delete(dfCache.keys().next().value!);
  dfCache.set(query, { df, at: performance.now() });
}

/**
 * How many posts each term query matches. In a small forum counted exactly each time (a few
 * thousand rows at most). In a large one counted in one sample bucket (a sixteenth of the
 * threads) times 16, exactly when the bucket has few, and kept for ten minutes per process:
 * the same common words come back in search after search, and idf changes slowly.
 */
async function documentFrequencies(queries: string[], posts: number): Promise<number[]> {
  const count = async (qs: string[], bucket: boolean) => {
    if (qs.length === 0) return new Map<number, number>();
    const suffix = bucket ? ` & ${quoteLexeme(sampleBucketToken(0))}` : "";
    const rows = await readDb().$queryRaw<{ i: number; n: number }[]>`
      SELECT t.i::int AS i, (SELECT count(*) FROM "SearchDocument" s WHERE s.doc @@ (t.q || ${suffix})::tsquery)::int AS n
      FROM unnest(${qs.map((q) => `( ${q} )`)}::text[]) WITH ORDINALITY AS t(q, i)`;
    return new Map(rows.map((r) => [r.i - 1, r.n]));
  };
  if (posts <= SMALL_FORUM) {
    const n = await count(queries, false);
    return queries.map((_, i) => n.get(i) ?? 0);
  }
  const now = performance.now();
  const out = queries.map((q) => {
    const hit = dfCache.get(q);
    return hit && now - hit.at < DF_TTL_MS ? hit.df : null;
  });
  const missing = queries.map((q, i) => (out[i] === null ? i : -1)).filter((i) => i >= 0);
  const sampled = await count(missing.map((i) => queries[i]!), true);
  // A rare term (a few posts in the bucket) is counted whole: cheap, and its idf matters most.
  const rare = missing.filter((_, k) => (sampled.get(k) ?? 0) < 8);
  const whole = await count(rare.map((i) => queries[i]!), false);
  missing.forEach((i, k) => {
    const r = rare.indexOf(i);
    const df = r >= 0 ? (whole.get(r) ?? 0) : (sampled.get(k) ?? 0) * SAMPLE_BUCKETS;
    remember(queries[i]!, df);
    out[i] = df;
  });
  return out.map((df) => df ?? 0);
}

/** How many posts each tsquery matches (estimated and cached in a large forum, as for idf). */
export async function postsMatching(queries: string[]): Promise<number[]> {
  if (queries.length === 0) return [];
  return documentFrequencies(queries, (await corpus.get()).posts);
}

export async function rankStats(terms: RankTerm[]): Promise<RankStats> {
  const { posts, avgLength } = await corpus.get();
  const df = await documentFrequencies(terms.map((t) => t.all), posts);
  const idf = df.map((n) => Math.log(1 + (Math.max(posts, n) - n + 0.5) / (n + 0.5)));
  return { posts, avgLength: Math.max(1, avgLength), df, idf };
}

/** The BM25 score of a SearchDocument row aliased `s` (see the top of this file). */
export function bm25Sql(terms: RankTerm[], stats: RankStats): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`0::float8`;
  const norm = Prisma.sql`${K1}::float8 * (${1 - B}::float8 + ${B / stats.avgLength}::float8 * length(s.doc))`;
  // ts_rank_cd is most of a search's cost per matching post: a term without alternatives (its
  // `exact` is its `all`: no forms, parts or synonyms, and the words-together term of such
  // words) is ranked once, not twice (decision 057).
  const tfs = terms.map((t) =>
    t.exact === t.all
      ? Prisma.sql`ts_rank_cd(${WEIGHTS}::float4[], s.doc, ${t.all}::tsquery, 0)::float8`
      : Prisma.sql`(ts_rank_cd(${WEIGHTS}::float4[], s.doc, ${t.all}::tsquery, 0) + ts_rank_cd(${WEIGHTS}::float4[], s.doc, ${t.exact}::tsquery, 0))::float8 / 2`,
  );
  // One expression per post, each tf written once: tf / (tf + norm) = 1 − norm / (tf + norm)
  // (0 when tf is 0). Postgres does not share a sub-expression written twice, and the former
  // way to name tf once, a sub-select per post, cost more than the ranking itself (decision
  // 060: a SubPlan started for every matching post). The two forms can differ in the last bits
  // of a float (at most 7e-15 on the bench's queries); equal inputs still give equal scores.
  const parts = tfs.map((tf, i) => Prisma.sql`${(stats.idf[i] ?? 1) * (K1 + 1)}::float8 * (1 - (${norm}) / (${tf} + ${norm}))`);
  return Prisma.sql`(${Prisma.join(parts, " + ")})`;
}
