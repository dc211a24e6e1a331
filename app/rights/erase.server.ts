import type { AccountEvent } from "~/accounts/events";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { indexDilemma, indexReply, indexReport } from "~/search/indexer.server";
import type { Prisma, Role } from "~/generated/prisma/client";
import { cleanText } from "~/platform/clean-text";
import { ERASE_REASON_MAX } from "./schemas";
import { deleteUploadRows, discardUploadFiles } from "~/uploads/uploads.server";

// Erasing an account (AVG art. 17), by the member or by an admin on their request. What makes
// them someone goes: name, handle, e-mail, organisation, password, photo (row and file),
// competences, sessions, links, join request, invitations to their address and every mail to
// them. Their posts stay under "voormalig lid" (threads must still make sense), or, when they
// ask, their words go too (the posts keep their place, empty, like a reply its author deleted).
// "@handle" in others' posts becomes "@voormalig-lid". The search index follows in the same
// transaction. What stays is no longer about anyone: an id that votes and marks still count by.

export const FORMER_MEMBER_NAME = "Voormalig lid";
export const FORMER_MEMBER_HANDLE = "voormalig-lid";
const REMOVED_DILEMMA_TITLE = "Verwijderd dilemma";
const REASON_MAX = ERASE_REASON_MAX;

export type EraseChoice = { removePosts: boolean; reason?: string | null };

/** Who an admin is about to erase (/members/:handle/erase), and whether they may. */
export type ErasureTarget = { id: number; handle: string; displayName: string; role: Role; self: boolean; allowed: boolean };

export async function erasureTargetOf(guardian: Guardian, handle: string): Promise<ErasureTarget> {
  const member = await db.user.findUnique({
    where: { handle },
    select: { id: true, handle: true, displayName: true, role: true, erasedAt: true, status: true },
  });
  // An erased member has no page any more (as their profile: 404).
  if (!member || member.erasedAt) throw new NotFound("member");
  const self = guardian.userId === member.id;
  const lastAdmin = self && member.role === "admin" && (await countAdmins(db)) <= 1;
  return { id: member.id, handle: member.handle, displayName: member.displayName, role: member.role, self, allowed: guardian.canEraseAccount({ ...member, lastAdmin }) };
}

