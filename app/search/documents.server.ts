import { competencesOfDilemma } from "~/dilemmas/competence-tags.server";
import { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus, SearchKind } from "~/generated/prisma/enums";
import type { ReplyThreadFacts } from "~/replies/events";
import { DUTCH_ANALYSIS_VERSION } from "./dutch/analysis.server";
import { htmlToPlainText } from "./text.server";
import { noteNewWords } from "./vocabulary.server";
import { competenceToken, documentVector, kindToken, sampleToken, vocabularyWords, type Section } from "./vector.server";

// What search stores of a dilemma, a reply and a meeting report: read from their tables in
// batches, turned into SearchDocument rows (analysed words, filter facts, visibility facts)
// and SearchText rows (plain text for snippets). Used by every index write: one item after a
// post, thousands during a re-index or an import.

export type Client = Prisma.TransactionClient;

export type IndexedDocument = {
  kind: SearchKind;
  sourceId: number;
  dilemmaId: number | null;
  competenceIds: number[];
  status: DilemmaStatus | null;
  date: Date;
  answer: boolean;
  answerId: number | null;
  authorId: number | null;
  hidden: boolean;
  threadAuthorId: number | null;
  threadHidden: boolean;
  draft: boolean;
  /** tsvector literal */
  doc: string;
  title: string;
  body: string;
  /** Folded words of the texts, for the vocabulary of suggestions. */
  words: string[];
};

type DilemmaRow = {
  id: number;
  title: string;
  bodyHtml: string;
  authorId: number;
  status: DilemmaStatus;
  hiddenAt: Date | null;
  createdAt: Date;
  acceptedReplyId: number | null;
  answerHtml: string | null;
  competenceIds: number[];
};

export type ReplyRow = ReplyThreadFacts & {
  id: number;
  dilemmaId: number;
  bodyHtml: string;
  authorId: number;
  hiddenAt: Date | null;
  deletedByAuthorAt: Date | null;
  createdAt: Date;
  /** Its text is in its dilemma's document, as the accepted answer it is or was. */
  inAnswerDocument: boolean;
};

type ReportRow = {
  id: number;
  title: string;
  summaryHtml: string;
  takeaways: string[];
  status: "upcoming" | "draft" | "published";
  heldOn: Date;
  competenceIds: number[];
  hostOrganisation: string;
  /** Contributors by role (free text) and the members linked as contributors, by name. */
  contributors: string[];
};

export async function loadDilemmas(client: Client, ids: number[]): Promise<DilemmaRow[]> {
  if (ids.length === 0) return [];
  return client.$queryRaw<DilemmaRow[]>`
    SELECT d.id, d.title, CASE WHEN d."deletedByAuthorAt" IS NULL THEN d."bodyHtml" ELSE '' END AS "bodyHtml",
           d."authorId", d.status, d."hiddenAt", d."createdAt",
           d."acceptedReplyId", a."bodyHtml" AS "answerHtml",
           ${competencesOfDilemma(Prisma.sql`d.id`)} AS "competenceIds"
    FROM "Dilemma" d
    LEFT JOIN "Reply" a ON a.id = d."acceptedReplyId" AND a."hiddenAt" IS NULL AND a."deletedByAuthorAt" IS NULL
    WHERE d.id = ANY(${ids}::int[])`;
}

export async function loadReplies(client: Client, ids: number[]): Promise<ReplyRow[]> {
  if (ids.length === 0) return [];
  return client.$queryRaw<ReplyRow[]>`
    SELECT r.id, r."dilemmaId", r."bodyHtml", r."authorId", r."hiddenAt", r."deletedByAuthorAt", r."createdAt",
           d.title, d.status, d."authorId" AS "dilemmaAuthorId", d."hiddenAt" AS "dilemmaHiddenAt", d."acceptedReplyId",
           ${competencesOfDilemma(Prisma.sql`d.id`)} AS "competenceIds",
           EXISTS (SELECT 1 FROM "SearchDocument" sd WHERE sd.kind = 'dilemma' AND sd."sourceId" = r."dilemmaId" AND sd."answerId" = r.id)
             AS "inAnswerDocument"
    FROM "Reply" r JOIN "Dilemma" d ON d.id = r."dilemmaId"
    WHERE r.id = ANY(${ids}::int[])`;
}

