import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";

// "New since your last visit": when a member last opened each dilemma. Opening one records
// the visit (and reads its notifications: they are on the screen now); the thread marks the
// replies written after the visit before, so reloading the page keeps the marks of this visit
// for a while (VISIT_GAP_MS) instead of losing them on the first reload.

const VISIT_GAP_MS = 30 * 60 * 1000;

/** Records the visit; returns the moment replies count as new from (null: first visit, nothing marked). */
export async function visitDilemma(guardian: Guardian, dilemmaId: number): Promise<Date | null> {
  const userId = guardian.userId;
  if (userId === null) return null;
  const now = new Date();
  // One statement (decision 055): the visit before this one as it was, the thread's
  // notifications read, and this visit recorded. Within the gap it is the same visit, which
  // keeps the visit before it as the one its marks count from.
  const [before] = await db.$queryRaw<{ seenAt: Date; previousSeenAt: Date | null }[]>`
    WITH before AS (
      SELECT "seenAt", "previousSeenAt" FROM "DilemmaVisit" WHERE "userId" = ${userId} AND "dilemmaId" = ${dilemmaId}
    ), "read" AS (
      UPDATE "Notification" SET "readAt" = ${now}::timestamptz WHERE "userId" = ${userId} AND "dilemmaId" = ${dilemmaId} AND "readAt" IS NULL
    ), visit AS (
      INSERT INTO "DilemmaVisit" ("userId", "dilemmaId", "seenAt") VALUES (${userId}, ${dilemmaId}, ${now}::timestamptz)
      ON CONFLICT ("userId", "dilemmaId") DO UPDATE SET
        "seenAt" = EXCLUDED."seenAt",
        "previousSeenAt" = CASE
          WHEN EXCLUDED."seenAt" - "DilemmaVisit"."seenAt" < ${VISIT_GAP_MS}::int * interval '1 millisecond' THEN "DilemmaVisit"."previousSeenAt"
          ELSE "DilemmaVisit"."seenAt"
        END
    )
    SELECT "seenAt", "previousSeenAt" FROM before`;
  if (!before) return null;
  const sameVisit = now.getTime() - before.seenAt.getTime() < VISIT_GAP_MS;
  return sameVisit ? before.previousSeenAt : before.seenAt;
}

export type ListMarks = Record<number, "new" | "updated">;

/**
 * For a list of dilemmas: "new" for one the member never opened that was asked since they
 * joined, "updated" for one with activity since their last visit. Never for their own asking.
 * Read apart from the list itself, which is shared between members (decision 010).
 */
export async function listMarks(guardian: Guardian, dilemmaIds: number[]): Promise<ListMarks> {
  const userId = guardian.userId;
  if (userId === null || !dilemmaIds.length) return {};
  // One statement where three were (the dilemmas' moments, the member's visits, when they
  // joined): each statement costs the server more CPU than the rows it returns (decision 055).
  const rows = await db.$queryRaw<{ id: number; mark: "new" | "updated" }[]>`
    SELECT d.id,
      CASE
        WHEN v."seenAt" IS NULL THEN CASE WHEN d."createdAt" > u."createdAt" THEN 'new' END
        WHEN d."lastActivityAt" > v."seenAt" THEN 'updated'
      END AS mark
    FROM "Dilemma" d
    LEFT JOIN "User" u ON u.id = ${userId}
    LEFT JOIN "DilemmaVisit" v ON v."userId" = ${userId} AND v."dilemmaId" = d.id
    WHERE d.id = ANY(${dilemmaIds}::int[]) AND d."authorId" <> ${userId}`;
  const marks: ListMarks = {};
  for (const { id, mark } of rows) if (mark) marks[id] = mark;
  return marks;
}
