import type { JoinMode } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";

// How people join the circle (decision 016): open, approval by an organiser (the default for
// a new installation), or by invitation only. One row, made with its default when first read.

export const DEFAULT_JOIN_MODE: JoinMode = "approval";

export async function getJoinMode(): Promise<JoinMode> {
  const row = await db.circleSettings.findUnique({ where: { id: 1 }, select: { joinMode: true } });
  return row?.joinMode ?? DEFAULT_JOIN_MODE;
}

export async function setJoinMode(guardian: Guardian, joinMode: JoinMode): Promise<void> {
  guardian.ensureCanChooseJoinMode();
  await db.circleSettings.upsert({
    where: { id: 1 },
    create: { id: 1, joinMode },
    update: { joinMode, updatedAt: new Date() },
  });
}
