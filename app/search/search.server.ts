import { dilemmaPath } from "~/dilemmas/paths";
import { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus, SearchKind } from "~/generated/prisma/enums";
import type { Guardian, SearchScope } from "~/guardian/guardian.server";
import { meetingPath } from "~/meetings/paths";
import { toAuthorView, type AuthorView } from "~/members/author";
import { readDb } from "~/platform/db.server";
import { env } from "~/platform/env.server";
import { replyPermalink } from "~/replies/paths";
import { and, compileQuery, partialBringIn, type CompiledQuery } from "./compile.server";
import { quoteLexeme } from "./dutch/query";
import { competenceCache, type CompetenceInfo } from "./competence-terms.server";
import { recordSearchMiss } from "./misses.server";
import { bm25Sql, rankStats, type RankStats } from "./ranking.server";
import { ResultCache } from "./result-cache.server";
import {
  PAGE_SIZE,
  RELATIVE_PERIODS,
  SEARCH_KINDS,
  searchHref,
  type SearchKindName,
  type SearchRequest,
} from "./params";
import { highlightAll, snippet, typingPrefix, type Highlighter, type Segment } from "./snippet.server";
import { kindToken, SAMPLE_BUCKETS, sampleBucketToken } from "./vector.server";
import { suggestionsFor } from "./vocabulary.server";

// The search: dilemmas, replies and published reports together, ranked, filtered, counted per
// filter value, folded per thread, a page at a time. One SQL statement finds the page (every
// match ranked, one result per thread) and counts the facets, reading SearchDocument only,
// through its GIN index, with the Guardian's visibility rules as a WHERE clause; a second
// fetches the texts of the page's results for their snippets.
//
// Ranking (decision 043): BM25 with field weights per post (title 1, competence 0.5, text 0.25
// per occurrence; ranking.server.ts), exact forms counting double against compound parts and
// synonyms; an answered dilemma and its accepted answer ×1.3. A thread scores its dilemma's
// (or report's) score plus half its best reply's (threadScoreSql).
// Broad searches (a word in a large part of the forum) are estimated: see searchRows.
// Folding: a thread (a dilemma and its replies) is one result. It shows the dilemma when the
// dilemma matched, with its best-matching reply beneath; otherwise its best-matching reply.

export type CompetenceTag = { slug: string; nameNl: string; nameEn: string; retired: boolean };

export type SearchHit = {
  kind: SearchKindName;
  id: number;
  /** The thread: a dilemma's own id, a reply's dilemma; null for a report. */
  dilemmaId: number | null;
  url: string;
  /** The title with matches marked; a reply's is its dilemma's title. */
  title: Segment[];
  titleText: string;
  snippet: Segment[];
  score: number;
  date: Date;
  status: DilemmaStatus | null;
  competences: CompetenceTag[];
  /** Shown to staff and authors only: the page marks it. */
  hidden: boolean;
  draft: boolean;
  /** An answered dilemma, or a reply that is its dilemma's accepted answer. */
  answer: boolean;
  /** Who wrote it (a dilemma or reply; a report has no author: null). */
  author: { member: AuthorView } | null;
  /** A dilemma result: its best-matching reply, and how many of its replies matched. */
  reply: { id: number; url: string; snippet: Segment[]; answer: boolean } | null;
  matchingReplies: number;
};

export type FacetCount = { value: string; count: number };

export type SearchFacets = {
  kinds: FacetCount[];
  statuses: FacetCount[];
  competences: (CompetenceTag & { count: number; selected: boolean })[];
  /** 30d, 1y, 5y, then each year with results, newest first. */
  periods: FacetCount[];
};

export type SearchOutcome = {
  request: SearchRequest;
  /** Why there is nothing to show: no words typed, or only small words / exclusions. */
  blank: "empty" | "noTerms" | null;
  hits: SearchHit[];
  total: number;
  /** Results of the words without any filter. */
  unfilteredTotal: number;
  pageCount: number;
  facets: SearchFacets;
  /** A broad search's counts are estimates (searchRows): the total, or the facets and
   *  unfilteredTotal. Estimates are rounded to two significant digits. */
  estimated: { total: boolean; facets: boolean };
  suggestion: { query: string; href: string } | null;
  /** The query as typed found nothing, a correction of its misspelled words did: these are the
   *  correction's results ("Resultaten voor X. Toch zoeken naar Y?"); href searches as typed. */
  corrected: { from: string; href: string } | null;
  /** When the words together find little: results with all of them but one (page 1 only). */
  partial: SearchHit[];
};

export type SearchOptions = {
  /** Search-as-you-type: the last word may be unfinished. */
  prefix?: boolean;
  /** Count a search that found nothing for the organisers (full searches, not keystrokes). */
  recordMiss?: boolean;
  pageSize?: number;
  /** Leave out facet counts (search-as-you-type does not show them). */
  facets?: boolean;
  /** Up to how many matching posts (estimated from the sample) a search is read whole; above,
   *  it is broad (searchRows). Default: the SEARCH_EXACT_POSTS setting. */
  exactPosts?: number;
  /** false: never show a correction's results instead (the corrected search itself). */
  correct?: boolean;
  /** false: no partial matches (a search asked only for its total). */
  partial?: boolean;
  /** false: neither answer from nor keep in the result cache (the bench's uncached latency). */
  cache?: boolean;
};

const EXACT = { total: false, facets: false } as const;

const EMPTY_FACETS: SearchFacets = { kinds: [], statuses: [], competences: [], periods: [] };

/** The Guardian's visibility rules (searchScope) over a SearchDocument row aliased `s`. */
export function visibilitySql(scope: SearchScope): Prisma.Sql {
  const drafts = scope.drafts ? Prisma.sql`TRUE` : Prisma.sql`NOT s.draft`;
  if (scope.hidden === "all") return drafts;
  if (scope.hidden === "own" && scope.viewerId !== null) {
    const me = scope.viewerId;
    return Prisma.sql`${drafts} AND (NOT s."threadHidden" OR s."threadAuthorId" = ${me})
      AND (NOT s.hidden OR s."authorId" = ${me})`;
  }
  return Prisma.sql`${drafts} AND NOT s."threadHidden" AND NOT s.hidden`;
}

