import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import type { AccountEvent } from "./events";
import { DEFAULT_JOIN_MODE } from "./join-mode.server";

// How many of a new member's first posts wait for an organiser's approval while anyone may
// join (decision 037). The setting lives beside the join mode on the circle's one settings
// row; the posts' writers read it in their own statements (dilemmas/holds.server.ts).

/** The default of a new installation and of the column: a newcomer's first two posts. */
export const DEFAULT_HOLD_FIRST_POSTS = 2;

export async function getPostHolds(): Promise<number> {
  const row = await db.circleSettings.findUnique({ where: { id: 1 }, select: { holdFirstPosts: true } });
  return row?.holdFirstPosts ?? DEFAULT_HOLD_FIRST_POSTS;
}

/** Announces "circle.post_holds_changed" (subject: the admin) when the number really changed. */
export async function setPostHolds(guardian: Guardian, holdFirstPosts: number): Promise<void> {
  guardian.ensureCanChooseJoinMode();
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "CircleSettings" (id, "joinMode") VALUES (1, ${DEFAULT_JOIN_MODE}::"JoinMode") ON CONFLICT (id) DO NOTHING`;
    const [was] = await tx.$queryRaw<{ holdFirstPosts: number }[]>`SELECT "holdFirstPosts" FROM "CircleSettings" WHERE id = 1 FOR UPDATE`;
    const before = was?.holdFirstPosts ?? DEFAULT_HOLD_FIRST_POSTS;
    if (before === holdFirstPosts) return;
    await tx.circleSettings.update({ where: { id: 1 }, data: { holdFirstPosts, updatedAt: new Date() } });
    const event: AccountEvent = { type: "circle.post_holds_changed", subjectId: guardian.userId ?? 0, actorId: guardian.userId, payload: { before, after: holdFirstPosts } };
    await recordEvents(tx, [event]);
  });
}
