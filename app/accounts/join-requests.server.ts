import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { queueMail } from "~/platform/mail.server";
import type { AccountEvent } from "./events";
import { joinApprovedMail, joinDeclinedMail } from "./mail/join-request.server";

// Organisers decide on people who signed up and confirmed their address while the circle
// approves who joins (decision 016). Approving makes them active; declining removes the
// account (it holds nothing yet but their name and address) and tells them, with the
// organiser's reason when one was given.

export type JoinRequestView = {
  userId: number;
  displayName: string;
  organisation: string | null;
  /** Only for admins, who may see addresses (the Guardian's seeEmail rule). */
  email: string | null;
  motivation: string | null;
  createdAt: Date;
};

export async function listJoinRequests(guardian: Guardian): Promise<JoinRequestView[]> {
  guardian.ensureCanDecideJoinRequests();
  const rows = await db.joinRequest.findMany({
    where: { user: { status: "pending", erasedAt: null } },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      motivation: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, organisation: true, email: true, role: true } },
    },
  });
  return rows.map((r) => ({
    userId: r.user.id,
    displayName: r.user.displayName,
    organisation: r.user.organisation,
    email: guardian.canSeeEmailOf(r.user) ? r.user.email : null,
    motivation: r.motivation,
    createdAt: r.createdAt,
  }));
}

export async function countJoinRequests(guardian: Guardian): Promise<number> {
  if (!guardian.canDecideJoinRequests()) return 0;
  return db.user.count({ where: { status: "pending", erasedAt: null } });
}

async function pendingMember(userId: number) {
  const user = await db.user.findFirst({
    where: { id: userId, status: "pending", erasedAt: null },
    select: { id: true, email: true, displayName: true, locale: true },
  });
  if (!user) throw new NotFound("join request");
  return user;
}

export async function approveJoinRequest(guardian: Guardian, userId: number): Promise<{ displayName: string }> {
  guardian.ensureCanDecideJoinRequests();
  const user = await pendingMember(userId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, status: "pending" }, data: { status: "active" } });
    if (!count) throw new NotFound("join request"); // another organiser was first
    await tx.joinRequest.deleteMany({ where: { userId } });
    await recordEvents(tx, [{ type: "account.join_approved", subjectId: userId, actorId: guardian.userId, payload: {} } satisfies AccountEvent]);
    if (user.email) {
      const mail = joinApprovedMail({ name: user.displayName, locale: user.locale });
      await queueMail({ to: user.email, toUserId: user.id, kind: "circle.join-approved", ...mail }, { tx });
    }
  });
  return { displayName: user.displayName };
}

export async function declineJoinRequest(guardian: Guardian, userId: number, reason: string | undefined): Promise<void> {
  guardian.ensureCanDecideJoinRequests();
  const user = await pendingMember(userId);
  await db.$transaction(async (tx) => {
    // The mail goes to the address, not the account, which is about to go.
    if (user.email) {
      const mail = joinDeclinedMail({ name: user.displayName, locale: user.locale }, reason || undefined);
      await queueMail({ to: user.email, kind: "circle.join-declined", ...mail }, { tx });
    }
    const { count } = await tx.user.deleteMany({ where: { id: userId, status: "pending" } });
    if (!count) throw new NotFound("join request");
    // The person's row is gone; the event keeps their id and the organiser's reason.
    await recordEvents(tx, [
      { type: "account.join_declined", subjectId: userId, actorId: guardian.userId, payload: { reason: reason || null } } satisfies AccountEvent,
    ]);
  });
}
