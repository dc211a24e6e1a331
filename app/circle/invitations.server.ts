import { insertMember } from "~/accounts/accounts.server";
import { recordConsent } from "~/accounts/consent.server";
import { splitAddressList } from "~/accounts/email-address";
import { whyWeakPassword } from "~/accounts/password-strength.server";
import { hashPassword } from "~/accounts/passwords.server";
import type { NewMemberInput } from "~/accounts/schemas";
import { createSession, generateSessionToken, sessionIdFromToken } from "~/accounts/sessions.server";
import type { Prisma } from "~/generated/prisma/client";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { type OutgoingMail, queueMail, queueMails } from "~/platform/mail.server";
import { invitationMail } from "./mail/invitation.server";

// Invitations (decision 016): an organiser pastes one or many addresses and a personal
// message; each address gets its own single-use link that works 7 days. An invitation can be
// sent again (a new link; the old one stops working) or withdrawn. Accepting one makes an
// active member at once, whatever the join mode: the organiser vouched for them.

export const INVITATION_DAYS = 7;
export const MAX_ADDRESSES_PER_INVITE = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const PAGE_SIZE = 50;

export const invitationPath = (token: string) => `/invitations/${token}`;

export type InviteResult = { invited: number; alreadyMembers: number };

export async function inviteMembers(guardian: Guardian, input: { addresses: string; message?: string }): Promise<InviteResult> {
  guardian.ensureCanInvite();
  const { addresses, notAddresses } = splitAddressList(input.addresses);
  if (notAddresses.length) {
    const list = notAddresses.slice(0, 5).join(", ") + (notAddresses.length > 5 ? ", …" : "");
    throw new Invalid({ addresses: [`circle.errors.notAddresses?list=${encodeURIComponent(list)}`] });
  }
  if (!addresses.length) throw new Invalid({ addresses: ["circle.errors.noAddresses"] });
  if (addresses.length > MAX_ADDRESSES_PER_INVITE) {
    throw new Invalid({ addresses: [`circle.errors.tooManyAddresses?max=${MAX_ADDRESSES_PER_INVITE}`] });
  }
  const inviter = await db.user.findUniqueOrThrow({ where: { id: memberIdOf(guardian) }, select: { id: true, displayName: true, locale: true } });
  const members = await db.user.findMany({
    where: { email: { in: addresses }, status: { not: "unverified" } }, // citext: any capitals
    select: { email: true },
  });
  const memberAddresses = new Set(members.map((m) => m.email!.toLowerCase()));
  const toInvite = addresses.filter((a) => !memberAddresses.has(a.toLowerCase()));
  const message = input.message || null;

  await db.$transaction(
    async (tx) => {
      // An open invitation to the same address gives way to the new one (one live link each).
      await tx.invitation.updateMany({
        where: { email: { in: toInvite }, acceptedAt: null, withdrawnAt: null },
        data: { withdrawnAt: new Date() },
      });
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * DAY_MS);
      const tokens = toInvite.map(() => generateSessionToken());
      await tx.invitation.createMany({
        data: toInvite.map((email, i) => ({ email, message, invitedById: inviter.id, expiresAt, tokenHash: sessionIdFromToken(tokens[i]!) })),
      });
      const mails: OutgoingMail[] = toInvite.map((email, i) => ({
        to: email,
        kind: "circle.invitation",
        ...invitationMail({ locale: inviter.locale }, { inviterName: inviter.displayName, message, link: absoluteUrl(invitationPath(tokens[i]!)) }),
      }));
      await queueMails(mails, { tx });
    },
    { timeout: 60_000 },
  );
  return { invited: toInvite.length, alreadyMembers: addresses.length - toInvite.length };
}

export type OpenInvitation = {
  id: number;
  email: string;
  invitedBy: string | null;
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
};

/** Invitations nobody accepted or withdrew, newest first; expired ones too (they can be sent again). */
export async function listOpenInvitations(guardian: Guardian, page = 1): Promise<{ items: OpenInvitation[]; page: number; pageCount: number; count: number }> {
  guardian.ensureCanInvite();
  const where: Prisma.InvitationWhereInput = { acceptedAt: null, withdrawnAt: null };
  const count = await db.invitation.count({ where });
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db.invitation.findMany({
    where,
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: { id: true, email: true, sentAt: true, expiresAt: true, invitedBy: { select: { displayName: true, erasedAt: true } } },
  });
  const now = Date.now();
  return {
    count,
    page: current,
    pageCount,
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      invitedBy: r.invitedBy && !r.invitedBy.erasedAt ? r.invitedBy.displayName : null,
      sentAt: r.sentAt,
      expiresAt: r.expiresAt,
      expired: r.expiresAt.getTime() <= now,
    })),
  };
}

