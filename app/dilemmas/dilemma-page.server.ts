import type { DilemmaStatus, MeetingDilemmaKind, MeetingStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { loadThreadPage, loadThreadReply, type ThreadPage, type ThreadReply } from "~/replies/thread.server";

// Everything the dilemma's own page shows: the question, its competences and asker, the
// meetings where it came up, the accepted answer (on top) and one page of its thread, with
// the permission flags the page needs, so the UI never re-derives policy.

export type DilemmaPageData = {
  dilemma: {
    id: number;
    title: string;
    bodyHtml: string;
    author: AuthorView;
    status: DilemmaStatus;
    createdAt: Date;
    lastActivityAt: Date;
    replyCount: number;
    edited: boolean;
    lockedAt: Date | null;
    hiddenAt: Date | null;
    hiddenReason: string | null;
  };
  competences: { slug: string; nameNl: string; nameEn: string; retired: boolean }[];
  meetings: { id: number; title: string; heldOn: Date; kind: MeetingDilemmaKind; status: MeetingStatus }[];
  /** The accepted answer, when the viewer may read it. */
  answer: ThreadReply | null;
  thread: ThreadPage;
  /** For wording only ("Dit hielp mij" vs "Markeer als antwoord"); rules come from `can`. */
  viewerIsAsker: boolean;
  can: {
    reply: boolean;
    edit: boolean;
    lock: boolean;
    hide: boolean;
  };
};

export async function loadDilemmaPage(guardian: Guardian, dilemmaId: number, page: number): Promise<DilemmaPageData> {
  const row = await db.dilemma.findUnique({
    where: { id: dilemmaId },
    select: {
      id: true,
      title: true,
      bodyHtml: true,
      authorId: true,
      status: true,
      acceptedReplyId: true,
      createdAt: true,
      lastActivityAt: true,
      replyCount: true,
      lockedAt: true,
      hiddenAt: true,
      hiddenReason: true,
      author: authorSelect,
      competences: {
        select: { competence: { select: { slug: true, nameNl: true, nameEn: true, retiredAt: true } } },
        orderBy: { competence: { nameNl: "asc" } },
      },
      // Members see meetings whose report is published; staff also see drafts.
      meetings: {
        where: { meeting: guardian.visibleReportsWhere() },
        select: { kind: true, meeting: { select: { id: true, title: true, heldOn: true, status: true } } },
        orderBy: [{ meeting: { heldOn: "desc" } }, { kind: "asc" }],
      },
    },
  });
  const ref = row && { authorId: row.authorId, lockedAt: row.lockedAt, hiddenAt: row.hiddenAt, authorErasedAt: row.author.erasedAt };
  if (!row || !ref || !guardian.canSeeDilemma(ref)) throw new NotFound("dilemma");

  const threadDilemma = { ...ref, id: row.id, acceptedReplyId: row.acceptedReplyId };
  const [thread, accepted, revisionCount] = await Promise.all([
    loadThreadPage(guardian, threadDilemma, page),
    row.acceptedReplyId ? loadThreadReply(guardian, threadDilemma, row.acceptedReplyId) : null,
    db.revision.count({ where: { subjectType: "dilemma", subjectId: row.id } }),
  ]);

  return {
    dilemma: {
      id: row.id,
      title: row.title,
      bodyHtml: row.bodyHtml,
      author: toAuthorView(row.author),
      status: row.status,
      createdAt: row.createdAt,
      lastActivityAt: row.lastActivityAt,
      replyCount: row.replyCount,
      edited: revisionCount > 0,
      lockedAt: row.lockedAt,
      hiddenAt: row.hiddenAt,
      hiddenReason: row.hiddenReason,
    },
    competences: row.competences.map(({ competence: { retiredAt, ...c } }) => ({ ...c, retired: retiredAt !== null })),
    meetings: row.meetings.map((m) => ({ ...m.meeting, kind: m.kind })),
    answer: accepted?.content ? accepted : null,
    thread,
    viewerIsAsker: guardian.userId === row.authorId,
    can: {
      reply: guardian.canReply(ref),
      edit: guardian.canEditDilemma(ref),
      lock: guardian.canLockDilemma(ref),
      hide: guardian.canHideDilemma(ref),
    },
  };
}
