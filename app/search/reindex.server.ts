import pg from "pg";
import { db } from "~/platform/db.server";
import { DUTCH_ANALYSIS_VERSION } from "./dutch/analysis.server";
import {
  dilemmaDocument,
  loadDilemmas,
  loadReplies,
  loadReports,
  replyDocument,
  reportDocument,
  writeDocuments,
  type IndexedDocument,
} from "./documents.server";
import { forgetCommonWords, forgetVocabulary } from "./vocabulary.server";

// Rebuilding the whole search index: `npm run search:reindex`, the demo seed, an import, and
// start-up when the index was built by another version of the Dutch analysis (or never). It
// works in batches, each its own statement, so posting goes on meanwhile (a post written during
// the rebuild is indexed by its own hook, and the rebuild's later write of it is the same).
// One rebuild at a time across all server processes: a transaction-level advisory lock.

const LOCK_KEY = 727_001; // "search rebuild", any number no other lock uses
const BATCH = 500;

export type ReindexProgress = { kind: "dilemma" | "reply" | "report"; done: number; total: number };
export type ReindexStats = {
  ran: boolean;
  documents: number;
  words: number;
  ms: number;
  /** The rebuild replaced an index, and its old rows' space was given back (compact). */
  compacted: boolean;
  /** Size on disk of the documents, their texts and all their indexes. */
  bytes: number;
};

