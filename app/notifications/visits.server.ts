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
  const before = await db.dilemmaVisit.findUnique({ where: { userId_dilemmaId: { userId, dilemmaId } } });
  await db.notification.updateMany({ where: { userId, dilemmaId, readAt: null }, data: { readAt: now } });
  if (!before) {
    await db.dilemmaVisit.createMany({ data: [{ userId, dilemmaId, seenAt: now }], skipDuplicates: true });
    return null;
  }
  // Within the gap it is the same visit: keep marking from the visit before it.
  const sameVisit = now.getTime() - before.seenAt.getTime() < VISIT_GAP_MS;
  const newSince = sameVisit ? before.previousSeenAt : before.seenAt;
  await db.dilemmaVisit.update({
    where: { userId_dilemmaId: { userId, dilemmaId } },
    data: sameVisit ? { seenAt: now } : { seenAt: now, previousSeenAt: before.seenAt },
  });
  return newSince;
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