type FilterSql = { kinds: Prisma.Sql; competences: Prisma.Sql; status: Prisma.Sql; period: Prisma.Sql };

function filterSql(request: SearchRequest, competenceIds: number[]): FilterSql {
  const T = Prisma.sql`TRUE`;
  let period = T;
  if (request.period && /^\d{4}$/.test(request.period)) {
    const y = Number(request.period);
    period = Prisma.sql`s.date >= make_timestamptz(${y}::int, 1, 1, 0, 0, 0, 'Europe/Amsterdam')
      AND s.date < make_timestamptz(${y + 1}::int, 1, 1, 0, 0, 0, 'Europe/Amsterdam')`;
  } else if (request.period) {
    period = Prisma.sql`s.date >= now() - ${PERIOD_INTERVALS[request.period as keyof typeof PERIOD_INTERVALS]}::interval`;
  }
  return {
    kinds: request.kinds.length ? Prisma.sql`s.kind = ANY(${request.kinds}::"SearchKind"[])` : T,
    competences: request.competences.length ? Prisma.sql`s."competenceIds" && ${competenceIds}::int[]` : T,
    status: request.status ? Prisma.sql`s.status = ${request.status}::"DilemmaStatus"` : T,
    period,
  };
}

const FIRST_YEAR = 1990;

/** 1 January of each year from FIRST_YEAR to next year, in Amsterdam: a date's year is where
 *  width_bucket puts it, a binary search instead of a time zone conversion per row. */
function yearStarts(): Date[] {
  const last = new Date().getUTCFullYear() + 1;
  // Amsterdam is an hour ahead of UTC in winter.
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => new Date(Date.UTC(FIRST_YEAR + i - 1, 11, 31, 23)));
}

const PERIOD_INTERVALS = { "30d": "30 days", "1y": "1 year", "5y": "5 years" } as const;

/** A post's score: BM25 with field weights (ranking.server.ts); an answered dilemma and its
 *  accepted answer ×1.3. */
function scoreSql(c: CompiledQuery, stats: RankStats): Prisma.Sql {
  return Prisma.sql`(${bm25Sql(c.rankTerms, stats)} * CASE WHEN s.answer THEN 1.3 ELSE 1 END)`;
}

/** A thread's score: its dilemma's (or report's) plus half its best reply's. The question
 *  usually says best what a thread is about; a thread whose replies discuss the words too beats
 *  one that only names them, and a thread found through a reply alone still ranks. */