export async function reindexAll(opts: { onProgress?: (p: ReindexProgress) => void } = {}): Promise<ReindexStats> {
  const started = performance.now();
  const result = await db.$transaction(
    async (lock) => {
      const [got] = await lock.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS ok`;
      if (!got?.ok) return null; // another process is rebuilding right now
      return rebuild(opts.onProgress);
    },
    { timeout: 6 * 60 * 60_000, maxWait: 10_000 },
  );
  if (!result) return { ran: false, documents: 0, words: 0, ms: performance.now() - started, bytes: 0, compacted: false };
  const { replaced, ...built } = result;
  const compacted = replaced ? await compact() : false;
  // A freshly written table has no visibility map: every search would check each matching
  // row's visibility on its heap page (measured: 2–3× slower) until autovacuum comes along.
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "SearchDocument", "SearchText", "SearchWord"`);
  return { ran: true, ...built, ms: performance.now() - started, bytes: await indexBytes(), compacted };
}

/**
 * A rebuild writes every document again, so each old row lies dead beside its new one: twice
 * the table, and searches that read more pages (bench: 515 instead of 269 MB, search p95 45
 * instead of 38 ms), until VACUUM FULL rewrites it. That locks the search tables while it runs
 * (bench: 3.5 s; a circle's forum: milliseconds), so posting and searching wait for it; it
 * waits at most a second for its own lock (a long transaction on the tables) and otherwise
 * leaves the space to be reused by later writes.
 */
async function compact(): Promise<boolean> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on("error", () => {}); // a broken connection fails the query below
  await client.connect();
  try {
    await client.query("SET lock_timeout = '1s'");
    await client.query(`VACUUM (FULL) "SearchDocument", "SearchText"`);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === "55P03") return false; // lock_not_available
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function rebuild(onProgress?: (p: ReindexProgress) => void) {
  const [{ replaced }] = await db.$queryRaw<[{ replaced: boolean }]>`SELECT EXISTS (SELECT 1 FROM "SearchDocument") AS replaced`;
  const wordDocs = new Map<string, number>();
  let documents = 0;
  const keep = (docs: IndexedDocument[]) => {
    for (const d of docs) for (const w of d.words) wordDocs.set(w, (wordDocs.get(w) ?? 0) + 1);
    documents += docs.length;
  };

  const [counts] = await db.$queryRaw<{ dilemmas: number; replies: number; reports: number }[]>`
    SELECT (SELECT count(*) FROM "Dilemma")::int AS dilemmas,
           (SELECT count(*) FROM "Reply" WHERE "deletedByAuthorAt" IS NULL)::int AS replies,
           (SELECT count(*) FROM "Meeting" WHERE status <> 'upcoming')::int AS reports`;

  let done = 0;
  for (let last = 0; ; ) {
    const ids = (await db.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Dilemma" WHERE id > ${last} ORDER BY id LIMIT ${BATCH}`).map((r) => r.id);
    if (ids.length === 0) break;
    const docs = (await loadDilemmas(db, ids)).map(dilemmaDocument);
    await writeDocuments(db, docs);
    keep(docs);
    last = ids[ids.length - 1]!;
    onProgress?.({ kind: "dilemma", done: (done += ids.length), total: counts!.dilemmas });
  }
  done = 0;
  for (let last = 0; ; ) {
    const ids = (await db.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Reply" WHERE id > ${last} AND "deletedByAuthorAt" IS NULL ORDER BY id LIMIT ${BATCH}`).map((r) => r.id);
    if (ids.length === 0) break;
    const docs = (await loadReplies(db, ids)).map((row) => replyDocument(row)).filter((d) => d !== null);
    await writeDocuments(db, docs);
    keep(docs);
    last = ids[ids.length - 1]!;
    onProgress?.({ kind: "reply", done: (done += ids.length), total: counts!.replies });
  }
  const reportIds = (await db.$queryRaw<{ id: number }[]>`SELECT id FROM "Meeting" WHERE status <> 'upcoming' ORDER BY id`).map(
    (r) => r.id,
  );
  for (let i = 0; i < reportIds.length; i += BATCH) {
    const docs = (await loadReports(db, reportIds.slice(i, i + BATCH))).map(reportDocument).filter((d) => d !== null);
    await writeDocuments(db, docs);
    keep(docs);
    onProgress?.({ kind: "report", done: Math.min(i + BATCH, reportIds.length), total: reportIds.length });
  }

  // What no longer exists (or is no longer searchable) leaves the index.
  await db.$executeRaw`
    DELETE FROM "SearchDocument" s
    WHERE (s.kind = 'dilemma' AND NOT EXISTS (SELECT 1 FROM "Dilemma" d WHERE d.id = s."sourceId"))
       OR (s.kind = 'reply' AND NOT EXISTS (SELECT 1 FROM "Reply" r WHERE r.id = s."sourceId" AND r."deletedByAuthorAt" IS NULL))
       OR (s.kind = 'report' AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m.id = s."sourceId" AND m.status <> 'upcoming'))`;

  const words = [...wordDocs.keys()];
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "SearchWord"`;
    for (let i = 0; i < words.length; i += 10_000) {
      const part = words.slice(i, i + 10_000);
      await tx.$executeRaw`
        INSERT INTO "SearchWord" (word, docs)
        SELECT * FROM unnest(${part}::text[], ${part.map((w) => wordDocs.get(w)!)}::int[])`;
    }
    await tx.$executeRaw`
      INSERT INTO "SearchIndexState" (id, "analysisVersion", "builtAt") VALUES (1, ${DUTCH_ANALYSIS_VERSION}, now())
      ON CONFLICT (id) DO UPDATE SET "analysisVersion" = excluded."analysisVersion", "builtAt" = excluded."builtAt"`;
  });
  forgetVocabulary();
  forgetCommonWords();
  return { documents, words: words.length, replaced };
}

async function indexBytes(): Promise<number> {
  const [row] = await db.$queryRaw<{ bytes: bigint }[]>`
    SELECT (pg_total_relation_size('"SearchDocument"') + pg_total_relation_size('"SearchText"')
            + pg_total_relation_size('"SearchWord"'))::bigint AS bytes`;
  return Number(row?.bytes ?? 0);
}

/** Whether the index was built by this version of the Dutch analysis. */
export async function searchIndexIsCurrent(): Promise<boolean> {
  const [state] = await db.$queryRaw<{ analysisVersion: number }[]>`
    SELECT "analysisVersion" FROM "SearchIndexState" WHERE id = 1`;
  return state?.analysisVersion === DUTCH_ANALYSIS_VERSION;
}

/** At start-up: rebuild when the index is missing or was built by another analysis version. */
export async function ensureSearchIndexCurrent(
  opts: { onProgress?: (p: ReindexProgress) => void } = {},
): Promise<ReindexStats | null> {
  if (await searchIndexIsCurrent()) return null;
  return reindexAll(opts);
}
