// The relevance suite (tests/fixtures/search-corpus.jsonl and search-queries.json), shared by
// its integration test (the suite alone, in a test database) and the bench (bench/search-scale.ts:
// the same documents alone and mixed into the 20 000-dilemma bench data). Scores are
// thread-level: a result stands for its thread (a dilemma with its replies, or a report), and a
// query's expected documents stand for theirs, because search folds a thread into one result.
import fs from "node:fs";
import { db } from "~/platform/db.server";
import { importContent } from "~/search/content-import.server";
import type { SearchHit } from "~/search/search.server";
import { competences as demoCompetences } from "../../prisma/seed/demo-content";

export type SuiteQuery = {
  q: string;
  expect: string[];
  exclude?: string[];
  typo?: boolean;
  note?: string;
  /** What the query exercises; the bench prints recall per mechanism. */
  mechanism?: string;
};

export const CORPUS_FILE = "tests/fixtures/search-corpus.jsonl";
export const QUERIES_FILE = "tests/fixtures/search-queries.json";

export function suiteQueries(): SuiteQuery[] {
  return (JSON.parse(fs.readFileSync(QUERIES_FILE, "utf8")) as { queries: SuiteQuery[] }).queries;
}

/** Competences the corpus uses besides the demo's: a grown circle's list. */
export const EXTRA_COMPETENCES: [string, string, string][] = [
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

/** What a suite run needs to read results: document → ref, and ref → its thread's ref. */
export type SuiteRefs = { refOf: Map<string, string>; threadOf: Map<string, string> };

/** Loads the corpus into the current database (competences first; ones already there stay). */
export async function loadSuite(): Promise<SuiteRefs> {
  const all = [
    ...demoCompetences.map((c) => ({ slug: c.slug, nameNl: c.nameNl, nameEn: c.nameEn, synonyms: c.synonyms })),
    ...EXTRA_COMPETENCES.map(([slug, nameNl, nameEn]) => ({ slug, nameNl, nameEn, synonyms: [] })),
  ];
  await db.competence.createMany({ data: all, skipDuplicates: true });
  const result = await importContent(fs.readFileSync(CORPUS_FILE, "utf8"));
  if (!result.ok) throw new Error(`corpus import failed: ${JSON.stringify(result.errors)}`);
  return suiteRefs();
}

export async function suiteRefs(): Promise<SuiteRefs> {
  const refOf = new Map<string, string>(); // "dilemma:12" → "d03"
  for (const r of await db.contentImportRef.findMany()) refOf.set(`${r.kind}:${r.targetId}`, r.ref);
  const threadOf = new Map<string, string>();
  for (const line of fs.readFileSync(CORPUS_FILE, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as { ref: string; parent?: string };
    threadOf.set(item.ref, item.parent ?? item.ref);
  }
  return { refOf, threadOf };
}

/** The refs a result covers: its document and, for a dilemma, the reply shown beneath it. */
export function coveredRefs(hit: SearchHit, refs: SuiteRefs): string[] {
  const out = [refs.refOf.get(`${hit.kind}:${hit.id}`)];
  if (hit.reply) out.push(refs.refOf.get(`reply:${hit.reply.id}`));
  return out.filter((r): r is string => r !== undefined);
}

/** The thread a result stands for (a ref of the suite's corpus), or null for other content. */
export function threadRef(hit: SearchHit, refs: SuiteRefs): string | null {
  const key = hit.kind === "reply" ? `dilemma:${hit.dilemmaId}` : `${hit.kind}:${hit.id}`;
  return refs.refOf.get(key) ?? null;
}

/** Share of the expected documents' threads among the first five results' threads. */
export function threadRecallAt5(expected: string[], hits: SearchHit[], refs: SuiteRefs): number {
  const want = new Set(expected.map((e) => refs.threadOf.get(e) ?? e));
  const got = new Set(hits.slice(0, 5).map((h) => threadRef(h, refs)));
  return [...want].filter((t) => got.has(t)).length / want.size;
}

/** The mechanism a query exercises: its own label, else read from its note. */
export function mechanismOf(q: SuiteQuery): string {
  if (q.mechanism) return q.mechanism;
  if (q.typo) return "typo";
  const note = (q.note ?? "").toLowerCase();
  if (/synonym/.test(note)) return "synonym";
  if (/compound|part of/.test(note)) return "compound";
  if (/particip|verb|liet|infinitive/.test(note)) return "verb form";
  if (q.q.trim().split(/\s+/).length >= 4) return "question";
  return "words";
}
