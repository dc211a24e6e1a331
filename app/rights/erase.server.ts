import type { AccountEvent } from "~/accounts/events";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { indexDilemma, indexReply } from "~/search/indexer.server";
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
const REASON_MAX = 500;

export type EraseChoice = { removePosts: boolean; reason?: string | null };

export async function eraseAccount(guardian: Guardian, memberId: number, choice: EraseChoice): Promise<void> {
  const member = await db.user.findUnique({ where: { id: memberId }, select: { id: true, role: true, erasedAt: true, handle: true, email: true } });
  if (!member) throw new NotFound("member");
  guardian.ensureCanEraseAccount(member);
  const byAdmin = guardian.userId !== memberId;
  const reason = (choice.reason ?? "").trim();
  // An admin erases on the member's request: the request is what the audit trail keeps.
  if (byAdmin && !reason) throw new Invalid({ reason: ["avg.erase.errors.reasonRequired"] });
  if (reason.length > REASON_MAX) throw new Invalid({ reason: [`errors.tooLong?max=${REASON_MAX}`] });

  const keys = await db.$transaction(async (tx) => {
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
    await tx.joinRequest.deleteMany({ where: { userId: memberId } });
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
    await recordEvents(tx, [{ type: "account.erased", subjectId: memberId, actorId: guardian.userId, payload: { byAdmin } } satisfies AccountEvent]);
    return keys;
  });
  // The files once no row names them (a failure is logged; the erasure stands).
  await discardUploadFiles(keys);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
