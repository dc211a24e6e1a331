import { Prisma } from "~/generated/prisma/client";
import { competencesOfDilemma, type ReplyThreadFacts } from "~/search/documents.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { childPath, depthOf, SEGMENT_WIDTH } from "./thread-path";

// The statements of a new reply, few because posting is the busiest write: each statement
// costs the server and Postgres more than what it does (bench: Prisma, the driver and socket
// writes were half of a post's server time). Two statements in the transaction:
//   1. lock the dilemma's row and read, at once, what the Guardian needs of it, whether this
//      form was sent before, the parent, the reply's place and id, how many replies come
//      before it, and what its search document needs of the thread;
//   2. write the reply, count it on its dilemma, write its search document.
// A statement that had to wait for the lock still reads the other rows as they were before it
// waited (Postgres re-reads only the locked row). It notices: the row it locked is then a newer
// version than the one it started with. Only then is the placement read again, under the lock.

type Tx = Prisma.TransactionClient;

export type NewReply = { dilemmaId: number; authorId: number; submissionId: string; parentId: number | null };

export type Placement =
  | { earlier: { id: number; dilemmaId: number } }
  | { earlier: null; id: number; parentId: number | null; path: string; before: number; thread: ReplyThreadFacts };

type PlacementRow = ReplyThreadFacts & {
  earlierId: number | null;
  earlierDilemmaId: number | null;
  newId: number | null;
  before: number;
  parentId: number | null;
  parentPath: string | null;
  parentGone: boolean | null;
  lastPath: string | null;
};

/** The locked dilemma, as the Guardian's rules need it (see toDilemmaRef). */
export type LockedDilemma = {
  id: number;
  authorId: number;
  lockedAt: Date | null;
  hiddenAt: Date | null;
  author: { erasedAt: Date | null };
  title: string;
};

type LockedRow = PlacementRow & { lockedAt: Date | null; authorErasedAt: Date | null; stale: boolean };

/**
 * Locks the dilemma (null: no such dilemma) and reads the reply's placement with it. The
 * caller asks the Guardian about the dilemma, then calls place(): it answers from what was
 * read, or reads again when the lock had to wait for another writer.
 */
export async function lockForReply(tx: Tx, reply: NewReply): Promise<{ dilemma: LockedDilemma | null; place: () => Promise<Placement> }> {
  if (!Number.isSafeInteger(reply.dilemmaId)) return { dilemma: null, place: () => Promise.reject(new NotFound("dilemma")) };
  const [row] = await tx.$queryRaw<LockedRow[]>(placementQuery(reply, { lock: true }));
  if (!row) return { dilemma: null, place: () => Promise.reject(new NotFound("dilemma")) };
  const dilemma: LockedDilemma = {
    id: reply.dilemmaId,
    authorId: row.dilemmaAuthorId,
    lockedAt: row.lockedAt,
    hiddenAt: row.dilemmaHiddenAt,
    author: { erasedAt: row.authorErasedAt },
    title: row.title,
  };
  return { dilemma, place: async () => placement(row.stale ? await readPlacement(tx, reply) : row, reply.parentId) };
}

async function readPlacement(tx: Tx, reply: NewReply): Promise<PlacementRow> {
  const [row] = await tx.$queryRaw<PlacementRow[]>(placementQuery(reply, { lock: false }));
  return row!;
}

/**
 * Where a new reply goes: after the last child of its parent (or the last reply at the top).
 * The last child is read off the (dilemmaId, path) index in one step: every path in a subtree
 * starts with its top's path, so the greatest path under a parent begins with the parent's
 * last child, wherever that child's own replies go.
 */
