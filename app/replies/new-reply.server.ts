import { Prisma } from "~/generated/prisma/client";
import { competencesOfDilemma, type ReplyThreadFacts } from "~/search/documents.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { childPath, depthOf, SEGMENT_WIDTH } from "./thread-path";

// The statements of a new reply, few because posting is the busiest write: each statement
// costs the server and Postgres more than what it does (bench: Prisma, the driver and socket
// writes were half of a post's server time). After the dilemma's row lock, one statement finds
// whether this form was sent before, the parent, the reply's place and id, how many replies
// come before it, and what its search document needs of the thread; one writes the reply,
// counts it on its dilemma and writes its search document. The first runs after the lock, not
// with it: a statement that waited for the lock still reads the replies as they were before.

type Tx = Prisma.TransactionClient;

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

/**
 * Where a new reply goes: after the last child of its parent (or the last reply at the top).
 * The last child is read off the (dilemmaId, path) index in one step: every path in a subtree
 * starts with its top's path, so the greatest path under a parent begins with the parent's
 * last child, wherever that child's own replies go.
 */
export async function placeReply(
  tx: Tx,
  reply: { dilemmaId: number; authorId: number; submissionId: string; parentId: number | null },
): Promise<Placement> {
  const { dilemmaId, parentId } = reply;
  // A parent's subtree: paths after its own, before its next sibling's (paths are digits, so
  // they sort the same under every collation). The new reply comes last in it, so every reply
  // before the next sibling's path comes before the new one (at the top: every reply).
  const nextSibling = Prisma.sql`left(p.path, length(p.path) - ${SEGMENT_WIDTH}) || lpad((right(p.path, ${SEGMENT_WIDTH})::int + 1)::text, ${SEGMENT_WIDTH}, '0')`;
  const subtree = parentId === null ? Prisma.sql`TRUE` : Prisma.sql`r.path > p.path AND r.path < ${nextSibling}`;
  const beforeNew = parentId === null ? Prisma.sql`TRUE` : Prisma.sql`r.path < ${nextSibling}`;
  const [row] = await tx.$queryRaw<PlacementRow[]>`
    SELECT e.id AS "earlierId", e."dilemmaId" AS "earlierDilemmaId",
           CASE WHEN e.id IS NULL THEN nextval(pg_get_serial_sequence('"Reply"', 'id'))::int END AS "newId",
           (SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = d.id AND ${beforeNew})::int AS before,
           p.id AS "parentId", p.path AS "parentPath", (p."hiddenAt" IS NOT NULL OR p."deletedByAuthorAt" IS NOT NULL) AS "parentGone",
           last.path AS "lastPath",
           d.title, d.status, d."authorId" AS "dilemmaAuthorId", d."hiddenAt" AS "dilemmaHiddenAt", d."acceptedReplyId",
           ${competencesOfDilemma(Prisma.sql`d.id`)} AS "competenceIds"
    FROM "Dilemma" d
    LEFT JOIN "Reply" e ON e."authorId" = ${reply.authorId} AND e."submissionId" = ${reply.submissionId}
    LEFT JOIN "Reply" p ON p.id = ${parentId ?? 0} AND p."dilemmaId" = ${dilemmaId}
    LEFT JOIN LATERAL (
      SELECT left(r.path, length(coalesce(p.path, '')) + ${SEGMENT_WIDTH}) AS path
      FROM "Reply" r
      WHERE r."dilemmaId" = ${dilemmaId} AND ${subtree}
      ORDER BY r.path DESC LIMIT 1
    ) last ON ${parentId === null ? Prisma.sql`TRUE` : Prisma.sql`p.id IS NOT NULL`}
    WHERE d.id = ${dilemmaId}`;
  if (row!.earlierId !== null) return { earlier: { id: row!.earlierId, dilemmaId: row!.earlierDilemmaId! } };
  if (parentId !== null) {
    if (row!.parentId === null) throw new NotFound("reply");
    // Answering words nobody can read any more would make no sense to the next reader.
    if (row!.parentGone) throw new Forbidden("cannot answer a deleted or hidden reply");
  }
  const { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds } = row!;
  const sequence = row!.lastPath ? Number(row!.lastPath.slice(-SEGMENT_WIDTH)) + 1 : 1;
  return {
    earlier: null,
    id: row!.newId!,
    parentId,
    path: childPath(row!.parentPath, sequence),
    before: row!.before,
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
