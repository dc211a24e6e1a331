import { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus } from "~/generated/prisma/enums";
import { competencesOfDilemma } from "~/dilemmas/competence-tags.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { eventStatement } from "~/platform/events/outbox.server";
import { publishedAnywayEvents, type PublishedAnyway } from "~/privacy/published-anyway";
import type { ReplyEvent, ReplyThreadFacts } from "./events";
import { childPath, depthOf, SEGMENT_WIDTH } from "./thread-path";

// The statements of a new reply, few because posting is the busiest write: each statement
// costs the server and Postgres more than what it does (bench: Prisma, the driver and socket
// writes were half of a post's server time). Decision 013. Two, and no transaction:
//   1. readForReply: what the Guardian needs of the dilemma, whether this form was sent
//      before, the parent, the new reply's id, and the thread's facts its "reply.created"
//      event hands to the subscribers in its statement (the search document);
//   2. the write (replyWrites, the event and its in-transaction subscribers' writes, one
//      statement, decision 014): only while the dilemma and the parent are as they were
//      read, it numbers the reply on the dilemma's row (which it locks only while it runs),
//      counts it, and writes it, its event and its search document.
// When the dilemma or the parent changed in between, nothing is written and the post reads
// again.

export type NewReply = { dilemmaId: number; authorId: number; submissionId: string; parentId: number | null };

/** The dilemma as the Guardian's rules need it (see toDilemmaRef), and its title. */
export type DilemmaForReply = {
  id: number;
  authorId: number;
  lockedAt: Date | null;
  hiddenAt: Date | null;
  deletedByAuthorAt: Date | null;
  author: { erasedAt: Date | null };
  title: string;
};

/** What the Guardian was asked about and the thread's facts were read with: the write happens
 *  only while the dilemma still has these. (Its title, text and tags change its updatedAt.) */
type SeenDilemma = {
  lockedAt: Date | null;
  hiddenAt: Date | null;
  updatedAt: Date;
  status: DilemmaStatus;
  acceptedReplyId: number | null;
};

export type ReplyPlan =
  | { earlier: { id: number; dilemmaId: number; held: boolean } }
  | { earlier: null; id: number; parentPath: string | null; thread: ReplyThreadFacts; seen: SeenDilemma; held: boolean };

type ReadRow = ReplyThreadFacts &
  Pick<SeenDilemma, "lockedAt" | "updatedAt"> & {
    earlierId: number | null;
    earlierDilemmaId: number | null;
    earlierHeld: boolean | null;
    newId: number | null;
    parentId: number | null;
    parentPath: string | null;
    parentGone: boolean | null;
    authorErasedAt: Date | null;
    held: boolean;
    deletedByAuthorAt: Date | null;
  };

const NO_DILEMMA = {
  dilemma: null,
  plan: (): never => {
    throw new NotFound("dilemma");
  },
};

/**
 * Reads the dilemma (null: no such dilemma) and what the new reply needs, in one statement.
 * The caller asks the Guardian about the dilemma, then calls plan(): the earlier reply of a
 * form sent twice, or what replyWrites needs (NotFound, Forbidden: the parent is missing,
 * deleted or hidden).
 */
export async function readForReply(
  client: Prisma.TransactionClient,
  reply: NewReply,
  /** Whether the author's reply waits for approval (dilemmas/holds.server.ts; decision 037). */
  heldSql: Prisma.Sql = Prisma.sql`FALSE`,
): Promise<{ dilemma: DilemmaForReply | null; plan: () => ReplyPlan }> {
  if (!Number.isSafeInteger(reply.dilemmaId)) return NO_DILEMMA;
  const [row] = await client.$queryRaw<ReadRow[]>`
    SELECT e.id AS "earlierId", e."dilemmaId" AS "earlierDilemmaId", e."heldAt" IS NOT NULL AS "earlierHeld",
           CASE WHEN e.id IS NULL THEN nextval(pg_get_serial_sequence('"Reply"', 'id'))::int END AS "newId",
           p.id AS "parentId", p.path AS "parentPath", (p."hiddenAt" IS NOT NULL OR p."deletedByAuthorAt" IS NOT NULL) AS "parentGone",
           d.title, d.status, d."authorId" AS "dilemmaAuthorId", d."hiddenAt" AS "dilemmaHiddenAt", d."acceptedReplyId",
           ${competencesOfDilemma(Prisma.sql`d.id`)} AS "competenceIds",
           d."lockedAt", d."updatedAt", d."deletedByAuthorAt", u."erasedAt" AS "authorErasedAt", ${heldSql} AS held
    FROM "Dilemma" d
    JOIN "User" u ON u.id = d."authorId"
    LEFT JOIN "Reply" e ON e."authorId" = ${reply.authorId} AND e."submissionId" = ${reply.submissionId}
    LEFT JOIN "Reply" p ON p.id = ${reply.parentId ?? 0} AND p."dilemmaId" = ${reply.dilemmaId}
    WHERE d.id = ${reply.dilemmaId}`;
  if (!row) return NO_DILEMMA;
  const dilemma: DilemmaForReply = {
    id: reply.dilemmaId,
    authorId: row.dilemmaAuthorId,
    lockedAt: row.lockedAt,
    hiddenAt: row.dilemmaHiddenAt,
    deletedByAuthorAt: row.deletedByAuthorAt,
    author: { erasedAt: row.authorErasedAt },
    title: row.title,
  };
  return { dilemma, plan: () => planOf(row, reply.parentId) };
}

