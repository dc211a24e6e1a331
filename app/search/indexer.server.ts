import type { SearchKind } from "~/generated/prisma/enums";
import { db } from "~/platform/db.server";
import {
  deleteDocuments,
  dilemmaDocument,
  loadDilemmas,
  loadReplies,
  loadReports,
  replyDocument,
  reportDocument,
  writeDocuments,
  type Client,
} from "./documents.server";

// Keeping the search index current, called by search's subscriber to the domains' events
// (subscriber.server.ts) inside the writer's transaction, so a post and its search document
// commit (or fail) together:
//   indexDilemma  — created, edited, tags changed, hidden/unhidden, answer marked/unmarked
//   indexReply    — edited, deleted, hidden/unhidden (a new reply: in its own statement)
//   indexReport   — a meeting's report written, edited, published, linked, or deleted
// Each reads the current state of its source and writes what search should know, so calling
// one more often than needed is harmless (it is idempotent).

/**
 * The dilemma's document, and the thread facts its replies' documents carry (status,
 * competences, hidden, accepted answer, title). Replies are updated only where a fact changed,
 * in one statement, so this stays cheap for long threads.
 */
export async function indexDilemma(client: Client, dilemmaId: number): Promise<void> {
  const [row] = await loadDilemmas(client, [dilemmaId]);
  if (!row) {
    await client.$executeRaw`DELETE FROM "SearchDocument" WHERE "dilemmaId" = ${dilemmaId}`;
    return;
  }
  const doc = dilemmaDocument(row);
  const [before] = await client.$queryRaw<{ competenceIds: number[] }[]>`
    SELECT "competenceIds" FROM "SearchDocument" WHERE kind = 'dilemma' AND "sourceId" = ${dilemmaId}`;
  await writeDocuments(client, [doc], { addWords: true });
  // A report's competences are those of the dilemmas it links.
  if (before && before.competenceIds.join() !== doc.competenceIds.join()) await indexReportsOfDilemma(client, dilemmaId);
  await client.$executeRaw`
    UPDATE "SearchDocument" SET "competenceIds" = ${doc.competenceIds}::int[], status = ${doc.status}::"DilemmaStatus",
      "threadHidden" = ${doc.threadHidden}, "threadAuthorId" = ${doc.threadAuthorId},
      answer = ("sourceId" = ${row.acceptedReplyId}::int) IS TRUE
    WHERE kind = 'reply' AND "dilemmaId" = ${dilemmaId}
      AND ("competenceIds" IS DISTINCT FROM ${doc.competenceIds}::int[] OR status IS DISTINCT FROM ${doc.status}::"DilemmaStatus"
           OR "threadHidden" <> ${doc.threadHidden} OR "threadAuthorId" IS DISTINCT FROM ${doc.threadAuthorId}
           OR answer <> ("sourceId" = ${row.acceptedReplyId}::int) IS TRUE)`;
  await client.$executeRaw`
    UPDATE "SearchText" t SET title = ${row.title}
    FROM "SearchDocument" s
    WHERE s.id = t."documentId" AND s.kind = 'reply' AND s."dilemmaId" = ${dilemmaId} AND t.title <> ${row.title}`;
}

/**
 * The reply's document (gone when its author deleted it). When the reply is, or was, the
 * dilemma's accepted answer, the dilemma's document (which includes the answer's text) too.
 */
export async function indexReply(client: Client, replyId: number): Promise<void> {
  const [row] = await loadReplies(client, [replyId]);
  const doc = row ? replyDocument(row) : null;
  if (doc) {
    await writeDocuments(client, [doc], { addWords: true });
  } else {
    await deleteDocuments(client, "reply", [replyId]);
  }
  // Its text is part of the dilemma's document, and deleting it reopened the dilemma.
  if (row && (row.inAnswerDocument || row.acceptedReplyId === replyId)) await indexDilemma(client, row.dilemmaId);
}

/** A meeting's report: indexed once held (draft: staff only; published: everyone); an
 *  upcoming or deleted meeting has no document. */
export async function indexReport(meetingId: number, client: Client = db): Promise<void> {
  const [row] = await loadReports(client, [meetingId]);
  const doc = row ? reportDocument(row) : null;
  if (!doc) {
    await deleteDocuments(client, "report", [meetingId]);
    return;
  }
  await writeDocuments(client, [doc], { addWords: true });
}

/** Every report that links this dilemma (its competences are part of theirs). */
export async function indexReportsOfDilemma(client: Client, dilemmaId: number): Promise<void> {
  const meetings = await client.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT "meetingId" AS id FROM "MeetingDilemma" WHERE "dilemmaId" = ${dilemmaId} AND kind IN ('raised', 'discussed')`;
  for (const m of meetings) await indexReport(m.id, client);
}

/** Forget one thing (e.g. a deleted meeting); for a dilemma, its replies go too. */
export async function removeFromIndex(client: Client, kind: SearchKind, sourceId: number): Promise<void> {
  if (kind === "dilemma") await client.$executeRaw`DELETE FROM "SearchDocument" WHERE "dilemmaId" = ${sourceId}`;
  else await deleteDocuments(client, kind, [sourceId]);
}
