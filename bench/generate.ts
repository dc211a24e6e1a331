// Generates the benchmark data sets into their own databases (bench_2000, bench_20000) on a
// separate embedded Postgres in .data/bench, with bulk SQL: unnest() over column arrays, and
// bodies joined in from a small pool of texts rendered once. A data set that is already there
// with the expected counts is reused; --fresh regenerates.
//
//   npx tsx bench/generate.ts [--fresh] [--size=2000]   (npm run bench does this itself)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres } from "~/platform/embedded-postgres.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { migrate } from "~/platform/migrate.server";
import { DUTCH_ANALYSIS_VERSION } from "~/search/dutch/analysis.server";
import { competences as demoCompetences } from "../prisma/seed/demo-content";
import { MEMBER_COUNT, planDataset, poolText, type Plan, type Special } from "./plan";
import { dilemmaBody, dilemmaTitle, EXTRA_COMPETENCES, memberName, prng, replyBody, between, pick, topic } from "./text";

/** Bump when the generator changes what it makes: cached data sets of another version are rebuilt. */
export const GENERATOR_VERSION = 5;
export const DATASET_SIZES = [2_000, 20_000] as const;
export const BENCH_DATA_DIR = path.resolve(".data/bench");
const REPLY_POOL = 20_000;
const DILEMMA_POOL = 4_000;
/** Threads are about one of these topics; pool text i belongs to topic i % TOPICS. */
const TOPICS = 400;
const CHUNK = 20_000;

export type DatasetMeta = {
  version: number;
  dilemmas: number;
  replies: number;
  members: number;
  special: Special;
  generatedSeconds: number;
  generatedAt: string;
};

export type Dataset = { url: string; meta: DatasetMeta; reused: boolean };

const quiet = { info: () => {}, warn: (m: string) => console.warn(m), debug: () => {} };