function planOf(row: ReadRow, parentId: number | null): ReplyPlan {
  if (row.earlierId !== null) return { earlier: { id: row.earlierId, dilemmaId: row.earlierDilemmaId!, held: row.earlierHeld === true } };
  if (parentId !== null) {
    if (row.parentId === null) throw new NotFound("reply");
    // Answering words nobody can read any more would make no sense to the next reader.
    if (row.parentGone) throw new Forbidden("cannot answer a deleted or hidden reply");
  }
  const { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds } = row;
  return {
    earlier: null,
    id: row.newId!,
    parentPath: row.parentPath,
    thread: { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds },
    seen: { lockedAt: row.lockedAt, hiddenAt: dilemmaHiddenAt, updatedAt: row.updatedAt, status, acceptedReplyId },
    held: row.held,
  };
}

/**
 * The new reply's writes, as CTEs of the statement that also writes its event and what the
 * in-transaction subscribers make of it (`written` is their condition), and `placed`, the
 * statement's answer: how many of the
 * thread's replies come before the new one (for the redirect to its page), or no row when
 * nothing was written because the dilemma or the parent changed since they were read.
 *
 * Where it goes: after the last child of its parent (or the last reply at the top). Its
 * number among its siblings comes from the dilemma's row, which the statement updates anyway:
 * `lastReplySequence`, one more than the greater of the last number handed out in the thread
 * and its parent's last child now. A statement that waited for the row's lock reads the row as
 * the writer before it left it, so two replies never get the same number, and the lock is held
 * only while the statement runs. Numbers under one parent therefore rise but may skip (1, 2,
 * 5): the order is what matters. The last child is read off the (dilemmaId, path) index in one
 * step (every path in a subtree starts with its top's path, so the greatest path under a
 * parent begins with the parent's last child); it covers replies written by anyone who does
 * not keep lastReplySequence, such as an import.
 */
