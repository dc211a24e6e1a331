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
  const [dilemmas, visits, me] = await Promise.all([
    db.dilemma.findMany({ where: { id: { in: dilemmaIds } }, select: { id: true, createdAt: true, lastActivityAt: true, authorId: true } }),
    db.dilemmaVisit.findMany({ where: { userId, dilemmaId: { in: dilemmaIds } }, select: { dilemmaId: true, seenAt: true } }),
    db.user.findUnique({ where: { id: userId }, select: { createdAt: true } }),
  ]);
  const seen = new Map(visits.map((v) => [v.dilemmaId, v.seenAt.getTime()]));
  const joined = me?.createdAt.getTime() ?? Date.now();
  const marks: ListMarks = {};
  for (const d of dilemmas) {
    if (d.authorId === userId) continue;
    const at = seen.get(d.id);
    if (at === undefined) {
      if (d.createdAt.getTime() > joined) marks[d.id] = "new";
    } else if (d.lastActivityAt.getTime() > at) marks[d.id] = "updated";
  }
  return marks;
}
