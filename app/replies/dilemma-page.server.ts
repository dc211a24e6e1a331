import { competenceTagsSelect, toCompetenceTags, type CompetenceTag } from "~/competences/tags";
import type { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus, MeetingDilemmaKind, MeetingStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { withMentionLinks } from "~/members/mentions.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { SharedReadCache } from "~/platform/shared-read-cache.server";
import {
  helpfulMarksOf,
  readThreadReplyRow,
  readThreadRows,
  toThreadPage,
  toThreadReply,
  type ThreadPage,
  type ThreadReply,
  type ThreadRow,
  type ThreadRows,
} from "./thread.server";

// Everything the dilemma's own page shows: the question, its competences and asker, the
// meetings where it came up, the accepted answer (on top) and one page of its thread, with
// the permission flags the page needs, so the UI never re-derives policy.
//
// Two steps. First the stored rows, the same for every viewer: shared between requests until
// content changes (decision 010). Then, per viewer, what the Guardian lets them see and do,
// and their own helpful marks: so even a hidden reply's text can sit in the shared copy, it
// reaches only those the Guardian lets read it.

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
    /** Waiting for an organiser's approval (decision 037): only its asker and staff see it. */
    heldAt: Date | null;
    /** Its asker deleted it (decision 038): bodyHtml is empty, the title and thread stay. */
    deletedByAuthorAt: Date | null;
  };
  competences: CompetenceTag[];
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
    /** Publish it: it waits for approval (decision 037). */
    approve: boolean;
    /** Report it to the organisers (moderation's flag page). */
    flag: boolean;
    /** The asker takes it back (decision 038). */
    delete: boolean;
  };
};

const dilemmaSelect = (reportsWhere: Prisma.MeetingWhereInput) =>
  ({
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
    heldAt: true,
    deletedByAuthorAt: true,
    author: authorSelect,
    competences: competenceTagsSelect,
    meetings: {
      where: { meeting: reportsWhere },
      select: { kind: true, meeting: { select: { id: true, title: true, heldOn: true, status: true } } },
      orderBy: [{ meeting: { heldOn: "desc" } }, { kind: "asc" }],
    },
  }) satisfies Prisma.DilemmaSelect;

type DilemmaRow = Prisma.DilemmaGetPayload<{ select: ReturnType<typeof dilemmaSelect> }>;

/** What the page's rows are, for every viewer with the same report visibility. */
type StoredPage = { dilemma: DilemmaRow | null; thread: ThreadRows; accepted: ThreadRow | null; revisionCount: number };

// A thread page holds up to THREAD_PAGE_SIZE (30) replies, ≈60 KB with their HTML: 300 pages
// bound the memory.
const sharedPages = new SharedReadCache<StoredPage>({ maxEntries: 300, maxBytes: 16 * 2 ** 20, name: "dilemma pages" });

async function readStoredPage(dilemmaId: number, page: number, reportsWhere: Prisma.MeetingWhereInput): Promise<StoredPage> {
  const [dilemma, thread, revisionCount] = await Promise.all([
    db.dilemma.findUnique({ where: { id: dilemmaId }, select: dilemmaSelect(reportsWhere) }),
    readThreadRows(dilemmaId, page),
    db.revision.count({ where: { subjectType: "dilemma", subjectId: dilemmaId } }),
  ]);
  const accepted = dilemma?.acceptedReplyId ? await readThreadReplyRow(dilemmaId, dilemma.acceptedReplyId) : null;
  return { dilemma, thread, accepted, revisionCount };
}

export async function loadDilemmaPage(
  guardian: Guardian,
  dilemmaId: number,
  page: number,
  options: { readLive?: boolean } = {},
): Promise<DilemmaPageData> {
  // Members see meetings whose report is published; staff also see drafts.
  const reportsWhere = guardian.visibleReportsWhere();
  const read = () => readStoredPage(dilemmaId, page, reportsWhere);
  const stored = options.readLive ? await read() : await sharedPages.read(JSON.stringify([dilemmaId, page, reportsWhere]), read);

  const row = stored.dilemma;
  const ref = row && {
    authorId: row.authorId,
    lockedAt: row.lockedAt,
    hiddenAt: row.hiddenAt,
    heldAt: row.heldAt,
    authorErasedAt: row.author.erasedAt,
    deletedByAuthorAt: row.deletedByAuthorAt,
  };
  if (!row || !ref || !guardian.canSeeDilemma(ref)) throw new NotFound("dilemma");

  const threadDilemma = { ...ref, id: row.id, acceptedReplyId: row.acceptedReplyId };
  const marks = await helpfulMarksOf(guardian, [...stored.thread.rows.map((r) => r.id), ...(stored.accepted ? [stored.accepted.id] : [])]);
  const thread: ThreadPage = toThreadPage(guardian, threadDilemma, stored.thread, marks);
  const accepted = stored.accepted && toThreadReply(guardian, threadDilemma, stored.accepted, marks.has(stored.accepted.id));
  // A deleted dilemma's text reaches nobody, staff included, as a deleted reply's (decision 038).
  const bodyHtml = await linkMentionsIn([...flatten(thread.nodes), ...(accepted ? [accepted] : [])], row.deletedByAuthorAt ? "" : row.bodyHtml);

  return {
    dilemma: {
      id: row.id,
      title: row.title,
      bodyHtml,
      author: toAuthorView(row.author),
      status: row.status,
      createdAt: row.createdAt,
      lastActivityAt: row.lastActivityAt,
      replyCount: row.replyCount,
      edited: stored.revisionCount > 0 && !row.deletedByAuthorAt, // its history went with its text
      lockedAt: row.lockedAt,
      hiddenAt: row.hiddenAt,
      hiddenReason: row.hiddenReason,
      heldAt: row.heldAt,
      deletedByAuthorAt: row.deletedByAuthorAt,
    },
    competences: toCompetenceTags(row.competences),
    meetings: row.meetings.map((m) => ({ ...m.meeting, kind: m.kind })),
    answer: accepted?.content ? accepted : null,
    thread,
    viewerIsAsker: guardian.userId === row.authorId,
    can: {
      reply: guardian.canReply(ref),
      edit: guardian.canEditDilemma(ref),
      lock: guardian.canLockDilemma(ref),
      hide: guardian.canHideDilemma(ref),
      approve: guardian.canApprovePost(ref),
      flag: !row.deletedByAuthorAt && guardian.canFlagPost(ref),
      delete: guardian.canDeleteDilemma(ref),
    },
  };
}

function flatten(nodes: ThreadPage["nodes"], into: ThreadReply[] = []): ThreadReply[] {
  for (const node of nodes) {
    into.push(node.reply);
    flatten(node.children, into);
  }
  return into;
}

/** "@handle" linked to profiles (decision 029) in the replies' readable bodies, in place; the dilemma's body returned. */
async function linkMentionsIn(replies: ThreadReply[], dilemmaHtml: string): Promise<string> {
  const readable = replies.filter((r) => r.content);
  const [dilemma, ...bodies] = await withMentionLinks([dilemmaHtml, ...readable.map((r) => r.content!.bodyHtml)]);
  readable.forEach((r, i) => (r.content = { ...r.content!, bodyHtml: bodies[i]! }));
  return dilemma!;
}
