import { Prisma } from "~/generated/prisma/client";
import { competencesOfDilemma, type ReplyThreadFacts } from "~/search/documents.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { childPath, depthOf, SEGMENT_WIDTH } from "./thread-path";

// The statements of a new reply, few because posting is the busiest write (bench: Prisma, the
// driver and socket writes for a post's 14 statements were half its server time). After the dilemma's row lock, one statement finds whether
// this form was sent before, the parent, the reply's place among its siblings and what its
// search document needs of the thread; one writes the reply, counts it on its dilemma and tells
// where it landed in the thread. It runs after the lock, not with it: a statement that waited
// for the lock still reads the replies as they were before it waited.

type Tx = Prisma.TransactionClient;

export type Placement =
  | { earlier: { id: number; dilemmaId: number } }
  | { earlier: null; parentId: number | null; path: string; thread: ReplyThreadFacts };

type PlacementRow = ReplyThreadFacts & {
  earlierId: number | null;
  earlierDilemmaId: number | null;
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
  // they sort the same under every collation).
  const subtree =
    parentId === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`r.path > p.path
          AND r.path < left(p.path, length(p.path) - ${SEGMENT_WIDTH}) || lpad((right(p.path, ${SEGMENT_WIDTH})::int + 1)::text, ${SEGMENT_WIDTH}, '0')`;
  const [row] = await tx.$queryRaw<PlacementRow[]>`
    SELECT e.id AS "earlierId", e."dilemmaId" AS "earlierDilemmaId",
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
    parentId,
    path: childPath(row!.parentPath, sequence),
    thread: { title, status, dilemmaAuthorId, dilemmaHiddenAt, acceptedReplyId, competenceIds },
  };
}

/** Writes the reply and counts it on its dilemma (one statement); answers its id and how many
 *  of the thread's replies come before it (for the redirect to its page). */
export async function insertReply(
  tx: Tx,
  reply: { dilemmaId: number; parentId: number | null; authorId: number; bodyMd: string; bodyHtml: string; path: string; submissionId: string },
  now: Date,
): Promise<{ id: number; before: number }> {
  const [row] = await tx.$queryRaw<{ id: number; before: number }[]>`
    WITH reply AS (
      INSERT INTO "Reply" ("dilemmaId", "parentId", "authorId", "bodyMd", "bodyHtml", path, depth, "submissionId", "createdAt", "updatedAt")
      VALUES (${reply.dilemmaId}, ${reply.parentId}, ${reply.authorId}, ${reply.bodyMd}, ${reply.bodyHtml}, ${reply.path},
              ${depthOf(reply.path)}, ${reply.submissionId}, ${now}, ${now})
      RETURNING id
    ), counted AS (
      UPDATE "Dilemma" SET "replyCount" = "replyCount" + 1, "lastActivityAt" = ${now} WHERE id = ${reply.dilemmaId}
    )
    SELECT reply.id, (SELECT count(*) FROM "Reply" r WHERE r."dilemmaId" = ${reply.dilemmaId} AND r.path < ${reply.path})::int AS before
    FROM reply`;
  return row!;
}
