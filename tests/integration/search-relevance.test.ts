// The relevance set: a fixed corpus of dilemmas, replies and reports written as practitioners
// write (tests/fixtures/search-corpus.jsonl, loaded with the content importer) and Dutch
// queries, each with the documents that must be in its top 5
// (tests/fixtures/search-queries.json). Prints recall@5 and MRR for our search and for a plain
// Postgres baseline (to_tsvector('dutch') / plainto_tsquery('dutch')), and fails when our
// recall@5 drops under 0.9.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { importContent } from "~/search/content-import.server";
import { searchRequestFromParams } from "~/search/params";
import { search, type SearchHit } from "~/search/search.server";
import { competences as demoCompetences } from "../../prisma/seed/demo-content";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

type Query = { q: string; expect: string[]; exclude?: string[]; typo?: boolean; note?: string };
const { queries } = JSON.parse(fs.readFileSync("tests/fixtures/search-queries.json", "utf8")) as { queries: Query[] };

/** Competences the corpus uses besides the demo's: a grown circle's list. */
const EXTRA_COMPETENCES: [string, string, string][] = [
  ["grenzen-stellen", "Grenzen stellen", "Setting boundaries"],
  ["vrijwilligers-begeleiden", "Vrijwilligers begeleiden", "Supporting volunteers"],
  ["samenwerken-met-partners", "Samenwerken met partners", "Working with partners"],
  ["signaleren", "Signaleren", "Spotting problems early"],
  ["diversiteit", "Werken met diversiteit", "Working with diversity"],
  ["verantwoorden", "Resultaten zichtbaar maken", "Making results visible"],
  ["conflicten-hanteren", "Conflicten hanteren", "Handling conflicts"],
  ["informele-zorg", "Informele zorg versterken", "Strengthening informal care"],
  ["jongerenwerk", "Aansluiten bij jongeren", "Connecting with young people"],
];

const refOf = new Map<string, string>(); // "dilemma:12" → "d03"

function covered(hit: SearchHit): string[] {
  const refs = [refOf.get(`${hit.kind}:${hit.id}`)];
  if (hit.reply) refs.push(refOf.get(`reply:${hit.reply.id}`));
  return refs.filter((r): r is string => r !== undefined);
}

type Scored = { recall: number; reciprocalRank: number; top: string[][] };

function score(expected: string[], ranked: string[][]): Scored {
  const top = ranked.slice(0, 5);
  const found = new Set(top.flat());
  const recall = expected.filter((e) => found.has(e)).length / expected.length;
  const first = ranked.findIndex((refs) => refs.some((r) => expected.includes(r)));
  return { recall, reciprocalRank: first < 0 ? 0 : 1 / (first + 1), top };
}

async function ours(query: Query): Promise<{ ranked: string[][]; all: string[]; via?: string }> {
  let outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: query.q })));
  let via: string | undefined;
  // A query that finds little offers "Bedoelde je …?": judged by where that link leads.
  if (query.typo && outcome.suggestion) {
    via = outcome.suggestion.query;
    outcome = await search(visitor, searchRequestFromParams(new URLSearchParams({ q: via })));
  }
  const ranked = [...outcome.hits, ...outcome.partial].map(covered);
  return { ranked, all: ranked.flat(), via };
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
  const all = [
    ...demoCompetences.map((c) => ({ slug: c.slug, nameNl: c.nameNl, nameEn: c.nameEn, synonyms: c.synonyms })),
    ...EXTRA_COMPETENCES.map(([slug, nameNl, nameEn]) => ({ slug, nameNl, nameEn, synonyms: [] })),
  ];
  await db.competence.createMany({ data: all });
  const result = await importContent(fs.readFileSync("tests/fixtures/search-corpus.jsonl", "utf8"));
  if (!result.ok) throw new Error(`corpus import failed: ${JSON.stringify(result.errors)}`);
  for (const r of await db.contentImportRef.findMany()) refOf.set(`${r.kind}:${r.targetId}`, r.ref);
}, 60_000);

describe("relevance", () => {
  it("has a corpus and query set of the agreed size", () => {
    expect(refOf.size).toBeGreaterThanOrEqual(60);
    expect(queries.length).toBeGreaterThanOrEqual(40);
  });

  it("finds what each query must find in its top 5 (recall@5 ≥ 0.9), better than plain Postgres Dutch", async () => {
    const mine: Scored[] = [];
    const base: Scored[] = [];
    const misses: string[] = [];
    for (const query of queries) {
      const result = await ours(query);
      const s = score(query.expect, result.ranked);
      mine.push(s);
      base.push(score(query.expect, await baseline(query)));
      for (const ref of query.exclude ?? []) expect(result.all, `${query.q} must not find ${ref}`).not.toContain(ref);
      if (s.recall < 1) {
        misses.push(`  ${JSON.stringify(query.q)}${result.via ? ` → ${JSON.stringify(result.via)}` : ""}: expected ${query.expect.join(", ")}, top 5 ${JSON.stringify(s.top)}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const recall = mean(mine.map((s) => s.recall));
    const mrr = mean(mine.map((s) => s.reciprocalRank));
    const baseRecall = mean(base.map((s) => s.recall));
    const baseMrr = mean(base.map((s) => s.reciprocalRank));
    console.log(
      `[search relevance] ${queries.length} queries over ${refOf.size} documents\n` +
        `  ours:     recall@5 ${recall.toFixed(3)}  MRR ${mrr.toFixed(3)}\n` +
        `  baseline: recall@5 ${baseRecall.toFixed(3)}  MRR ${baseMrr.toFixed(3)}  (to_tsvector/plainto_tsquery 'dutch')` +
        (misses.length ? `\n  not (fully) found:\n${misses.join("\n")}` : ""),
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThan(baseRecall);
  }, 120_000);
});