/** Starts (or joins) the bench cluster; the URL of its admin database "postgres". */
export async function startBenchCluster(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const db = await startEmbeddedPostgres({
    dataDir: BENCH_DATA_DIR,
    database: "postgres",
    // "server", not "command": a bench Postgres left running by a killed run is adopted and
    // stopped at the end of this one, instead of being borrowed and left running for good.
    purpose: "server",
    durable: false,
    log: quiet,
  });
  return { adminUrl: db.url, stop: db.stop };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The data set of `size` dilemmas: reused when intact, otherwise (or with fresh) generated. */
export async function ensureDataset(
  adminUrl: string,
  size: number,
  fresh: boolean,
  /** searchIndex false: leave the search index as it is (a caller that builds its own copies'). */
  opts: { searchIndex?: boolean } = {},
): Promise<Dataset> {
  const ensureIndex = opts.searchIndex === false ? async () => {} : ensureSearchIndex;
  const name = `bench_${size}`;
  const url = databaseUrl(adminUrl, name);
  if (!fresh) {
    const meta = await intactMeta(adminUrl, url, name);
    if (meta) {
      await migrate(url); // a migration added since generation applies to the cached copy too
      await ensureIndex(url, name);
      return { url, meta, reused: true };
    }
  }
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  await migrate(url);
  const meta = await generate(url, size);
  await withClient(url, (c) =>
    c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(name)} IS ${c.escapeLiteral(JSON.stringify(meta))}`),
  );
  await ensureIndex(url, name);
  return { url, meta, reused: false };
}

/**
 * A real forum has its search index; a data set without one (or built by an older analysis)
 * would make the server under test rebuild it in the background while it is being measured.
 * Built once per data set, by the project's own command, in its own process.
 */
async function ensureSearchIndex(url: string, name: string): Promise<void> {
  const current = await withClient(url, async (c) => {
    const { rows } = await c.query<{ v: number }>(`SELECT "analysisVersion" AS v FROM "SearchIndexState" WHERE id = 1`);
    return rows[0]?.v === DUTCH_ANALYSIS_VERSION;
  });
  if (current) return;
  console.log(`         building the search index of ${name} (once per data set)`);
  const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/search-reindex.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (child.status !== 0) throw new Error(`building the search index of ${name} failed`);
}

/** The stored description of a complete data set of this generator version, or null. */
async function intactMeta(adminUrl: string, url: string, name: string): Promise<DatasetMeta | null> {
  const exists = await withClient(adminUrl, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return Boolean(rowCount);
  });
  if (!exists) return null;
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ d: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()",
    );
    let meta: DatasetMeta;
    try {
      meta = JSON.parse(rows[0]?.d ?? "") as DatasetMeta;
    } catch {
      return null; // generation never finished
    }
    if (meta.version !== GENERATOR_VERSION) return null;
    await removeBenchPosts(c, meta.special.post);
    const { rows: counts } = await c.query<{ d: number; r: number }>(
      `SELECT (SELECT count(*) FROM "Dilemma")::int AS d, (SELECT count(*) FROM "Reply")::int AS r`,
    );
    return counts[0]?.d === meta.dilemmas && counts[0]?.r === meta.replies ? meta : null;
  });
}

/**
 * Takes back what the posting scenario wrote (replies with a "bench-" submission id) and puts
 * the counters of the dilemmas it wrote into back the way the app would have them.
 */
export async function removeBenchPosts(c: pg.Client, dilemmaIds: number[]): Promise<number> {
  await c.query("BEGIN");
  try {
    // Their search documents first (a document names its reply by id, without a foreign key).
    await c.query(
      `DELETE FROM "SearchDocument" WHERE kind = 'reply'
         AND "sourceId" IN (SELECT id FROM "Reply" WHERE "submissionId" LIKE 'bench-%')`,
    );
    const { rowCount } = await c.query(`DELETE FROM "Reply" WHERE "submissionId" LIKE 'bench-%'`);
    await c.query(`DELETE FROM "Session"`); // the generated data has none: all are the harness's
    await c.query(
      `UPDATE "Dilemma" d SET
         "replyCount" = (SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = d.id AND r."hiddenAt" IS NULL AND r."deletedByAuthorAt" IS NULL),
         "lastActivityAt" = GREATEST(d."createdAt", (SELECT max(r."createdAt") FROM "Reply" r WHERE r."dilemmaId" = d.id))
       WHERE d.id = ANY($1::int[])`,
      [dilemmaIds],
    );
    await c.query("COMMIT");
    return rowCount ?? 0;
  } catch (error) {
    await c.query("ROLLBACK");
    throw error;
  }
}

async function generate(url: string, size: number): Promise<DatasetMeta> {
  const started = Date.now();
  const now = Date.now();
  const competenceCount = demoCompetences.length + EXTRA_COMPETENCES.length;
  const plan = planDataset({ dilemmaCount: size, competenceCount, topicCount: TOPICS, replyPoolSize: REPLY_POOL, now });
  const planned = Date.now();
  await withClient(url, async (c) => {
    await c.query("SET synchronous_commit = off");
    await c.query("BEGIN");
    await insertPools(c);
    await insertMembersAndCompetences(c, now);
    await insertDilemmas(c, plan);
    await insertReplies(c, plan);
    await insertMeetings(c, plan, now);
    await insertRevisions(c);
    await c.query(`UPDATE "Dilemma" d SET "acceptedReplyId" = a.reply, status = 'answered'
                   FROM unnest($1::int[], $2::int[]) AS a(dilemma, reply) WHERE d.id = a.dilemma`, [
      plan.dilemmas.filter((d) => d.acceptedReplyId).map((d) => d.id),
      plan.dilemmas.filter((d) => d.acceptedReplyId).map((d) => d.acceptedReplyId),
    ]);
    for (const table of ["User", "Competence", "Dilemma", "Reply", "Meeting", "Revision"]) {
      await c.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    await c.query("COMMIT");
    await checkConsistency(c);
    // A long-running forum has been vacuumed and analysed; a freshly loaded one has neither,
    // which would make plans and index-only scans unlike production's.
    await c.query("VACUUM (ANALYZE)");
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `  generated bench_${size}: ${size} dilemmas, ${plan.replies.id.length} replies, ${plan.helpful.userId.length} helpful marks in ${seconds.toFixed(1)} s (plan ${((planned - started) / 1000).toFixed(1)} s)`,
  );
  return {
    version: GENERATOR_VERSION,
    dilemmas: size,
    replies: plan.replies.id.length,
    members: MEMBER_COUNT,
    special: plan.special,
    generatedSeconds: seconds,
    generatedAt: new Date(now).toISOString(),
  };
}

/** Bodies as Markdown + stored HTML, rendered once each by the app's own renderer. */
async function insertPools(c: pg.Client) {
  const r = prng(7);
  const pool = (n: number, make: (i: number) => string) => {
    const md = Array.from({ length: n }, (_, i) => make(i));
    return [md.map((_, i) => i), md, md.map((m) => renderMarkdown(m))];
  };
  await c.query("CREATE TEMP TABLE reply_pool (idx int PRIMARY KEY, md text, html text) ON COMMIT DROP");
  await c.query("CREATE TEMP TABLE dilemma_pool (idx int PRIMARY KEY, md text, html text) ON COMMIT DROP");
  await c.query("INSERT INTO reply_pool SELECT * FROM unnest($1::int[], $2::text[], $3::text[])", pool(REPLY_POOL, (i) => replyBody(r, topic(i % TOPICS))));
  await c.query("INSERT INTO dilemma_pool SELECT * FROM unnest($1::int[], $2::text[], $3::text[])", pool(DILEMMA_POOL, (i) => dilemmaBody(r, topic(i % TOPICS))));
}

async function insertMembersAndCompetences(c: pg.Client, now: number) {
  const r = prng(11);
  const ids = Array.from({ length: MEMBER_COUNT }, (_, i) => i + 1);
  const names = ids.map(() => memberName(r));
  // 1 admin, 10 organisers; 1 % erased (their posts stay, shown as "voormalig lid").
  const erased = ids.map((id) => id > 11 && r() < 0.01);
  await c.query(
    `INSERT INTO "User" (id, handle, "displayName", email, organisation, role, "consentAt", "erasedAt", "createdAt")
     SELECT id, handle, name, CASE WHEN erased THEN NULL ELSE 'lid' || id || '@bench.invalid' END,
            CASE WHEN erased THEN NULL ELSE org END,
            (CASE WHEN id = 1 THEN 'admin' WHEN id <= 11 THEN 'organiser' ELSE 'member' END)::"Role",
            created, CASE WHEN erased THEN created + interval '400 days' END, created
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bool[]) AS t(id, handle, name, org, erased),
          LATERAL (SELECT to_timestamp(($6::float8 - 9 * 365 * 86400000::float8 + id::float8 * 3600000) / 1000) AS created) c`,
    [
      ids,
      ids.map((id, i) => `${handleOf(names[i]!.displayName)}-${id}`),
      names.map((n, i) => (erased[i] ? "" : n.displayName)),
      names.map((n) => n.organisation),
      erased,
      now,
    ],
  );
  const all = [
    ...demoCompetences.map((x) => [x.slug, x.nameNl, x.nameEn, x.descriptionMd] as const),
    ...EXTRA_COMPETENCES.map(([slug, nl, en]) => [slug, nl, en, `Over **${nl.toLowerCase()}** in de wijk.`] as const),
  ];
  await c.query(
    `INSERT INTO "Competence" (id, slug, "nameNl", "nameEn", "descriptionMd", "descriptionHtml")
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [all.map((_, i) => i + 1), all.map((x) => x[0]), all.map((x) => x[1]), all.map((x) => x[2]), all.map((x) => x[3]), all.map((x) => renderMarkdown(x[3]))],
  );
  const expertUser: number[] = [];
  const expertCompetence: number[] = [];
  for (const id of ids) {
    const mine = new Set(Array.from({ length: between(r, 0, 3) }, () => between(r, 1, all.length)));
    for (const competenceId of mine) {
      expertUser.push(id);
      expertCompetence.push(competenceId);
    }
  }
  await c.query(`INSERT INTO "UserExpertise" SELECT * FROM unnest($1::int[], $2::int[])`, [expertUser, expertCompetence]);
}