function placementQuery(reply: NewReply, { lock }: { lock: boolean }): Prisma.Sql {
  const { dilemmaId, parentId } = reply;
  // A parent's subtree: paths after its own, before its next sibling's (paths are digits, so
  // they sort the same under every collation). The new reply comes last in it, so every reply
  // before the next sibling's path comes before the new one (at the top: every reply).
  const nextSibling = Prisma.sql`left(p.path, length(p.path) - ${SEGMENT_WIDTH}) || lpad((right(p.path, ${SEGMENT_WIDTH})::int + 1)::text, ${SEGMENT_WIDTH}, '0')`;
  const subtree = parentId === null ? Prisma.sql`TRUE` : Prisma.sql`r.path > p.path AND r.path < ${nextSibling}`;
  const beforeNew = parentId === null ? Prisma.sql`TRUE` : Prisma.sql`r.path < ${nextSibling}`;
  // stale: the locked row is a newer version than this statement's snapshot holds, so another
  // writer committed while we waited for the lock (or just before) and the rest is out of date.
  const locked = lock
    ? Prisma.sql`, d."lockedAt", u."erasedAt" AS "authorErasedAt",
           d.ctid <> (SELECT s.ctid FROM "Dilemma" s WHERE s.id = d.id) AS stale`
    : Prisma.empty;
  return Prisma.sql`
    SELECT e.id AS "earlierId", e."dilemmaId" AS "earlierDilemmaId",
           CASE WHEN e.id IS NULL THEN nextval(pg_get_serial_sequence('"Reply"', 'id'))::int END AS "newId",
           (SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = d.id AND ${beforeNew})::int AS before,
           p.id AS "parentId", p.path AS "parentPath", (p."hiddenAt" IS NOT NULL OR p."deletedByAuthorAt" IS NOT NULL) AS "parentGone",
           last.path AS "lastPath",
           d.title, d.status, d."authorId" AS "dilemmaAuthorId", d."hiddenAt" AS "dilemmaHiddenAt", d."acceptedReplyId",
           ${competencesOfDilemma(Prisma.sql`d.id`)} AS "competenceIds" ${locked}
    FROM "Dilemma" d
    ${lock ? Prisma.sql`JOIN "User" u ON u.id = d."authorId"` : Prisma.empty}
    LEFT JOIN "Reply" e ON e."authorId" = ${reply.authorId} AND e."submissionId" = ${reply.submissionId}
    LEFT JOIN "Reply" p ON p.id = ${parentId ?? 0} AND p."dilemmaId" = ${dilemmaId}
    LEFT JOIN LATERAL (
      SELECT left(r.path, length(coalesce(p.path, '')) + ${SEGMENT_WIDTH}) AS path
      FROM "Reply" r
      WHERE r."dilemmaId" = ${dilemmaId} AND ${subtree}
      ORDER BY r.path DESC LIMIT 1
    ) last ON ${parentId === null ? Prisma.sql`TRUE` : Prisma.sql`p.id IS NOT NULL`}
    WHERE d.id = ${dilemmaId}
    ${lock ? Prisma.sql`FOR UPDATE OF d` : Prisma.empty}`;
}

/** The earlier reply of a form sent twice, or the new reply's place (NotFound, Forbidden: its
 *  parent is missing, deleted or hidden). */
function placement(row: PlacementRow, parentId: number | null): Placement {
  if (row.earlierId !== null) return { earlier: { id: row.earlierId, dilemmaId: row.earlierDilemmaId! } };
  if (parentId !== null) {
    if (row.parentId === null) throw new NotFound("reply");
    // Answering words nobody can read any more would make no sense to the next reader.
    if (row.parentGone) throw new Forbidden("cannot answer a deleted or hidden reply");
  }
  const { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds } = row;
  const sequence = row.lastPath ? Number(row.lastPath.slice(-SEGMENT_WIDTH)) + 1 : 1;
  return {
    earlier: null,
    id: row.newId!,
    parentId,
    path: childPath(row.parentPath, sequence),
    before: row.before,
    thread: { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds },
  };
}

/** The new reply's writes, as CTEs of the statement that also writes its search document:
 *  the reply, with the id its placement took, and its count on its dilemma. */
export function replyWrites(
  reply: { id: number; dilemmaId: number; parentId: number | null; authorId: number; bodyMd: string; bodyHtml: string; path: string; submissionId: string },
  now: Date,
): Prisma.Sql {
  return Prisma.sql`
    reply AS (
      INSERT INTO "Reply" (id, "dilemmaId", "parentId", "authorId", "bodyMd", "bodyHtml", path, depth, "submissionId", "createdAt", "updatedAt")
      VALUES (${reply.id}, ${reply.dilemmaId}, ${reply.parentId}, ${reply.authorId}, ${reply.bodyMd}, ${reply.bodyHtml}, ${reply.path},
              ${depthOf(reply.path)}, ${reply.submissionId}, ${now}, ${now})
    ), counted AS (
      UPDATE "Dilemma" SET "replyCount" = "replyCount" + 1, "lastActivityAt" = ${now} WHERE id = ${reply.dilemmaId}
    )`;
}