export async function eraseAccount(guardian: Guardian, memberId: number, choice: EraseChoice): Promise<void> {
  const member = await db.user.findUnique({
    where: { id: memberId },
    select: { id: true, role: true, erasedAt: true, handle: true, email: true, displayName: true },
  });
  if (!member) throw new NotFound("member");
  guardian.ensureCanEraseAccount(member);
  const byAdmin = guardian.userId !== memberId;
  const reason = cleanText(choice.reason ?? "");
  // An admin erases on the member's request: the request is what the audit trail keeps.
  if (byAdmin && !reason) throw new Invalid({ reason: ["avg.erase.errors.reasonRequired"] });
  if (reason.length > REASON_MAX) throw new Invalid({ reason: [`errors.tooLong?max=${REASON_MAX}`] });
  // The trail outlives the account: it must not say whom it was about.
  if (byAdmin && namesMember(reason, member)) throw new Invalid({ reason: ["avg.adminErase.errors.reasonNamesMember"] });

  const keys = await db.$transaction(async (tx) => {
    // A circle keeps an admin: two admins erasing themselves at once are taken one by one.
    if (member.role === "admin" && !byAdmin) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kenniskring.last_admin'))`;
      guardian.ensureCanEraseAccount({ ...member, lastAdmin: (await countAdmins(tx)) <= 1 });
    }
    const now = new Date();
    const dilemmaIds = new Set<number>();
    const replyIds = new Set<number>();
    if (choice.removePosts) {
      const replies = await tx.reply.findMany({ where: { authorId: memberId }, select: { id: true } });
      await tx.reply.updateMany({ where: { authorId: memberId }, data: { bodyMd: "", bodyHtml: "" } });
      await tx.reply.updateMany({ where: { authorId: memberId, deletedByAuthorAt: null }, data: { deletedByAuthorAt: now } });
      const dilemmas = await tx.dilemma.findMany({ where: { authorId: memberId }, select: { id: true } });
      await tx.dilemma.updateMany({ where: { authorId: memberId }, data: { title: REMOVED_DILEMMA_TITLE, bodyMd: "", bodyHtml: "" } });
      // Earlier versions hold the same words.
      await tx.revision.deleteMany({ where: { subjectType: "reply", subjectId: { in: replies.map((r) => r.id) } } });
      await tx.revision.deleteMany({ where: { subjectType: "dilemma", subjectId: { in: dilemmas.map((d) => d.id) } } });
      await tx.revision.updateMany({ where: { editorId: memberId }, data: { bodyMd: "" } });
      for (const r of replies) replyIds.add(r.id);
      for (const d of dilemmas) dilemmaIds.add(d.id);
    }
    // Their handle where others mention them.
    const mention = new RegExp(`@${escapeRegExp(member.handle)}(?![\\p{L}\\p{N}_-])`, "giu");
    for (const d of await tx.dilemma.findMany({ where: { bodyMd: { contains: `@${member.handle}`, mode: "insensitive" } }, select: { id: true, bodyMd: true } })) {
      const bodyMd = d.bodyMd.replace(mention, `@${FORMER_MEMBER_HANDLE}`);
      if (bodyMd === d.bodyMd) continue;
      await tx.dilemma.update({ where: { id: d.id }, data: { bodyMd, bodyHtml: renderMarkdown(bodyMd) } });
      dilemmaIds.add(d.id);
    }
    for (const r of await tx.reply.findMany({ where: { bodyMd: { contains: `@${member.handle}`, mode: "insensitive" } }, select: { id: true, bodyMd: true } })) {
      const bodyMd = r.bodyMd.replace(mention, `@${FORMER_MEMBER_HANDLE}`);
      if (bodyMd === r.bodyMd) continue;
      await tx.reply.update({ where: { id: r.id }, data: { bodyMd, bodyHtml: renderMarkdown(bodyMd) } });
      replyIds.add(r.id);
    }
    for (const r of await tx.revision.findMany({ where: { bodyMd: { contains: `@${member.handle}`, mode: "insensitive" } }, select: { id: true, bodyMd: true } })) {
      await tx.revision.update({ where: { id: r.id }, data: { bodyMd: r.bodyMd.replace(mention, `@${FORMER_MEMBER_HANDLE}`) } });
    }

    // The person.
    await tx.session.deleteMany({ where: { userId: memberId } });
    await tx.accountToken.deleteMany({ where: { OR: [{ userId: memberId }, ...(member.email ? [{ email: member.email }] : [])] } });
    await tx.userExpertise.deleteMany({ where: { userId: memberId } });
    await tx.consentRecord.deleteMany({ where: { userId: memberId } });
    await tx.knownDevice.deleteMany({ where: { userId: memberId } });
    // Their flags still count for the post they flagged; the note was their words.
    await tx.moderationFlag.updateMany({ where: { flaggerId: memberId, note: { not: null } }, data: { note: null } });
    await tx.joinRequest.deleteMany({ where: { userId: memberId } });
    // Reports name their contributors in search (decision 044): re-indexed below without them.
    const contributedTo = await tx.meetingContributor.findMany({ where: { userId: memberId }, select: { meetingId: true } });
    await tx.meetingContributor.deleteMany({ where: { userId: memberId } });
    await tx.mail.deleteMany({ where: { OR: [{ toUserId: memberId }, ...(member.email ? [{ toAddress: member.email }] : [])] } });
    if (member.email) {
      await tx.invitation.deleteMany({ where: { email: member.email } });
      // Failed logins are counted per address (rate_limit's key ends in it).
      const suffix = `:${member.email.toLowerCase()}`;
      await tx.$executeRaw`DELETE FROM rate_limit WHERE right(key, ${suffix.length}::int) = ${suffix}`;
    }
    const uploads = await tx.upload.findMany({ where: { uploaderId: memberId }, select: { id: true } });
    await tx.user.update({
      where: { id: memberId },
      data: {
        handle: `${FORMER_MEMBER_HANDLE}-${memberId}`,
        displayName: FORMER_MEMBER_NAME,
        email: null,
        passwordHash: null,
        organisation: null,
        consentAt: null,
        photoId: null,
        erasedAt: now,
      },
    });
    const keys = await deleteUploadRows(tx, uploads.map((u) => u.id));

    for (const id of dilemmaIds) await indexDilemma(tx, id);
    for (const id of replyIds) await indexReply(tx, id);
    for (const { meetingId } of contributedTo) await indexReport(meetingId, tx);
    await recordEvents(tx, [{ type: "account.erased", subjectId: memberId, actorId: guardian.userId, payload: { byAdmin, reason: byAdmin ? reason : null, removePosts: choice.removePosts } } satisfies AccountEvent]);
    return keys;
  });
  // The files once no row names them (a failure is logged; the erasure stands).
  await discardUploadFiles(keys);
}

function countAdmins(client: Prisma.TransactionClient | typeof db): Promise<number> {
  return client.user.count({ where: { role: "admin", status: "active", erasedAt: null } });
}

/** The member's name, handle or address in a text (case and accents aside). */
function namesMember(text: string, member: { displayName: string; handle: string; email: string | null }): boolean {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const haystack = fold(text);
  const needles = [member.displayName, member.handle, member.email ?? ""].map(fold).filter((n) => n.length >= 3);
  // A full name, and each of its parts that is a name rather than a particle ("van", "de").
  const parts = fold(member.displayName).split(/[\s-]+/).filter((p) => p.length >= 3 && !PARTICLES.has(p));
  return [...needles, ...parts].some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, "u").test(haystack));
}

const PARTICLES = new Set(["van", "der", "den", "ter", "ten", "het", "des", "von", "uit"]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
