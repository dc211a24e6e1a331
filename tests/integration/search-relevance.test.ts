// The relevance set: a fixed corpus of dilemmas, replies and reports written as practitioners
// write (tests/fixtures/search-corpus.jsonl, loaded with the content importer) and Dutch
// queries, each with the documents that must be in its top 5
// (tests/fixtures/search-queries.json, read through tests/support/relevance-suite.ts, which the
// scale bench shares). Prints thread-level recall@5 (per mechanism), document recall@5 and MRR
// for our search and for a plain Postgres baseline (to_tsvector('dutch') /
// plainto_tsquery('dutch')), and fails when our thread-level recall@5 drops under 0.95.
import { beforeAll, describe, expect, it } from "vitest";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";
import {
  coveredRefs,
  loadSuite,
  mechanismOf,
  suiteQueries,
  threadRecallAt5,
  type SuiteQuery,
  type SuiteRefs,
} from "../support/relevance-suite";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

type Query = SuiteQuery;
const queries = suiteQueries();
let refs: SuiteRefs;
const refOf = new Map<string, string>();
const covered = (hit: Parameters<typeof coveredRefs>[0]) => coveredRefs(hit, refs);

type Scored = { recall: number; reciprocalRank: number; top: string[][] };

function score(expected: string[], ranked: string[][]): Scored {
  const top = ranked.slice(0, 5);
  const found = new Set(top.flat());
  const recall = expected.filter((e) => found.has(e)).length / expected.length;
  const first = ranked.findIndex((refs) => refs.some((r) => expected.includes(r)));
  return { recall, reciprocalRank: first < 0 ? 0 : 1 / (first + 1), top };
}

async function ours(query: Query): Promise<{ ranked: string[][]; all: string[]; threadRecall: number; via?: string }> {
  let outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: query.q })));
  let via: string | undefined;
  // A query that finds little offers "Bedoelde je …?": judged by where that link leads.
  if (query.typo && outcome.suggestion && outcome.hits.length === 0) {
    via = outcome.suggestion.query;
    outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: via })));
  }
  const shown = [...outcome.hits, ...outcome.partial];
  const ranked = shown.map(covered);
  return { ranked, all: ranked.flat(), threadRecall: threadRecallAt5(query.expect, shown, refs), via };
}

async function baseline(query: Query): Promise<string[][]> {
  const rows = await database.query<{ kind: string; id: number }>(
    `WITH doc AS (
       SELECT 'dilemma' AS kind, id, to_tsvector('dutch', title || ' ' || "bodyMd") AS v FROM "Dilemma"
       UNION ALL SELECT 'reply', id, to_tsvector('dutch', "bodyMd") FROM "Reply"
       UNION ALL SELECT 'report', id, to_tsvector('dutch', title || ' ' || "summaryMd" || ' ' || array_to_string(takeaways, ' '))
         FROM "Meeting"
     )
     SELECT kind, id FROM doc WHERE v @@ plainto_tsquery('dutch', $1)
     ORDER BY ts_rank(v, plainto_tsquery('dutch', $1)) DESC, kind, id LIMIT 5`,
    [query.q],
  );
  return rows.map((r) => [refOf.get(`${r.kind}:${r.id}`) ?? "?"]);
}

beforeAll(async () => {
  refs = await loadSuite();
  for (const [k, v] of refs.refOf) refOf.set(k, v);
}, 60_000);

describe("relevance", () => {
  it("has a corpus and query set of the agreed size", () => {
    expect(refOf.size).toBeGreaterThanOrEqual(60);
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(queries.filter((q) => q.q.trim().split(/\s+/).length >= 3).length).toBeGreaterThanOrEqual(60);
  });

  it("finds each query's threads in its top 5 (thread recall@5 ≥ 0.95), better than plain Postgres Dutch", async () => {
    const mine: (Scored & { thread: number; mechanism: string })[] = [];
    const base: Scored[] = [];
    const misses: string[] = [];
    for (const query of queries) {
      const result = await ours(query);
      const s = score(query.expect, result.ranked);
      mine.push({ ...s, thread: result.threadRecall, mechanism: mechanismOf(query) });
      base.push(score(query.expect, await baseline(query)));
      for (const ref of query.exclude ?? []) expect(result.all, `${query.q} must not find ${ref}`).not.toContain(ref);
      if (result.threadRecall < 1) {
        misses.push(`  ${JSON.stringify(query.q)}${result.via ? ` → ${JSON.stringify(result.via)}` : ""} [${mechanismOf(query)}]: expected ${query.expect.join(", ")}, top 5 ${JSON.stringify(s.top)}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const recall = mean(mine.map((s) => s.recall));
    const threadRecall = mean(mine.map((s) => s.thread));
    const mrr = mean(mine.map((s) => s.reciprocalRank));
    const baseRecall = mean(base.map((s) => s.recall));
    const baseMrr = mean(base.map((s) => s.reciprocalRank));
    const mechanisms = [...new Set(mine.map((s) => s.mechanism))].map(
      (m) => `${m} ${mean(mine.filter((s) => s.mechanism === m).map((s) => s.thread)).toFixed(2)}`,
    );
    console.log(
      `[search relevance] ${queries.length} queries over ${refOf.size} documents\n` +
        `  ours:     thread recall@5 ${threadRecall.toFixed(3)}  document recall@5 ${recall.toFixed(3)}  MRR ${mrr.toFixed(3)}\n` +
        `  per mechanism (thread recall@5): ${mechanisms.join(" · ")}\n` +
        `  baseline: document recall@5 ${baseRecall.toFixed(3)}  MRR ${baseMrr.toFixed(3)}  (to_tsvector/plainto_tsquery 'dutch')` +
        (misses.length ? `\n  not (fully) found:\n${misses.join("\n")}` : ""),
    );
    expect(threadRecall).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThan(baseRecall);
  }, 120_000);
});