export async function loadReports(client: Client, ids: number[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  return client.$queryRaw<ReportRow[]>`
    SELECT m.id, m.title, m."summaryHtml", m.takeaways, m.status::text AS status, m."heldOn", m."hostOrganisation",
           m.contributors || array(SELECT u."displayName" FROM "MeetingContributor" mc JOIN "User" u ON u.id = mc."userId"
                                   WHERE mc."meetingId" = m.id ORDER BY u."displayName") AS contributors,
           array(SELECT DISTINCT dc."competenceId" FROM "MeetingDilemma" md
                 JOIN "DilemmaCompetence" dc ON dc."dilemmaId" = md."dilemmaId"
                 WHERE md."meetingId" = m.id AND md.kind IN ('raised', 'discussed') ORDER BY 1) AS "competenceIds"
    FROM "Meeting" m
    WHERE m.id = ANY(${ids}::int[])`;
}

const competenceSection = (ids: number[]): Section => ({ weight: "B", tokens: ids.map(competenceToken) });

export function dilemmaDocument(row: DilemmaRow): IndexedDocument {
  const body = htmlToPlainText(row.bodyHtml);
  // The accepted answer is part of the question's document: a search that matches the answer
  // finds the answered dilemma (and ranks it as an answer).
  const answer = row.answerHtml === null ? "" : htmlToPlainText(row.answerHtml);
  return {
    kind: "dilemma",
    sourceId: row.id,
    dilemmaId: row.id,
    competenceIds: row.competenceIds,
    status: row.status,
    date: row.createdAt,
    answer: row.status === "answered",
    answerId: row.answerHtml === null ? null : row.acceptedReplyId,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    threadAuthorId: row.authorId,
    threadHidden: row.hiddenAt !== null,
    draft: false,
    doc: documentVector([
      { weight: "D", tokens: [kindToken("dilemma"), sampleToken(row.id)] },
      { weight: "A", text: row.title },
      competenceSection(row.competenceIds),
      { weight: "C", text: body },
      { weight: "C", text: answer },
    ]),
    title: row.title,
    body: answer ? `${body}\n${answer}` : body,
    words: vocabularyWords([row.title, body]),
  };
}

/** What a reply's document takes from its text alone (its analysis, the costly part), so that
 *  posting can do it before taking its dilemma's lock. */
export type ReplyText = Pick<IndexedDocument, "doc" | "body" | "words">;

export function replyText(bodyHtml: string, dilemmaId: number): ReplyText {
  const body = htmlToPlainText(bodyHtml);
  return {
    doc: documentVector([{ weight: "D", tokens: [kindToken("reply"), sampleToken(dilemmaId)] }, { weight: "C", text: body }]),
    body,
    words: vocabularyWords([body]),
  };
}

/** Null for a reply its author deleted: nobody reads its text any more, so search forgets it. */
export function replyDocument(row: ReplyRow, text: ReplyText = replyText(row.bodyHtml, row.dilemmaId)): IndexedDocument | null {
  if (row.deletedByAuthorAt) return null;
  return {
    kind: "reply",
    sourceId: row.id,
    dilemmaId: row.dilemmaId,
    competenceIds: row.competenceIds,
    status: row.status,
    date: row.createdAt,
    answer: row.acceptedReplyId === row.id,
    answerId: null,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    threadAuthorId: row.dilemmaAuthorId,
    threadHidden: row.dilemmaHiddenAt !== null,
    draft: false,
    ...text,
    title: row.title,
  };
}

/** Null for an upcoming meeting: it has an agenda, not a report, until it was held. */
export function reportDocument(row: ReportRow): IndexedDocument | null {
  if (row.status === "upcoming") return null;
  const summary = htmlToPlainText(row.summaryHtml);
  const takeaways = row.takeaways.join("\n");
  // Who took part and who hosted: "het verslag met Buurtwerk Noord" or a speaker's name finds
  // the report (issue 23). In the body's weight and text, so a snippet can show the match.
  const people = [row.hostOrganisation, ...row.contributors].filter((s) => s.trim() !== "").join("\n");
  return {
    kind: "report",
    sourceId: row.id,
    dilemmaId: null,
    competenceIds: row.competenceIds,
    status: null,
    date: row.heldOn,
    answer: false,
    answerId: null,
    authorId: null,
    hidden: false,
    threadAuthorId: null,
    threadHidden: false,
    draft: row.status !== "published",
    doc: documentVector([
      { weight: "D", tokens: [kindToken("report"), sampleToken(-row.id)] },
      { weight: "A", text: row.title },
      competenceSection(row.competenceIds),
      { weight: "C", text: summary },
      { weight: "C", text: takeaways },
      { weight: "C", text: people },
    ]),
    title: row.title,
    body: [summary, takeaways, people].filter((s) => s !== "").join("\n"),
    // People's names stay out of the suggestion vocabulary: "Bedoelde je" never offers a name.
    words: vocabularyWords([row.title, summary, takeaways, row.hostOrganisation]),
  };
}

/**
 * The writes of documents and their texts as CTEs (`words`, `doc`, `text`) of one statement:
 * inserted or replaced; with addWords, their new words join the suggestion vocabulary (counts
 * are set by a full re-index, which writes the vocabulary itself). `onlyIf` is a condition on
 * other CTEs of the same statement (a new reply's document only if the reply was written).
 * Call noteNewWords(words) once the statement has written them.
 */
export function documentWrites(
  docs: IndexedDocument[],
  opts: { addWords?: boolean; onlyIf?: Prisma.Sql } = {},
): { ctes: Prisma.Sql; words: string[] } {
  const col = <T>(f: (d: IndexedDocument) => T) => docs.map(f);
  const words = opts.addWords ? [...new Set(docs.flatMap((d) => d.words))] : [];
  const onlyIf = opts.onlyIf ?? Prisma.sql`TRUE`;
  const ctes = Prisma.sql`
    words AS (
      INSERT INTO "SearchWord" (word) SELECT w FROM unnest(${words}::text[]) AS w WHERE ${onlyIf} ON CONFLICT DO NOTHING
    ), doc AS (
      INSERT INTO "SearchDocument" AS s (kind, "sourceId", "dilemmaId", "competenceIds", status, date, answer, "answerId",
        "authorId", hidden, "threadAuthorId", "threadHidden", draft, doc, "analysisVersion", "updatedAt")
      SELECT t.kind, t."sourceId", t."dilemmaId", string_to_array(t.competences, ',')::int[], t.status, t.date, t.answer, t."answerId",
             t."authorId", t.hidden, t."threadAuthorId", t."threadHidden", t.draft, t.doc::tsvector, ${DUTCH_ANALYSIS_VERSION}, now()
      FROM unnest(${col((d) => d.kind)}::"SearchKind"[], ${col((d) => d.sourceId)}::int[], ${col((d) => d.dilemmaId)}::int[],
                  ${col((d) => d.competenceIds.join(","))}::text[], ${col((d) => d.status)}::"DilemmaStatus"[],
                  ${col((d) => d.date)}::timestamptz[], ${col((d) => d.answer)}::bool[], ${col((d) => d.answerId)}::int[],
                  ${col((d) => d.authorId)}::int[], ${col((d) => d.hidden)}::bool[], ${col((d) => d.threadAuthorId)}::int[],
                  ${col((d) => d.threadHidden)}::bool[], ${col((d) => d.draft)}::bool[], ${col((d) => d.doc)}::text[])
           AS t(kind, "sourceId", "dilemmaId", competences, status, date, answer, "answerId", "authorId", hidden,
                "threadAuthorId", "threadHidden", draft, doc)
      WHERE ${onlyIf}
      ON CONFLICT (kind, "sourceId") DO UPDATE SET
        "dilemmaId" = excluded."dilemmaId", "competenceIds" = excluded."competenceIds", status = excluded.status,
        date = excluded.date, answer = excluded.answer, "answerId" = excluded."answerId", "authorId" = excluded."authorId",
        hidden = excluded.hidden, "threadAuthorId" = excluded."threadAuthorId", "threadHidden" = excluded."threadHidden",
        draft = excluded.draft, doc = excluded.doc, "analysisVersion" = excluded."analysisVersion", "updatedAt" = now()
      RETURNING s.id, s.kind, s."sourceId"
    ), text AS (
      INSERT INTO "SearchText" ("documentId", title, body)
      SELECT doc.id, t.title, t.body
      FROM doc JOIN unnest(${col((d) => d.kind)}::"SearchKind"[], ${col((d) => d.sourceId)}::int[],
                           ${col((d) => d.title)}::text[], ${col((d) => d.body)}::text[]) AS t(kind, "sourceId", title, body)
        ON t.kind = doc.kind AND t."sourceId" = doc."sourceId"
      ON CONFLICT ("documentId") DO UPDATE SET title = excluded.title, body = excluded.body
    )`;
  return { ctes, words };
}

/** Insert or replace the documents (and their texts) in one statement. */
export async function writeDocuments(client: Client, docs: IndexedDocument[], opts: { addWords?: boolean } = {}): Promise<void> {
  if (docs.length === 0) return;
  const { ctes, words } = documentWrites(docs, opts);
  // Postgres runs every data-modifying CTE, whatever the statement selects.
  await client.$executeRaw`WITH ${ctes} SELECT 1`;
  if (words.length > 0) noteNewWords(words);
}

/** Forget documents (their texts go with them). */
export async function deleteDocuments(client: Client, kind: SearchKind, sourceIds: number[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await client.$executeRaw`
    DELETE FROM "SearchDocument" WHERE kind = ${kind}::"SearchKind" AND "sourceId" = ANY(${sourceIds}::int[])`;
}

