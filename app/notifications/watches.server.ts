import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/platform/events/event";
import { db } from "~/platform/db.server";
import { type Guardian, memberIdOf } from "~/guardian/guardian.server";
import { NotFound } from "~/platform/errors.server";
import type { WatchLevel, WatchTarget } from "./kinds";

// Who follows what. A dilemma's asker and everyone who replied watch it by default (the
// subscriber adds their rows); a competence is watched only by choice; every member follows
// the circle's meetings unless they muted one. "muted" silences a thread the member would
// otherwise hear about; removing the row returns to the default.

export type WatchState = "watching" | "muted" | "none";

/** Whether a member without a row follows this kind of thing. */
const followedByDefault = (target: WatchTarget) => target === "meeting";

export async function watchStateOf(userId: number, target: WatchTarget, targetId: number): Promise<WatchState> {
  if (target === "dilemma") return dilemmaWatchStateOf(userId, targetId);
  const row = await db.watch.findUnique({
    where: { userId_targetType_targetId: { userId, targetType: target, targetId } },
    select: { level: true },
  });
  if (row) return row.level as WatchLevel;
  return followedByDefault(target) ? "watching" : "none";
}

/**
 * A dilemma: the member's own row, else whether they asked or replied — the asker and everyone
 * who replied follow it by default; the subscriber writes their row a moment after the commit,
 * and the page right after a reply must say so already. One statement, as every thread page
 * asks (decision 055).
 */
async function dilemmaWatchStateOf(userId: number, dilemmaId: number): Promise<WatchState> {
  const [row] = await db.$queryRaw<{ level: string | null; involved: boolean }[]>`SELECT ${dilemmaWatchColumns(userId, dilemmaId)}`;
  return dilemmaWatchState(row);
}

/** The columns `level` and `involved` a dilemma's watch state is made of, for a statement that asks more (visits.server.ts). */
export function dilemmaWatchColumns(userId: number, dilemmaId: number): Prisma.Sql {
  return Prisma.sql`
      (SELECT level FROM "Watch" WHERE "userId" = ${userId} AND "targetType" = 'dilemma' AND "targetId" = ${dilemmaId}) AS level,
      EXISTS (
        SELECT 1 FROM "Dilemma" d
        WHERE d.id = ${dilemmaId}
          AND (d."authorId" = ${userId} OR EXISTS (SELECT 1 FROM "Reply" r WHERE r."dilemmaId" = d.id AND r."authorId" = ${userId}))
      ) AS involved`;
}

export function dilemmaWatchState(row: { level: string | null; involved: boolean } | undefined): WatchState {
  if (row?.level) return row.level as WatchLevel;
  return row?.involved ? "watching" : "none";
}

/** The member's own choice from a page's button: follow, mute, or neither (the default). */
export async function setWatch(guardian: Guardian, target: WatchTarget, targetId: number, state: WatchState): Promise<void> {
  guardian.ensureCanFollow();
  const userId = memberIdOf(guardian);
  const exists =
    target === "dilemma"
      ? await db.dilemma.count({ where: { id: targetId } })
      : target === "competence"
        ? await db.competence.count({ where: { id: targetId } })
        : await db.meeting.count({ where: { id: targetId } });
  if (!exists) throw new NotFound(target);
  const key = { userId_targetType_targetId: { userId, targetType: target, targetId } };
  const explicit = state === "none" || (state === "watching" && followedByDefault(target)) ? null : state;
  if (explicit === null) {
    await db.watch.deleteMany({ where: { userId, targetType: target, targetId } });
    if (state === "none" && followedByDefault(target)) {
      // "Not following" a thing everyone follows by default is muting it.
      await db.watch.create({ data: { userId, targetType: target, targetId, level: "muted" } });
    }
    return;
  }
  await db.watch.upsert({ where: key, create: { userId, targetType: target, targetId, level: explicit }, update: { level: explicit } });
}

/** Starts watching unless the member chose otherwise before (a muted thread stays muted). */
export async function watchByDefault(tx: Tx, userId: number, target: WatchTarget, targetId: number): Promise<void> {
  await tx.watch.createMany({ data: [{ userId, targetType: target, targetId, level: "watching" }], skipDuplicates: true });
}

/** Members who watch it explicitly. */
export async function watchersOf(tx: Tx, target: WatchTarget, targetIds: number[]): Promise<number[]> {
  if (!targetIds.length) return [];
  const rows = await tx.watch.findMany({
    where: { targetType: target, targetId: { in: targetIds }, level: "watching" },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))];
}

/** Of these members, who muted it. */
export async function mutedAmong(tx: Tx, target: WatchTarget, targetId: number, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await tx.watch.findMany({
    where: { targetType: target, targetId, level: "muted", userId: { in: userIds } },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}