const REPLY_SHARE = 0.5;
function threadScoreSql(score: Prisma.Sql, kind: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(coalesce(max(${score}) FILTER (WHERE ${kind} <> 'reply' AND ${where}), 0)
    + ${REPLY_SHARE}::float8 * coalesce(max(${score}) FILTER (WHERE ${kind} = 'reply' AND ${where}), 0))`;
}

/** A `-word` leaves out the posts that have it, and a thread whose dilemma has it: its replies
 *  without the word do not bring it back (the dilemma says what a thread is about). */
function exclusionSql(c: CompiledQuery): Prisma.Sql {
  if (!c.excluded) return Prisma.empty;
  return Prisma.sql`AND NOT (s.kind = 'reply' AND EXISTS (SELECT 1 FROM "SearchDocument" d
    WHERE d.kind = 'dilemma' AND d."sourceId" = s."dilemmaId" AND d.doc @@ ${c.excluded}::tsquery))`;
}

type Row = {
  part: "hit" | "kind" | "status" | "competence" | "year" | "period" | "all" | "hits" | "posts";
  value: string | null;
  n: number;
  rep: number | null;
  bestReply: number | null;
  score: number | null;
  ord: number | null;
  /** The thread key: the dilemma's id, or minus the report's meeting id. */
  g: number | null;
};

type RunOptions = {
  /** The tsquery a post must match: the query's, or a narrower one (a sample). */
  match: string;
  /** Filters as flags of every match, so the facets can count what each would leave; or, when
   *  the counts come from elsewhere, in the WHERE clause (and the kind through the index). */
  filtersInWhere: boolean;
  pageSize: number;
  /** Read only dilemmas and reports (a broad search's candidates: see searchRows). */
  leadsOnly?: boolean;
  /** "counts": total, kinds, statuses, periods, matching posts; "all": also competences, years. */
  facets: "none" | "counts" | "all";
  /** About how many posts the statement reads (ranking's document frequencies): parallel
   *  workers are offered only to a statement that reads many (see PARALLEL_SCAN). */
  posts: number;
};

/**
 * The flags of a thread's row in a search (bit_or over its matching posts): which filters its
 * posts pass. A facet counts the threads that pass every filter but its own.
 */
const FLAG = {
  /** A dilemma, a reply, a report of the thread passes the period filter. */
  dilemma: 1,
  reply: 2,
  report: 4,
  /** A post passes the kind and the period filters. */
  kindAndPeriod: 8,
  competences: 16,
  status: 32,
} as const;

/** `flags & m = m`: every one of these flags is set (a constant, written into the statement). */
function allFlags(...names: (keyof typeof FLAG)[]): Prisma.Sql {
  const mask = names.reduce((m, name) => m | FLAG[name], 0);
  return Prisma.raw(`flags & ${mask} = ${mask}`);
}
const flag = (name: keyof typeof FLAG) => Prisma.raw(String(FLAG[name]));

/**
 * One statement: the page of results (threads ranked, folded) and every facet count. The
 * matches are read once (the expensive part: a common word matches tens of thousands of rows),
 * each with whether it passes each filter (and its score if it passes them all), and folded
 * into one row per thread; ranking, paging and the facets work on those thread rows. Only the
 * page's threads are read again, for their best-matching reply. A facet counts the threads that
 * pass every filter but its own. Competences and status are a thread's (a reply carries its
 * dilemma's), so those filters hold for all of a thread's rows or none.
 */
async function runSearch(
  c: CompiledQuery,
  visible: Prisma.Sql,
  f: FilterSql,
  request: SearchRequest,
  run: RunOptions,
  stats: RankStats,
): Promise<Row[]> {
  const { pageSize } = run;
  const match = run.filtersInWhere && request.kinds.length ? and(run.match, request.kinds.map((k) => quoteLexeme(kindToken(k))).join(" | ")) : run.match;
  const where = Prisma.sql`${run.filtersInWhere ? Prisma.sql`AND ${f.kinds} AND ${f.competences} AND ${f.status} AND ${f.period}` : Prisma.empty}
    ${run.leadsOnly ? Prisma.sql`AND s.kind <> 'reply'` : Prisma.empty} ${exclusionSql(c)}`;
  // Scores are the costly part (ts_rank reads every matching post's positions): only posts
  // that pass every filter are scored, and none when sorting by date (then only the page's).
  // No page (the sample only counts): nothing to score.
  const relevance = request.sort !== "newest" && pageSize > 0;
  const order = relevance ? Prisma.sql`score DESC, date DESC, g DESC` : Prisma.sql`date DESC, g DESC`;
  const counts =
    run.facets === "none"
      ? Prisma.empty
      : Prisma.sql`
    UNION ALL
    SELECT v.part, v.value, v.n, NULL, NULL, NULL, NULL, NULL
    FROM (
      SELECT count(*) FILTER (WHERE ${allFlags("dilemma", "competences", "status")})::int AS kd, count(*) FILTER (WHERE ${allFlags("reply", "competences", "status")})::int AS kr,
             count(*) FILTER (WHERE ${allFlags("report", "competences", "status")})::int AS kp,
             count(*) FILTER (WHERE ${allFlags("kindAndPeriod", "competences")} AND status = 'open')::int AS so,
             count(*) FILTER (WHERE ${allFlags("kindAndPeriod", "competences")} AND status = 'answered')::int AS sa,
             count(*) FILTER (WHERE ${allFlags("competences", "status")} AND kdate >= now() - interval '30 days')::int AS p30,
             count(*) FILTER (WHERE ${allFlags("competences", "status")} AND kdate >= now() - interval '1 year')::int AS p1,
             count(*) FILTER (WHERE ${allFlags("competences", "status")} AND kdate >= now() - interval '5 years')::int AS p5,
             count(*)::int AS n, count(*) FILTER (WHERE ${allFlags("kindAndPeriod", "competences", "status")})::int AS hits, coalesce(sum(posts), 0)::int AS posts
      FROM t) x
    CROSS JOIN LATERAL (VALUES ('kind', 'dilemma', x.kd), ('kind', 'reply', x.kr), ('kind', 'report', x.kp),
      ('status', 'open', x.so), ('status', 'answered', x.sa),
      ('period', '30d', x.p30), ('period', '1y', x.p1), ('period', '5y', x.p5), ('all', NULL, x.n),
      ('hits', NULL, x.hits), ('posts', NULL, x.posts)) AS v(part, value, n)`;
  const facets =
    run.facets !== "all"
      ? Prisma.empty
      : Prisma.sql`
    UNION ALL
    SELECT 'competence', id::text, count(*)::int, NULL, NULL, NULL, NULL, NULL
      FROM t CROSS JOIN LATERAL unnest(t.comps) AS x(id) WHERE ${allFlags("kindAndPeriod", "status")} GROUP BY id
    UNION ALL
    SELECT 'year', (${FIRST_YEAR - 1} + b)::text, count(*)::int, NULL, NULL, NULL, NULL, NULL
      FROM t CROSS JOIN LATERAL generate_series(t.ymin, t.ymax) AS b
      WHERE ${allFlags("competences", "status")} AND t.years & (1::bigint << b) <> 0 GROUP BY b`;
  const reader = readDb(); // a replica may answer searches (decision 020)
  const statement = Prisma.sql`
    WITH t AS MATERIALIZED (
      -- One row per thread, aggregated straight off the index scan (so Postgres may scan, score
      -- and pre-aggregate in parallel workers). lead: its dilemma (or report) when that passes
      -- the kind and period filters; the thread shows it, else its best reply. lead: that post.
      -- flags (one aggregate is cheaper than six): see FLAG.
      SELECT g, ${relevance ? threadScoreSql(Prisma.sql`score`, Prisma.sql`kind`, Prisma.sql`fk AND fp`) : Prisma.sql`NULL::float8`} AS score,
             min(id) FILTER (WHERE kind <> 'reply' AND fk AND fp) AS lead,
             coalesce(max(date) FILTER (WHERE kind <> 'reply' AND fk AND fp), max(date) FILTER (WHERE fk AND fp)) AS date,
             bit_or(CASE WHEN NOT fp THEN 0 WHEN kind = 'dilemma' THEN ${flag("dilemma")} WHEN kind = 'reply' THEN ${flag("reply")} ELSE ${flag("report")} END
                    | CASE WHEN fk AND fp THEN ${flag("kindAndPeriod")} ELSE 0 END | CASE WHEN fc THEN ${flag("competences")} ELSE 0 END
                    | CASE WHEN fs THEN ${flag("status")} ELSE 0 END) AS flags,
             min(status) AS status, min(comps) AS comps, max(date) FILTER (WHERE fk) AS kdate,
             -- The years (width_bucket of yearStarts) its posts of the kind filter were written in.
             bit_or(1::bigint << y) FILTER (WHERE fk AND y > 0) AS years,
             min(y) FILTER (WHERE fk AND y > 0) AS ymin, max(y) FILTER (WHERE fk AND y > 0) AS ymax,
             count(*)::int AS posts
      FROM (
        SELECT s.id, s.kind, s.status, s.date, s."competenceIds" AS comps, coalesce(s."dilemmaId", -s."sourceId") AS g,
               ${f.kinds} AS fk, ${f.competences} AS fc, ${f.status} AS fs, ${f.period} AS fp,
               ${relevance ? Prisma.sql`CASE WHEN ${f.kinds} AND ${f.competences} AND ${f.status} AND ${f.period} THEN ${scoreSql(c, stats)} END` : Prisma.sql`NULL::float8`} AS score,
               width_bucket(s.date, ${yearStarts()}::timestamptz[]) AS y
        FROM "SearchDocument" s
        WHERE s.doc @@ ${match}::tsquery AND ${visible} ${where}
      ) m
      GROUP BY g
    ), page AS (
      SELECT g, lead, score, date FROM t WHERE ${allFlags("kindAndPeriod", "competences", "status")}
      ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(request.page - 1) * pageSize}
    ), best AS (
      -- The page's threads' best matching reply and how many match, read again for those
      -- threads alone (all their matching replies, also when t read only a narrower match).
      SELECT DISTINCT ON (s."dilemmaId") s."dilemmaId" AS g, s.id, (count(*) OVER (PARTITION BY s."dilemmaId"))::int AS replies
      FROM "SearchDocument" s
      WHERE s."dilemmaId" IN (SELECT g FROM page) AND s.kind = 'reply' AND s.doc @@ ${c.match}::tsquery AND ${visible}
        AND ${f.kinds} AND ${f.period}
      ORDER BY s."dilemmaId", ${relevance ? Prisma.sql`${scoreSql(c, stats)} DESC, ` : Prisma.empty}s.date DESC, s.id DESC
    )
    SELECT 'hit' AS part, coalesce(best.replies, 0)::text AS value, (SELECT count(*) FROM t WHERE ${allFlags("kindAndPeriod", "competences", "status")})::int AS n,
           coalesce(page.lead, best.id) AS rep, best.id AS "bestReply",
           ${relevance ? Prisma.sql`page.score` : Prisma.sql`(SELECT ${scoreSql(c, stats)} FROM "SearchDocument" s WHERE s.id = coalesce(page.lead, best.id))`}::float8 AS score,
           (row_number() OVER (ORDER BY ${order}))::int AS ord, page.g
    FROM page LEFT JOIN best USING (g)
    ${counts}
    ${facets}`;
  if (run.posts < PARALLEL_FROM_POSTS) return reader.$queryRaw<Row[]>(statement);
  const [, rows] = await reader.$transaction([reader.$queryRaw(PARALLEL_SCAN), reader.$queryRaw<Row[]>(statement)]);
  return rows;
}

/**
 * Planner costs for the search statement alone (set_config(…, true) lasts until its
 * transaction ends). With Postgres' defaults, parallel workers start only for scans expected
 * to be far larger than a search's; a search matching tens of thousands of posts finishes
 * about a quarter sooner when two workers scan, score and pre-aggregate with it (bench: 90 →
 * 68 ms), while searches expected to match a few hundred stay serial (no worker start-up).
 */
const PARALLEL_SCAN = Prisma.sql`SELECT set_config('parallel_setup_cost', '50', true), set_config('parallel_tuple_cost', '0.01', true)`;
/** Below this many posts a statement runs on its own, not in a transaction with PARALLEL_SCAN:
 *  the planner would not start workers for it anyway, and the transaction costs three more round
 *  trips (BEGIN, the settings, COMMIT), each a wait for a CPU on a busy machine (decision 052). */
const PARALLEL_FROM_POSTS = 2_000;

/**
 * At most how many posts the query can match, from ranking's document frequencies (already at
 * hand: exact in a small forum, estimated from the sample bucket and cached in a large one): a
 * post that matches the query matches each of its terms. A term's positional alternatives are
 * not in its frequency; compile.server.ts keeps them only below POSITIONAL_CANDIDATES posts,
 * so that much is added. Infinity when unknown.
 */
function postsAtMost(c: CompiledQuery, stats: RankStats): number {
  if (stats.df.length === 0) return Infinity;
  const positional = c.terms.some((t) => t.query !== t.direct) ? POSITIONAL_SLACK : 0;
  return Math.min(...stats.df) + positional;
}
const POSITIONAL_SLACK = 2_000;

type SearchRows = {
  /** The facet rows (and whatever else the statement that counted returned). */
  rows: Row[];
  hitRows: Row[];
  total: number;
  unfilteredTotal: number;
  estimated: SearchOutcome["estimated"];
};

const hitsIn = (rows: Row[]) => rows.filter((r) => r.part === "hit").sort((a, b) => a.ord! - b.ord!);
const countOf = (rows: Row[], part: Row["part"]) => rows.find((r) => r.part === part)?.n ?? 0;

/** n sampled threads (or posts) → the estimate for all, rounded to two significant digits. */
export function estimateFromSample(n: number): number {
  const all = n * SAMPLE_BUCKETS;
  if (all < 100) return all;
  const unit = 10 ** (Math.floor(Math.log10(all)) - 1);
  return Math.round(all / unit) * unit;
}

/**
 * The rows of a search. Most searches read every match once (runSearch): exact counts and
 * ranking. A broad one, a word in a large part of the forum ("bewoners": 85 000 of the bench's
 * 290 000 posts), cannot be read whole in a page's time, so:
 * - one sample bucket of threads (a sixteenth: sampleToken) is always read first. It says
 *   whether the search is broad; for a broad one its counts times 16 are the facets and total,
 *   shown as estimates (a thread is in or out of the sample whole, so thread counts scale);
 * - the page ranks the threads by their dilemmas and reports alone (replies are 93 % of the
 *   posts; a partial index holds the others), when there are enough of them for the page.
 *   Strong text matches are among them, not only titles; a thread's best reply is still shown
 *   beneath, but does not add to its score (decision 043). Otherwise (too few, only replies
 *   asked for, or sorted by date) every match is read, with the filters in the WHERE clause
 *   and without facets; then the total is exact.
 */
async function searchRows(
  c: CompiledQuery,
  visible: Prisma.Sql,
  f: FilterSql,
  request: SearchRequest,
  opts: { pageSize: number; withFacets: boolean; exactPosts: number },
  stats: RankStats,
): Promise<SearchRows> {
  const { pageSize, withFacets } = opts;
  const atMost = postsAtMost(c, stats);
  // When the terms' frequencies already say the search is not broad, the sample is not read
  // (a statement saved for most searches, decision 052).
  const sample =
    atMost <= opts.exactPosts
      ? null
      : await runSearch(c, visible, f, request, {
          match: and(c.match, quoteLexeme(sampleBucketToken(0))),
          filtersInWhere: false,
          pageSize: 0,
          facets: withFacets ? "all" : "counts",
          posts: atMost / SAMPLE_BUCKETS,
        }, stats);
  if (sample === null || countOf(sample, "posts") * SAMPLE_BUCKETS <= opts.exactPosts) {
    const rows = await runSearch(c, visible, f, request, {
      match: c.match,
      filtersInWhere: false,
      pageSize,
      // Past page 1 the counts come along (cheap: one aggregate over the threads already read),
      // so a page beyond the last still knows the total and can say where the results are.
      facets: withFacets ? "all" : request.page > 1 ? "counts" : "none",
      posts: Math.min(atMost, opts.exactPosts),
    }, stats);
    const hitRows = hitsIn(rows);
    const total = hitRows[0]?.n ?? countOf(rows, "hits");
    return { rows, hitRows, total, unfilteredTotal: withFacets ? countOf(rows, "all") : total, estimated: EXACT };
  }
  const estimatedTotal = estimateFromSample(countOf(sample, "hits"));
  const rows = sample.map((r) => ({ ...r, n: estimateFromSample(r.n) }));
  const unfilteredTotal = estimateFromSample(countOf(sample, "all"));
  const end = request.page * pageSize;
  if (request.sort !== "newest" && !request.kinds.includes("reply")) {
    const leads = hitsIn(await runSearch(c, visible, f, request, { match: c.match, filtersInWhere: true, leadsOnly: true, pageSize, facets: "none", posts: atMost }, stats));
    const leadThreads = leads[0]?.n ?? 0;
    if (leadThreads >= end) {
      const total = Math.max(estimatedTotal, leadThreads);
      return { rows, hitRows: leads, total, unfilteredTotal, estimated: { total: true, facets: true } };
    }
  }
  // Past page 1 the count comes along, so a page beyond the last still answers the total.
  const read = await runSearch(c, visible, f, request, { match: c.match, filtersInWhere: true, pageSize, facets: request.page > 1 ? "counts" : "none", posts: atMost }, stats);
  const hitRows = hitsIn(read);
  const exact = hitRows[0]?.n ?? (request.page > 1 ? countOf(read, "hits") : undefined);
  return {
    rows,
    hitRows,
    total: exact ?? estimatedTotal,
    unfilteredTotal,
    estimated: { total: exact === undefined, facets: true },
  };
}

const PARTIAL_FEW = 5;
const PARTIAL_MAX_TERMS = 6;

/** Of n words, how many a partial match must have: all but one of up to four, 60 % of more
 *  (a question typed as a sentence has words no answer repeats). */
export function partialRequired(n: number): number {
  return n <= 4 ? n - 1 : Math.ceil(n * 0.6);
}

/**
 * Threads that have most of the query's words (partialRequired) somewhere in them — in the
 * dilemma, a reply or both — ranked by how many words they share and then as usual; none of
 * `except` (the full results). Only asked when the full results are few: a question typed as
 * a sentence ("hoe ga je om met discriminatie in de buurtapp") rarely has all its words in one
 * post, while the thread that answers it has them between its posts. Terms that match many
 * posts (broadTerms: with their forms, parts and synonyms) do not bring threads in (that would
 * read half the forum), but count when a thread has them.
 */
async function partialMatches(
  c: CompiledQuery,
  visible: Prisma.Sql,
  f: FilterSql,
  /** Thread keys already shown. */
  except: number[],
  limit: number,
  stats: RankStats,
): Promise<Row[]> {
  const terms = c.terms.slice(0, PARTIAL_MAX_TERMS);
  if (terms.length < 2) return [];
  // c.terms and c.rankTerms are the same positive terms in the same order (no prefix here).
  // Rare words, and pairs of common words that are rare together (compile.server.ts).
  const telling = await partialBringIn(terms, stats.df, { perTerm: PARTIAL_TERM_POSTS, budget: PARTIAL_PAIR_POSTS, required: partialRequired(terms.length) });
  if (telling.length === 0) return [];
  // A term brings threads in through its words, forms and whole-word expansions; the
  // alternatives matched by position (parts written apart) only count for a thread brought in
  // (`has`): for two common parts the GIN index would hand over every post with both, each read
  // and rechecked (bench: 16 800 posts, 450 ms, for "bewonersgroep overdragen").
  const any = telling.map((t) => `( ${t} )`).join(" | ");
  const match = c.exclusions ? `( ${any} ) & ${c.exclusions}` : any;
  const has = Prisma.join(
    terms.map((t, i) => Prisma.sql`CASE WHEN s.doc @@ ${t.query}::tsquery THEN ${1 << i}::int ELSE 0 END`),
    " | ",
  );
  // Scores only for the posts of threads that share enough words (most posts a word brings in
  // are of threads that have only that word): the costly part is scoring, not matching.
  return readDb().$queryRaw<Row[]>`
    WITH hit AS (
      -- With the vector and the answer flag, so scoring below reads no post a second time.
      SELECT s.id, s.kind, s.date, coalesce(s."dilemmaId", -s."sourceId") AS g, (${has}) AS has, s.doc, s.answer
      FROM "SearchDocument" s
      WHERE s.doc @@ ${match}::tsquery AND ${visible} AND ${f.kinds} AND ${f.competences} AND ${f.status} AND ${f.period}
        AND coalesce(s."dilemmaId", -s."sourceId") <> ALL(${except}::int[]) ${exclusionSql(c)}
      LIMIT ${PARTIAL_POSTS}
    ), thread AS (
      -- The words a thread has between its posts (a bit each).
      SELECT * FROM (
        SELECT g, length(replace(bit_or(has)::bit(${Prisma.raw(String(PARTIAL_MAX_TERMS))})::text, '0', ''))::int AS shared, max(date) AS date
        FROM hit GROUP BY g) x
      WHERE shared >= ${partialRequired(terms.length)}
    ), scored AS (
      SELECT s.g, s.id, s.kind, ${scoreSql(c, stats)} AS score
      FROM hit s JOIN thread USING (g)
    ), page AS (
      -- Ranked by the words shared, then as a full result (threadScoreSql).
      SELECT thread.g, thread.shared + x.score AS score,
             row_number() OVER (ORDER BY thread.shared DESC, x.score DESC, thread.date DESC, thread.g DESC)::int AS ord
      FROM thread JOIN (SELECT g, ${threadScoreSql(Prisma.sql`score`, Prisma.sql`kind`, Prisma.sql`TRUE`)} AS score FROM scored GROUP BY g) x USING (g)
      ORDER BY thread.shared DESC, x.score DESC, thread.date DESC, thread.g DESC LIMIT ${limit}
    ), shown AS (
      -- The thread is shown by its dilemma when that has one of the words, else by its best reply.
      SELECT DISTINCT ON (scored.g) scored.g, scored.id FROM scored JOIN page USING (g) ORDER BY scored.g, scored.kind = 'reply', scored.score DESC
    ), best AS (
      SELECT DISTINCT ON (scored.g) scored.g, scored.id FROM scored JOIN page USING (g)
      WHERE scored.kind = 'reply' ORDER BY scored.g, scored.score DESC
    )
    SELECT 'hit' AS part, NULL AS value, 0 AS n, shown.id AS rep, best.id AS "bestReply", page.score::float8 AS score, page.ord, page.g
    FROM page JOIN shown USING (g) LEFT JOIN best USING (g)
    ORDER BY page.ord`;
}

/** A term matching more posts than this (ranking's document frequency, ranking.server.ts)
 *  cannot bring threads into the partial matches (it still counts for a thread that has it):
 *  every post it brings in is read. Judged on what is searched (the term's forms, parts and
 *  synonyms: a rare word's synonym or part may be everywhere), not on the word as typed. */
const PARTIAL_TERM_POSTS = 2_000;
/** And the pass reads at most this many posts in all (decision 043: its time is bounded). */
const PARTIAL_POSTS = 3_000;
/** Of which pairs of common words (compile.server.ts partialBringIn) bring in at most this many. */
const PARTIAL_PAIR_POSTS = 1_000;

/** Whether a query finds more than `than` results (threads) for this viewer, without filters.
 *  Reads the first few hundred matching posts, not all: a corrected common word may match
 *  tens of thousands, and `than` is tiny (a suggestion is only looked for below 3 results). */
async function findsMore(c: CompiledQuery, visible: Prisma.Sql, than: number): Promise<boolean> {
  if (!c.match) return false;
  const sample = async (posts: number | null) => {
    const [row] = await readDb().$queryRaw<{ threads: number; posts: number }[]>`
      SELECT count(DISTINCT g)::int AS threads, count(*)::int AS posts FROM (
        SELECT coalesce(s."dilemmaId", -s."sourceId") AS g FROM "SearchDocument" s
        WHERE s.doc @@ ${c.match}::tsquery AND ${visible}
        ${posts === null ? Prisma.empty : Prisma.sql`LIMIT ${posts}`}) x`;
    return row ?? { threads: 0, posts: 0 };
  };
  const first = await sample(FINDS_MORE_SAMPLE);
  if (first.threads > than) return true;
  if (first.posts < FINDS_MORE_SAMPLE) return false; // that was all of them
  return (await sample(null)).threads > than; // hundreds of posts in a few threads: count all
}
const FINDS_MORE_SAMPLE = 200;

type DocRow = {
  id: number;
  kind: SearchKind;
  sourceId: number;
  dilemmaId: number | null;
  competenceIds: number[];
  status: DilemmaStatus | null;
  date: Date;
  answer: boolean;
  hidden: boolean;
  threadHidden: boolean;
  draft: boolean;
  title: string;
  body: string;
  handle: string | null;
  displayName: string | null;
  organisation: string | null;
  erasedAt: Date | null;
  photoId: number | null;
  authorId: number | null;
};

function urlOf(d: DocRow): string {
  if (d.kind === "reply") return replyPermalink(d.sourceId);
  if (d.kind === "report") return meetingPath({ id: d.sourceId });
  return dilemmaPath({ id: d.sourceId, title: d.title });
}

function tagsOf(ids: number[], byId: Map<number, CompetenceInfo>): CompetenceTag[] {
  return ids
    .map((id) => byId.get(id))
    .filter((c): c is CompetenceInfo => c !== undefined)
    .map(({ slug, nameNl, nameEn, retired }) => ({ slug, nameNl, nameEn, retired }))
    .sort((a, b) => a.nameNl.localeCompare(b.nameNl, "nl"));
}

function authorOf(d: DocRow): SearchHit["author"] {
  if (d.kind === "report" || d.handle === null || d.displayName === null) return null;
  return { member: toAuthorView({ ...d, handle: d.handle, displayName: d.displayName }) };
}

async function hitsOf(rows: Row[], h: Highlighter, byId: Map<number, CompetenceInfo>): Promise<SearchHit[]> {
  const ids = rows.flatMap((r) => [r.rep!, ...(r.bestReply !== null && r.bestReply !== r.rep ? [r.bestReply] : [])]);
  if (ids.length === 0) return [];
  const docs = await readDb().$queryRaw<DocRow[]>`
    SELECT s.id, s.kind, s."sourceId", s."dilemmaId", s."competenceIds", s.status, s.date, s.answer, s.hidden,
           s."threadHidden", s.draft, t.title, t.body,
           u.handle, u."displayName", u.organisation, u."erasedAt", u."photoId", s."authorId"
    FROM "SearchDocument" s JOIN "SearchText" t ON t."documentId" = s.id
    LEFT JOIN "User" u ON u.id = s."authorId"
    WHERE s.id = ANY(${ids}::int[])`;
  const byDoc = new Map(docs.map((d) => [d.id, d]));
  const hits: SearchHit[] = [];
  for (const r of rows) {
    const d = byDoc.get(r.rep!);
    if (!d) continue; // removed between the two statements
    const reply = r.bestReply !== null && r.bestReply !== r.rep ? byDoc.get(r.bestReply) : undefined;
    const hit: SearchHit = {
      kind: d.kind,
      id: d.sourceId,
      dilemmaId: d.kind === "dilemma" ? d.sourceId : d.dilemmaId,
      url: urlOf(d),
      title: d.kind === "reply" ? [{ text: d.title, mark: false }] : highlightAll(d.title, h),
      titleText: d.title,
      snippet: snippet(d.body, h),
      score: Math.round((r.score ?? 0) * 1e4) / 1e4,
      date: d.date,
      status: d.status,
      competences: tagsOf(d.competenceIds, byId),
      hidden: d.hidden || d.threadHidden,
      draft: d.draft,
      answer: d.answer,
      author: authorOf(d),
      reply: reply
        ? { id: reply.sourceId, url: urlOf(reply), snippet: snippet(reply.body, h, 160), answer: reply.answer }
        : null,
      matchingReplies: d.kind === "dilemma" ? Number(r.value ?? 0) : 0,
    };
    authorIdOf.set(hit, d.kind === "report" ? null : d.authorId);
    hits.push(hit);
  }
  return hits;
}

/** Who wrote a hit (a cached answer's authors are read again each time: see search). */
const authorIdOf = new WeakMap<SearchHit, number | null>();

/** The facets from the counting rows. Competences with no count are left out, except when the
 *  counts are estimates: then a competence the sample did not meet may still have a few
 *  results, so every current competence stays a choice (the page says "enkele"). */
function facetsOf(rows: Row[], request: SearchRequest, competences: CompetenceInfo[], estimated: boolean): SearchFacets {
  const pick = (part: Row["part"]) => rows.filter((r) => r.part === part);
  const counts = (part: Row["part"]) => new Map(pick(part).map((r) => [r.value ?? "", r.n]));
  const kinds = counts("kind");
  const statuses = counts("status");
  const byCompetence = counts("competence");
  const periods = counts("period");
  return {
    kinds: SEARCH_KINDS.map((k) => ({ value: k, count: kinds.get(k) ?? 0 })),
    statuses: ["open", "answered"].map((s) => ({ value: s, count: statuses.get(s) ?? 0 })),
    competences: competences
      .map((c) => ({
        slug: c.slug,
        nameNl: c.nameNl,
        nameEn: c.nameEn,
        retired: c.retired,
        count: byCompetence.get(String(c.id)) ?? 0,
        selected: request.competences.includes(c.slug),
      }))
      .filter((c) => c.count > 0 || c.selected || (estimated && !c.retired)),
    periods: [
      ...RELATIVE_PERIODS.map((p) => ({ value: p, count: periods.get(p) ?? 0 })),
      ...pick("year")
        .map((r) => ({ value: r.value ?? "", count: r.n }))
        .sort((a, b) => Number(b.value) - Number(a.value)),
    ],
  };
}

/** Search as the viewer may see. Odd input gives a blank outcome, never an error.
 *  The same search asked again while the index has not changed is answered from the result
 *  cache (result-cache.server.ts, decision 052); only its authors are read again. */
export async function search(guardian: Guardian, request: SearchRequest, opts: SearchOptions = {}): Promise<SearchOutcome> {
  if (!request.q) return searchUncached(guardian, request, opts, null);
  const compiled = await compileQuery(request.q, { prefix: opts.prefix });
  if (!compiled.match || opts.cache === false) return searchUncached(guardian, request, opts, compiled);
  const key = JSON.stringify([
    request,
    compiled.match,
    compiled.rankTerms,
    compiled.excluded,
    guardian.searchScope(),
    opts.prefix ?? false,
    opts.pageSize ?? PAGE_SIZE,
    opts.facets ?? true,
    opts.exactPosts ?? env().SEARCH_EXACT_POSTS,
    opts.correct ?? true,
    opts.partial ?? true,
  ]);
  const held = resultCache.peek(key);
  // One statement: the generation, and the authors of the answer held (if any).
  const [now] = await readDb().$queryRaw<{ generation: string | null; users: AuthorRow[] }[]>`
    -- No row yet: the index was not written since the table came (its first write makes it).
    SELECT coalesce((SELECT generation::text FROM "SearchIndexGeneration" WHERE id = 1), 'unwritten') AS generation,
      (SELECT coalesce(json_agg(json_build_object('id', u.id, 'handle', u.handle, 'displayName', u."displayName",
         'organisation', u.organisation, 'erasedAt', u."erasedAt", 'photoId', u."photoId")), '[]'::json)
       FROM "User" u WHERE u.id = ANY(${held ? held.authors.filter((a): a is number => a !== null) : []}::int[])) AS users`;
  const generation = now?.generation ?? null;
  let outcome: SearchOutcome;
  // The entry held must still be the one whose authors were read, and of this generation.
  if (held && generation !== null && resultCache.get(key, generation) === held) {
    outcome = withAuthors(held, now!.users);
  } else {
    outcome = await searchUncached(guardian, request, { ...opts, recordMiss: false }, compiled);
    if (generation !== null) {
      const authors = [...outcome.hits, ...outcome.partial].map((h) => authorIdOf.get(h) ?? null);
      resultCache.set(key, generation, { outcome, authors }, JSON.stringify(outcome).length * 2);
    }
  }
  if (opts.recordMiss && request.page === 1 && opts.facets !== false && outcome.blank === null && outcome.unfilteredTotal === 0 && outcome.partial.length === 0 && !outcome.corrected) {
    await recordSearchMiss(request.q);
  }
  return outcome;
}

type AuthorRow = { id: number; handle: string; displayName: string; organisation: string | null; erasedAt: string | null; photoId: number | null };
type CachedSearch = { outcome: SearchOutcome; authors: (number | null)[] };
const resultCache = new ResultCache<CachedSearch>();

/** How many answers came from the result cache, and what it holds (tests, bench). */
export function searchCacheStats(): { hits: number; entries: number; bytes: number } {
  return { hits: resultCache.hits, ...resultCache.size };
}

/** A cached answer with its authors as they are now (a name, photo or erasure changes no
 *  search document). */
function withAuthors({ outcome, authors }: CachedSearch, users: AuthorRow[]): SearchOutcome {
  const byId = new Map(users.map((u) => [u.id, u]));
  let i = 0;
  const fresh = (h: SearchHit): SearchHit => {
    const id = authors[i++] ?? null;
    const u = id === null ? undefined : byId.get(id);
    const author = u ? { member: toAuthorView({ ...u, erasedAt: u.erasedAt === null ? null : new Date(u.erasedAt) }) } : null;
    const hit = { ...h, author };
    authorIdOf.set(hit, id);
    return hit;
  };
  const hits = outcome.hits.map(fresh);
  const partial = outcome.partial.map(fresh);
  return { ...outcome, hits, partial };
}

async function searchUncached(guardian: Guardian, request: SearchRequest, opts: SearchOptions, precompiled: CompiledQuery | null): Promise<SearchOutcome> {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const blank = (why: SearchOutcome["blank"]): SearchOutcome => ({
    request,
    blank: why,
    hits: [],
    total: 0,
    unfilteredTotal: 0,
    pageCount: 0,
    facets: EMPTY_FACETS,
    estimated: EXACT,
    suggestion: null,
    corrected: null,
    partial: [],
  });
  if (!request.q) return blank("empty");
  const compiled = precompiled ?? (await compileQuery(request.q, { prefix: opts.prefix }));
  if (!compiled.match) return blank("noTerms");
  const competences = await competenceCache.get();
  const competenceIds = request.competences.flatMap((slug) => {
    const c = competences.bySlug.get(slug);
    return c ? [c.id] : [];
  });
  const visible = visibilitySql(guardian.searchScope());
  const withFacets = opts.facets !== false;
  const filters = filterSql(request, competenceIds);
  const stats = await rankStats(compiled.rankTerms);
  const { rows, hitRows, total, unfilteredTotal, estimated } = await searchRows(compiled, visible, filters, request, {
    pageSize,
    withFacets,
    exactPosts: opts.exactPosts ?? env().SEARCH_EXACT_POSTS,
  }, stats);
  const hits = await hitsOf(hitRows, compiled.highlighter, competences.byId);

  let suggestion: SearchOutcome["suggestion"] = null;
  if (request.page === 1 && unfilteredTotal < 3 && !opts.prefix) {
    const candidates = await suggestionsFor(request.q, unfilteredTotal === 0);
    for (const s of candidates) {
      if (await findsMore(await compileQuery(s.query), visible, unfilteredTotal)) {
        suggestion = { query: s.query, href: searchHref(request, { q: s.query }) };
        break;
      }
    }
    // Nothing found, and the careful correction (only words neither the forum nor the
    // dictionary knows) finds something: show its results at once, with a way back.
    const careful = candidates.find((c) => c.careful);
    if (unfilteredTotal === 0 && suggestion && careful?.query === suggestion.query && !request.exact && opts.correct !== false && mayCorrect(request.q)) {
      const outcome = await search(guardian, { ...request, q: suggestion.query }, { ...opts, recordMiss: false, correct: false });
      if (outcome.total > 0 || outcome.partial.length > 0) {
        return { ...outcome, corrected: { from: request.q, href: searchHref(request, { exact: true }) } };
      }
    }
  }
  let partial: SearchHit[] = [];
  if (request.page === 1 && total < PARTIAL_FEW && !opts.prefix && opts.partial !== false) {
    // The threads already shown do not come back as partial matches.
    const shown = hitRows.map((r) => r.g!);
    partial = await hitsOf(
      await partialMatches(compiled, visible, filters, shown, PARTIAL_FEW, stats),
      compiled.highlighter,
      competences.byId,
    );
  }
  if (opts.prefix && typingPrefix(request.q)) {
    // The list while typing reads the last word as a prefix ("vrijwi" → vrijwilligers), but its
    // count says what the search page will answer for the words as typed (its total, estimate
    // and correction included): the count leads to that page, so the two must agree.
    const page = await search(guardian, request, { ...opts, prefix: false, facets: false, pageSize: 1, recordMiss: false, partial: false });
    return {
      request,
      blank: null,
      hits,
      total: page.total,
      unfilteredTotal: page.unfilteredTotal,
      pageCount: Math.ceil(total / pageSize),
      facets: EMPTY_FACETS,
      estimated: page.estimated,
      suggestion: null,
      corrected: null,
      partial,
    };
  }
  return {
    request,
    blank: null,
    hits,
    total,
    unfilteredTotal,
    pageCount: Math.ceil(total / pageSize),
    facets: withFacets ? facetsOf(rows, request, competences.list, estimated.facets) : EMPTY_FACETS,
    estimated,
    suggestion,
    corrected: null,
    partial,
  };
}

/** Whether a query may be corrected without asking: not when it has an abbreviation (WMO,
 *  GGZ) or a name (a capital inside the query, Verwey-Jonker). Those stay "Bedoelde je …?", a
 *  link the member chooses. (Real words are never corrected: see suggestionsFor.) */
function mayCorrect(q: string): boolean {
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
  return words.every((w, i) => !/\p{Lu}.*\p{Lu}/u.test(w) && !(i > 0 && /^\p{Lu}/u.test(w)) && !(w.includes("-") && /\p{Lu}/u.test(w)));
}