function handleOf(displayName: string): string {
  return displayName.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

async function insertDilemmas(c: pg.Client, plan: Plan) {
  const r = prng(13);
  for (let from = 0; from < plan.dilemmas.length; from += CHUNK) {
    const part = plan.dilemmas.slice(from, from + CHUNK);
    await c.query(
      `INSERT INTO "Dilemma" (id, title, "bodyMd", "bodyHtml", "authorId", "lockedAt", "hiddenAt", "hiddenReason",
                              "replyCount", "helpfulCount", "createdAt", "updatedAt", "lastActivityAt")
       SELECT t.id, t.title, p.md, p.html, t.author, CASE WHEN t.locked THEN t.active END,
              CASE WHEN t.hidden THEN t.created END, CASE WHEN t.hidden THEN 'Bevat persoonlijke gegevens' END,
              t.replies, t.helpful, t.created, t.created, t.active
       FROM unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::bool[], $6::bool[], $7::int[], $8::int[], $9::float8[], $10::float8[])
              AS u(id, title, pool, author, locked, hidden, replies, helpful, created_ms, active_ms),
            LATERAL (SELECT u.*, to_timestamp(u.created_ms / 1000) AS created, to_timestamp(u.active_ms / 1000) AS active) t
       JOIN dilemma_pool p ON p.idx = t.pool`,
      [
        part.map((d) => d.id),
        part.map((d) => dilemmaTitle(r, topic(d.topic))),
        part.map((d) => poolText(r, d.topic, TOPICS, DILEMMA_POOL)),
        part.map((d) => d.authorId),
        part.map((d) => d.locked),
        part.map((d) => d.hidden),
        part.map((d) => d.replyCount),
        part.map((d) => d.helpfulCount),
        part.map((d) => d.createdAt),
        part.map((d) => d.lastActivityAt),
      ],
    );
    await c.query(`INSERT INTO "DilemmaCompetence" SELECT * FROM unnest($1::int[], $2::int[])`, [
      part.flatMap((d) => d.competences.map(() => d.id)),
      part.flatMap((d) => d.competences),
    ]);
  }
}

async function insertReplies(c: pg.Client, plan: Plan) {
  const x = plan.replies;
  for (let from = 0; from < x.id.length; from += CHUNK) {
    const cut = <T>(a: T[]) => a.slice(from, from + CHUNK);
    await c.query(
      `INSERT INTO "Reply" (id, "dilemmaId", "parentId", "authorId", "bodyMd", "bodyHtml", path, depth, "helpfulCount",
                            "hiddenAt", "hiddenReason", "deletedByAuthorAt", "createdAt", "updatedAt")
       SELECT t.id, t.dilemma, t.parent, t.author, p.md, p.html, t.path, t.depth, t.helpful,
              to_timestamp(t.hidden_ms / 1000), CASE WHEN t.hidden_ms IS NOT NULL THEN 'Niet volgens de huisregels' END,
              to_timestamp(t.deleted_ms / 1000), to_timestamp(t.created_ms / 1000), to_timestamp(t.created_ms / 1000)
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::int[], $8::int[],
                   $9::float8[], $10::float8[], $11::float8[])
              AS t(id, dilemma, parent, author, pool, path, depth, helpful, hidden_ms, deleted_ms, created_ms)
       JOIN reply_pool p ON p.idx = t.pool`,
      [cut(x.id), cut(x.dilemmaId), cut(x.parentId), cut(x.authorId), cut(x.pool), cut(x.path), cut(x.depth),
       cut(x.helpfulCount), cut(x.hiddenAt), cut(x.deletedAt), cut(x.createdAt)],
    );
  }
  const h = plan.helpful;
  for (let from = 0; from < h.userId.length; from += CHUNK * 2) {
    await c.query(
      `INSERT INTO "Helpful" ("userId", "replyId", "createdAt")
       SELECT t.u, t.r, rp."createdAt" + interval '1 hour'
       FROM unnest($1::int[], $2::int[]) AS t(u, r) JOIN "Reply" rp ON rp.id = t.r`,
      [h.userId.slice(from, from + CHUNK * 2), h.replyId.slice(from, from + CHUNK * 2)],
    );
  }
}

/** The circle's meetings: about one per hundred dilemmas, each raising a few of them. */
async function insertMeetings(c: pg.Client, plan: Plan, now: number) {
  const r = prng(17);
  const count = Math.max(10, Math.round(plan.dilemmas.length / 100));
  const summaries = Array.from({ length: 5 }, () => `## Wat we vonden\n\n${replyBody(r)}\n\n## Hoe verder\n\n${replyBody(r)}`);
  const meetingIds = Array.from({ length: count }, (_, i) => i + 1);
  const summaryIndex = meetingIds.map(() => between(r, 0, summaries.length - 1));
  await c.query(
    `INSERT INTO "Meeting" (id, title, "heldOn", place, "hostOrganisation", status, "summaryMd", "summaryHtml", takeaways,
                            "publishedAt", "createdAt", "updatedAt")
     SELECT t.id, 'Kenniskring ' || t.id, held::date, 'Utrecht', 'Alleato', 'published', t.md, t.html,
            ARRAY['De professional maakt het verschil.', 'Begin bij de kracht van de bewoner.'], held, held, held
     FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, md, html),
          LATERAL (SELECT to_timestamp(($4::float8 - (8 * 365 * 86400000::float8) * (1 - t.id::float8 / $5)) / 1000) AS held) h`,
    [meetingIds, summaryIndex.map((i) => summaries[i]!), summaryIndex.map((i) => renderMarkdown(summaries[i]!)), now, count + 1],
  );
  const meetingOf: number[] = [];
  const dilemmaOf: number[] = [];
  for (const id of meetingIds) {
    const raised = new Set(Array.from({ length: between(r, 3, 6) }, () => pick(r, plan.dilemmas).id));
    for (const dilemmaId of raised) {
      meetingOf.push(id);
      dilemmaOf.push(dilemmaId);
    }
  }
  await c.query(`INSERT INTO "MeetingDilemma" ("meetingId", "dilemmaId", kind) SELECT m, d, 'raised' FROM unnest($1::int[], $2::int[]) AS t(m, d)`, [
    meetingOf,
    dilemmaOf,
  ]);
}

/** Edits: about 3 % of dilemmas (1–3 times) and 1 % of replies keep earlier texts. */
async function insertRevisions(c: pg.Client) {
  await c.query(
    `INSERT INTO "Revision" ("subjectType", "subjectId", title, "bodyMd", "editorId", "createdAt")
     SELECT 'dilemma', d.id, d.title, d."bodyMd", d."authorId", d."createdAt" + g * interval '10 minutes'
     FROM "Dilemma" d, generate_series(1, 1 + d.id % 3) g WHERE d.id % 31 = 0`,
  );
  await c.query(`UPDATE "Dilemma" SET "updatedAt" = "createdAt" + interval '40 minutes' WHERE id % 31 = 0`);
  await c.query(
    `INSERT INTO "Revision" ("subjectType", "subjectId", "bodyMd", "editorId", "createdAt")
     SELECT 'reply', id, "bodyMd", "authorId", "createdAt" + interval '10 minutes' FROM "Reply" WHERE id % 97 = 0`,
  );
  await c.query(`UPDATE "Reply" SET "updatedAt" = "createdAt" + interval '20 minutes' WHERE id % 97 = 0`);
}

/** What the app relies on, checked on the whole data set: a wrong generator fails here, not in a page. */
async function checkConsistency(c: pg.Client) {
  const checks: [string, string][] = [
    ["reply paths extend their parent's path by one segment",
      `SELECT count(*) FROM "Reply" r JOIN "Reply" p ON p.id = r."parentId"
       WHERE r."dilemmaId" <> p."dilemmaId" OR left(r.path, length(p.path)) <> p.path OR length(r.path) <> length(p.path) + 6`],
    ["top-level replies have one-segment paths", `SELECT count(*) FROM "Reply" WHERE "parentId" IS NULL AND length(path) <> 6`],
    ["depth matches the path", `SELECT count(*) FROM "Reply" WHERE depth <> length(path) / 6 - 1 OR path !~ '^([0-9]{6})+$'`],
    ["replyCount counts readable replies",
      `SELECT count(*) FROM "Dilemma" d WHERE "replyCount" <> (SELECT count(*) FROM "Reply" r
         WHERE r."dilemmaId" = d.id AND r."hiddenAt" IS NULL AND r."deletedByAuthorAt" IS NULL)`],
    ["lastActivityAt is the last reply (or the question)",
      `SELECT count(*) FROM "Dilemma" d WHERE "lastActivityAt" <> GREATEST(d."createdAt", (SELECT max("createdAt") FROM "Reply" r WHERE r."dilemmaId" = d.id))`],
    ["helpfulCount matches the marks", `SELECT count(*) FROM "Reply" r WHERE "helpfulCount" <> (SELECT count(*) FROM "Helpful" h WHERE h."replyId" = r.id)`],
    ["accepted answers belong to their dilemma",
      `SELECT count(*) FROM "Dilemma" d JOIN "Reply" r ON r.id = d."acceptedReplyId" WHERE r."dilemmaId" <> d.id`],
  ];
  for (const [what, sql] of checks) {
    const { rows } = await c.query<{ count: string }>(sql);
    if (rows[0]?.count !== "0") throw new Error(`generated data set is inconsistent: ${what} (${rows[0]?.count} rows)`);
  }
}

async function main() {
  const fresh = process.argv.includes("--fresh");
  const sizeArg = process.argv.find((a) => a.startsWith("--size="));
  const sizes = sizeArg ? [Number(sizeArg.slice(7))] : [...DATASET_SIZES];
  const cluster = await startBenchCluster();
  try {
    for (const size of sizes) {
      const { meta, reused } = await ensureDataset(cluster.adminUrl, size, fresh);
      console.log(`bench_${size}: ${reused ? "reused" : "generated"} (${meta.dilemmas} dilemmas, ${meta.replies} replies)`);
    }
  } finally {
    await cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
