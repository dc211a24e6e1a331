import type { JoinMode } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import type { AccountEvent } from "./events";

// How people join the circle (decision 016): open, approval by an organiser (the default for
// a new installation), or by invitation only. One row, made with its default when first read.

export const DEFAULT_JOIN_MODE: JoinMode = "approval";

export async function getJoinMode(): Promise<JoinMode> {
  const row = await db.circleSettings.findUnique({ where: { id: 1 }, select: { joinMode: true } });
  return row?.joinMode ?? DEFAULT_JOIN_MODE;
}

/** Announces "circle.join_mode_changed" (subject: the admin) when the mode really changed. */
export async function setJoinMode(guardian: Guardian, joinMode: JoinMode): Promise<void> {
  guardian.ensureCanChooseJoinMode();
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "CircleSettings" (id, "joinMode") VALUES (1, ${DEFAULT_JOIN_MODE}::"JoinMode") ON CONFLICT (id) DO NOTHING`;
    const [was] = await tx.$queryRaw<{ joinMode: JoinMode }[]>`SELECT "joinMode" FROM "CircleSettings" WHERE id = 1 FOR UPDATE`;
    await tx.circleSettings.update({ where: { id: 1 }, data: { joinMode, updatedAt: new Date() } });
    const before = was?.joinMode ?? DEFAULT_JOIN_MODE; // a first choice changes the default
    if (before === joinMode) return;
    const event: AccountEvent = { type: "circle.join_mode_changed", subjectId: guardian.userId ?? 0, actorId: guardian.userId, payload: { before, after: joinMode } };
    await recordEvents(tx, [event]);
  });
}
