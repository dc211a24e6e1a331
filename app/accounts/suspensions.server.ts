import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import type { AccountEvent } from "./events";
import { MAX_SUSPENSION_DAYS } from "./suspension";

// Suspending a member for a period (issue 25, decision 027): they keep reading, and every
// write the Guardian guards is refused until `suspendedUntil` (the session compares it with
// the clock, so the suspension ends by itself: no job has to lift it). Organisers may lift it
// early. Both announce an event: the audit trail records it, moderation tells the member.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The member's suspension while it lasts (for their banner and the organiser's page); null otherwise. */
export async function suspensionOf(memberId: number, now = new Date()): Promise<{ until: Date; reason: string } | null> {
  const user = await db.user.findUnique({ where: { id: memberId }, select: { suspendedUntil: true, suspensionReason: true } });
  if (!user?.suspendedUntil || user.suspendedUntil <= now) return null;
  return { until: user.suspendedUntil, reason: user.suspensionReason ?? "" };
}

async function memberRef(memberId: number) {
  const member = await db.user.findUnique({
    where: { id: memberId },
    select: { id: true, role: true, erasedAt: true, status: true, suspendedUntil: true },
  });
  if (!member) throw new NotFound("member");
  return member;
}

/**
 * Suspends the member until `until` (a later end replaces an earlier one, and the reverse:
 * the organiser's last word counts), with the reason they will read.
 */
export async function suspendMember(guardian: Guardian, memberId: number, input: { until: Date; reason: string }, now = new Date()): Promise<void> {
  const member = await memberRef(memberId);
  guardian.ensureCanSuspend(member);
  if (input.until.getTime() <= now.getTime()) throw new Invalid({ until: ["moderation.errors.untilPast"] });
  if (input.until.getTime() > now.getTime() + (MAX_SUSPENSION_DAYS + 1) * DAY_MS) {
    throw new Invalid({ until: [`moderation.errors.untilTooFar?max=${MAX_SUSPENSION_DAYS}`] });
  }
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ suspendedUntil: Date | null }[]>`
      SELECT "suspendedUntil" FROM "User" WHERE id = ${memberId} FOR UPDATE`;
    await tx.user.update({ where: { id: memberId }, data: { suspendedUntil: input.until, suspensionReason: input.reason } });
    const previous = before?.suspendedUntil && before.suspendedUntil > now ? before.suspendedUntil.toISOString() : null;
    const event: AccountEvent = {
      type: "account.suspended",
      subjectId: memberId,
      actorId: guardian.userId,
      payload: { until: input.until.toISOString(), reason: input.reason, previousUntil: previous },
    };
    await recordEvents(tx, [event]);
  });
}

/** Ends the suspension now; the optional reason is told to the member and kept in the trail. */
export async function liftSuspension(guardian: Guardian, memberId: number, reason: string | null, now = new Date()): Promise<void> {
  const member = await memberRef(memberId);
  guardian.ensureCanSuspend(member);
  // Ended already, or another organiser was first: nothing to lift (the page says so).
  if (!member.suspendedUntil || member.suspendedUntil <= now) throw new NotFound("suspension");
  guardian.ensureCanLiftSuspension(member, now);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ suspendedUntil: Date | null }[]>`
      SELECT "suspendedUntil" FROM "User" WHERE id = ${memberId} FOR UPDATE`;
    if (!row?.suspendedUntil || row.suspendedUntil <= now) throw new NotFound("suspension"); // another organiser was first
    await tx.user.update({ where: { id: memberId }, data: { suspendedUntil: null, suspensionReason: null } });
    const event: AccountEvent = {
      type: "account.suspension_lifted",
      subjectId: memberId,
      actorId: guardian.userId,
      payload: { until: row.suspendedUntil.toISOString(), reason },
    };
    await recordEvents(tx, [event]);
  });
}
