import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";

// Everything the circle keeps about one member (AVG art. 15 and 20), as plain data: the
// archive's data.json and the readable page are both made from this. What others wrote is
// not theirs and stays out, except the title of the dilemma a reply answers (for context).
// Session ids, password hashes and link tokens are secrets, not data about the member: their
// dates are in, the secrets are not.

export const MEMBER_DATA_FORMAT = "kenniskring-member-data/1";

export type MemberData = Awaited<ReturnType<typeof readMemberData>>;

export async function memberDataOf(guardian: Guardian): Promise<MemberData> {
  const id = memberIdOf(guardian);
  const member = await db.user.findUnique({ where: { id }, select: { id: true, role: true, erasedAt: true } });
  if (!member) throw new NotFound("member");
  guardian.ensureCanDownloadDataOf(member);
  return readMemberData(id);
}

async function readMemberData(id: number) {
  const account = await db.user.findUniqueOrThrow({
    where: { id },
    select: {
      handle: true,
      displayName: true,
      email: true,
      organisation: true,
      role: true,
      status: true,
      locale: true,
      consentAt: true,
      createdAt: true,
      photoId: true,
      expertise: { select: { competence: { select: { slug: true, nameNl: true } } } },
      joinRequest: { select: { motivation: true, createdAt: true } },
    },
  });
  const [dilemmas, replies, revisions, helpful, votes, proposals, contributions, sessions, invitationsSent, mails, consents, mailSettings, follows, flags, files] = await Promise.all([
    db.dilemma.findMany({
      where: { authorId: id },
      orderBy: { id: "asc" },
      select: { id: true, title: true, bodyMd: true, status: true, createdAt: true, updatedAt: true, hiddenAt: true, hiddenReason: true },
    }),
    db.reply.findMany({
      where: { authorId: id },
      orderBy: { id: "asc" },
      select: {
        id: true,
        dilemmaId: true,
        parentId: true,
        bodyMd: true,
        createdAt: true,
        updatedAt: true,
        hiddenAt: true,
        hiddenReason: true,
        deletedByAuthorAt: true,
        dilemma: { select: { title: true } },
      },
    }),
    db.revision.findMany({
      where: { editorId: id },
      orderBy: { id: "asc" },
      select: { subjectType: true, subjectId: true, title: true, bodyMd: true, createdAt: true },
    }),
    db.helpful.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" }, select: { replyId: true, createdAt: true } }),
    db.meetingVote.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" }, select: { meetingId: true, dilemmaId: true, createdAt: true } }),
    db.meetingDilemma.findMany({ where: { proposedById: id }, orderBy: { createdAt: "asc" }, select: { meetingId: true, dilemmaId: true, createdAt: true } }),
    db.meetingContributor.findMany({ where: { userId: id }, select: { meeting: { select: { id: true, title: true, heldOn: true } } } }),
    db.session.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" }, select: { createdAt: true, expiresAt: true } }),
    db.invitation.findMany({ where: { invitedById: id }, orderBy: { id: "asc" }, select: { email: true, createdAt: true, acceptedAt: true, withdrawnAt: true } }),
    db.mail.findMany({ where: { toUserId: id }, orderBy: { id: "asc" }, select: { kind: true, subject: true, createdAt: true, sentAt: true, status: true } }),
    db.consentRecord.findMany({ where: { userId: id }, orderBy: [{ acceptedAt: "asc" }, { id: "asc" }], select: { version: true, acceptedAt: true } }),
    // Settings and what they follow (decision 023); the unsubscribe key is a secret, not data.
    db.notificationSettings.findUnique({
      where: { userId: id },
      select: { replies: true, mentions: true, answers: true, newDilemmas: true, meetings: true, digest: true },
    }),
    db.watch.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" }, select: { targetType: true, targetId: true, level: true, createdAt: true } }),
    // Posts they flagged, with their own note (decision 025); never what others flagged.
    db.moderationFlag.findMany({ where: { flaggerId: id }, orderBy: { createdAt: "asc" }, select: { postKind: true, postId: true, reason: true, note: true, status: true, createdAt: true } }),
    // Photos and documents they put in posts (decision 045): the files themselves go in the zip.
    db.attachment.findMany({
      where: { upload: { uploaderId: id } },
      orderBy: { id: "asc" },
      select: {
        id: true,
        uploadId: true,
        kind: true,
        fileName: true,
        altText: true,
        dilemmaId: true,
        replyId: true,
        meetingId: true,
        createdAt: true,
        upload: { select: { contentType: true, byteSize: true } },
      },
    }),
  ]);
  const { expertise, joinRequest, photoId, ...profile } = account;
  return {
    format: MEMBER_DATA_FORMAT,
    exportedAt: new Date(),
    account: { ...profile, expertise: expertise.map((e) => e.competence), joinRequest, hasPhoto: photoId !== null },
    /** Each acceptance of the privacy statement: which version, when (decision 026). */
    privacyConsents: consents,
    mailSettings,
    follows,
    flags,
    dilemmas,
    replies: replies.map(({ dilemma, ...r }) => ({ ...r, dilemmaTitle: dilemma.title })),
    revisions,
    helpfulMarks: helpful,
    agendaVotes: votes,
    agendaProposals: proposals,
    meetingsContributedTo: contributions.map((c) => c.meeting),
    sessions,
    invitationsSent,
    mailsSent: mails,
    attachments: files.map(({ upload, ...file }) => ({ ...file, ...upload, inArchive: archivePathOf(file) })),
    photoId,
  };
}

/** Where an attachment stands in the member's zip: its id keeps two "foto.jpg"s apart. */
export function archivePathOf(file: { id: number; fileName: string }): string {
  return `attachments/${file.id}-${file.fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_")}`;
}
