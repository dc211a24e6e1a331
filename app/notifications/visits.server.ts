import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { dilemmaWatchColumns, dilemmaWatchState, type WatchState } from "./watches.server";

// "New since your last visit": when a member last opened each dilemma. Opening one records
// the visit (and reads its notifications: they are on the screen now); the thread marks the
// replies written after the visit before, so reloading the page keeps the marks of this visit
// for a while (VISIT_GAP_MS) instead of losing them on the first reload.

const VISIT_GAP_MS = 30 * 60 * 1000;

/** Records the visit; returns the moment replies count as new from (null: first visit, nothing marked). */
export async function visitDilemma(guardian: Guardian, dilemmaId: number): Promise<Date | null> {
  return (await openDilemma(guardian, dilemmaId))?.newSince ?? null;
}

/**
 * A member opens a dilemma's page: the visit recorded (visitDilemma) and whether they follow
 * it (watches.server.ts watchStateOf, a dilemma's rule) in one statement, since every thread
 * page view asks both and each statement costs the server more CPU than its rows (decisions
 * 055, 058). null for a visitor.
 */
export async function openDilemma(guardian: Guardian, dilemmaId: number): Promise<{ newSince: Date | null; watch: WatchState } | null> {
  const userId = guardian.userId;
  if (userId === null) return null;
  const now = new Date();
  // The visit before this one as it was, the thread's notifications read, and this visit
  // recorded. Within the gap it is the same visit, which keeps the visit before it as the one
  // its marks count from. The data-changing parts run whether or not the last line reads them.
  const [row] = await db.$queryRaw<{ seenAt: Date | null; previousSeenAt: Date | null; level: string | null; involved: boolean }[]>`
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
    SELECT b."seenAt", b."previousSeenAt", ${dilemmaWatchColumns(userId, dilemmaId)}
    FROM (SELECT 1) AS one LEFT JOIN before b ON true`;
  return { newSince: newSince(now, row?.seenAt ?? null, row?.previousSeenAt ?? null), watch: dilemmaWatchState(row) };
}

function newSince(now: Date, seenAt: Date | null, previousSeenAt: Date | null): Date | null {
  if (!seenAt) return null;
  const sameVisit = now.getTime() - seenAt.getTime() < VISIT_GAP_MS;
  return sameVisit ? previousSeenAt : seenAt;
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