export function replyWrites(
  plan: Extract<ReplyPlan, { earlier: null }>,
  reply: NewReply & { bodyMd: string; bodyHtml: string },
  now: Date,
): { ctes: Prisma.Sql; written: Prisma.Sql; placed: Prisma.Sql } {
  const { dilemmaId, parentId, authorId, bodyHtml } = reply;
  const { parentPath, seen, held } = plan;
  const prefix = parentPath ?? "";
  // The parent's subtree: paths after its own, before its next sibling's (paths are digits, so
  // they sort the same under every collation).
  const subtree =
    parentPath === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`r.path > ${parentPath} AND r.path < ${childPath(parentPath.slice(0, -SEGMENT_WIDTH), Number(parentPath.slice(-SEGMENT_WIDTH)) + 1)}`;
  // The parent as this statement's snapshot has it. (A hide committed while the statement
  // waited for the row's lock is not seen: the reply then came first, by a hair.)
  const parentStays =
    parentId === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`EXISTS (SELECT 1 FROM "Reply" p WHERE p.id = ${parentId} AND p."hiddenAt" IS NULL AND p."deletedByAuthorAt" IS NULL)`;
  // `was`: the parent's last child and the row's last number, both as this statement's
  // snapshot has them (Postgres re-reads only the updated row after waiting for its lock).
  // `waited`: the number given is not the one the snapshot leads to, so another reply was
  // numbered while the statement waited, and `before` (counted in the snapshot) may miss it.
  const ctes = Prisma.sql`
    counted AS (
      UPDATE "Dilemma" d SET ${
        // A held reply is hidden: not counted, no news in the thread until it is approved (decision 037).
        held ? Prisma.empty : Prisma.sql`"replyCount" = d."replyCount" + 1, "lastActivityAt" = greatest(d."lastActivityAt", ${now}::timestamptz),`
      }
        "lastReplySequence" = greatest(d."lastReplySequence", was.last_child) + 1
      FROM (
        SELECT coalesce((SELECT substr(r.path, ${prefix.length + 1}, ${SEGMENT_WIDTH})::int FROM "Reply" r
                         WHERE r."dilemmaId" = ${dilemmaId} AND ${subtree} ORDER BY r.path DESC LIMIT 1), 0) AS last_child,
               s."lastReplySequence" AS sequence
        FROM "Dilemma" s WHERE s.id = ${dilemmaId}
      ) AS was
      WHERE d.id = ${dilemmaId} AND d."lockedAt" IS NOT DISTINCT FROM ${seen.lockedAt}::timestamptz
        AND d."hiddenAt" IS NOT DISTINCT FROM ${seen.hiddenAt}::timestamptz AND d."updatedAt" = ${seen.updatedAt}::timestamptz
        AND d.status = ${seen.status}::"DilemmaStatus" AND d."acceptedReplyId" IS NOT DISTINCT FROM ${seen.acceptedReplyId}::int
        AND ${parentStays}
      RETURNING ${prefix}::text || lpad(d."lastReplySequence"::text, ${SEGMENT_WIDTH}, '0') AS path,
                d."lastReplySequence" <> greatest(was.sequence, was.last_child) + 1 AS waited
    ), reply AS (
      INSERT INTO "Reply" (id, "dilemmaId", "parentId", "authorId", "bodyMd", "bodyHtml", path, depth, "submissionId", "createdAt", "updatedAt", "hiddenAt", "heldAt")
      SELECT ${plan.id}, ${dilemmaId}, ${parentId}, ${authorId}, ${reply.bodyMd}, ${bodyHtml}, counted.path,
             ${parentPath === null ? 0 : depthOf(parentPath) + 1}, ${reply.submissionId}, ${now}, ${now},
             ${held ? now : null}::timestamptz, ${held ? now : null}::timestamptz
      FROM counted
      RETURNING path
    )`;
  return {
    ctes,
    written: Prisma.sql`EXISTS (SELECT 1 FROM counted)`,
    placed: Prisma.sql`SELECT ${repliesBefore(dilemmaId, Prisma.sql`reply.path`)} AS before, counted.waited, reply.path FROM reply, counted`,
  };
}

/**
 * The write (step 2): the reply, its "reply.created" event and what the in-transaction
 * subscribers make of it (the search document), in one statement. Null when nothing was
 * written because the dilemma or the parent changed since they were read.
 */
export async function writeReply(
  client: Prisma.TransactionClient,
  plan: Extract<ReplyPlan, { earlier: null }>,
  reply: NewReply & { bodyMd: string; bodyHtml: string },
  announce: { actorId: number | null; imported: boolean; now: Date } & PublishedAnyway,
): Promise<Placed | null> {
  const { now } = announce;
  const writes = replyWrites(plan, reply, now);
  const created: ReplyEvent = {
    type: "reply.created",
    subjectId: plan.id,
    actorId: announce.actorId,
    payload: { dilemmaId: reply.dilemmaId, parentId: reply.parentId, authorId: reply.authorId, imported: announce.imported, held: plan.held },
    inHand: { bodyHtml: reply.bodyHtml, createdAt: now, thread: plan.thread },
  };
  const anyway = publishedAnywayEvents(announce.privacyOverridden, { post: "reply", id: plan.id, dilemmaId: reply.dilemmaId }, announce.actorId);
  const events = eventStatement([created, ...anyway], writes.written);
  const [placed] = await client.$queryRaw<Placed[]>`WITH ${writes.ctes}, ${events.ctes} ${writes.placed}`;
  if (!placed) return null;
  events.afterwards();
  return placed;
}

const repliesBefore = (dilemmaId: number, path: Prisma.Sql | string) =>
  Prisma.sql`(SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = ${dilemmaId} AND r.path < ${path})::int`;

/** What a new reply's write answers (replyWrites' `placed`). */
export type Placed = { before: number; waited: boolean; path: string };

/** How many of the thread's replies come before this path, read now. */
export async function countBefore(client: Prisma.TransactionClient, dilemmaId: number, path: string): Promise<number> {
  const [row] = await client.$queryRaw<{ before: number }[]>`SELECT ${repliesBefore(dilemmaId, path)} AS before`;
  return row!.before;
}