async function openInvitation(id: number) {
  const invitation = await db.invitation.findFirst({
    where: { id, acceptedAt: null, withdrawnAt: null },
    select: { id: true, email: true, message: true, invitedBy: { select: { displayName: true, locale: true, erasedAt: true } } },
  });
  if (!invitation) throw new NotFound("invitation");
  return invitation;
}

/** A new link (the old one stops working) and 7 more days. */
export async function resendInvitation(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanInvite();
  const invitation = await openInvitation(id);
  const inviter = invitation.invitedBy && !invitation.invitedBy.erasedAt ? invitation.invitedBy : null;
  const token = generateSessionToken();
  await db.$transaction(async (tx) => {
    await tx.invitation.update({
      where: { id },
      data: { tokenHash: sessionIdFromToken(token), sentAt: new Date(), expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY_MS) },
    });
    const mail = invitationMail(
      { locale: inviter?.locale ?? "nl" },
      { inviterName: inviter?.displayName ?? null, message: invitation.message, link: absoluteUrl(invitationPath(token)) },
    );
    await queueMail({ to: invitation.email, kind: "circle.invitation", ...mail }, { tx });
  });
}

export async function withdrawInvitation(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanInvite();
  const { count } = await db.invitation.updateMany({ where: { id, acceptedAt: null, withdrawnAt: null }, data: { withdrawnAt: new Date() } });
  if (!count) throw new NotFound("invitation");
}

export type InvitationView =
  | { state: "valid"; email: string; inviterName: string | null; message: string | null }
  | { state: "expired"; inviterName: string | null }
  | { state: "unknown" };

/** What the invitation page shows for a link. */
export async function inspectInvitation(token: string): Promise<InvitationView> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { state: "unknown" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sessionIdFromToken(token) },
    select: { email: true, message: true, expiresAt: true, acceptedAt: true, withdrawnAt: true, invitedBy: { select: { displayName: true, erasedAt: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.withdrawnAt) return { state: "unknown" };
  const inviterName = invitation.invitedBy && !invitation.invitedBy.erasedAt ? invitation.invitedBy.displayName : null;
  if (invitation.expiresAt.getTime() <= Date.now()) return { state: "expired", inviterName };
  return { state: "valid", email: invitation.email, inviterName, message: invitation.message };
}

export type AcceptResult =
  | { state: "valid"; session: { token: string; expiresAt: Date } }
  | { state: "member"; email: string }
  | { state: "expired" | "unknown" };

/** Accepting: an active member with the invitation's address, signed in. */
export async function acceptInvitation(guardian: Guardian, token: string, input: NewMemberInput & { locale: string }): Promise<AcceptResult> {
  guardian.ensureCanSignUp();
  const view = await inspectInvitation(token);
  if (view.state !== "valid") return { state: view.state };
  const weak = whyWeakPassword(input.password, [input.displayName, view.email]);
  if (weak) throw new Invalid({ password: [weak] });
  const passwordHash = await hashPassword(input.password);
  const outcome = await db.$transaction(async (tx) => {
    const [invitation] = await tx.$queryRaw<{ email: string }[]>`
      UPDATE "Invitation" SET "acceptedAt" = now()
      WHERE "tokenHash" = ${sessionIdFromToken(token)} AND "acceptedAt" IS NULL AND "withdrawnAt" IS NULL AND "expiresAt" > now()
      RETURNING email::text AS email`;
    if (!invitation) return { state: "unknown" } as const;
    const existing = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true, status: true } });
    if (existing && existing.status !== "unverified") return { state: "member", email: invitation.email } as const;
    const fields = { displayName: input.displayName, passwordHash, organisation: input.organisation || null, locale: input.locale };
    // An unconfirmed sign-up with this address: the invitation confirms it (the link came by mail).
    const userId = existing
      ? (await tx.user.update({ where: { id: existing.id }, data: { ...fields, status: "active" }, select: { id: true } })).id
      : (await insertMember({ ...fields, email: invitation.email, role: "member" }, tx)).id;
    if (existing) await recordConsent(tx, userId);
    await tx.joinRequest.deleteMany({ where: { userId } });
    await tx.accountToken.deleteMany({ where: { userId, purpose: "confirm_signup" } });
    return { state: "valid", userId } as const;
  });
  // A "member" outcome rolled nothing back on purpose: the invitation is used up either way.
  if (outcome.state !== "valid") return outcome;
  return { state: "valid", session: await createSession(outcome.userId) };
}
