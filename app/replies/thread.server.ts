import { Prisma } from "~/generated/prisma/client";
import type { Guardian, ReplyRef, DilemmaRef } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { NotFound } from "~/platform/errors.server";
import { dropLoneTombstones, nestThread, type ThreadNode } from "./thread-layout";

// Reading a thread. One page of a dilemma's replies is ONE query: the replies in path order
// (the unique (dilemmaId, path) index), joined with their authors and their parents' authors
// (for "Reactie op <naam>"); a second, small one finds the viewer's helpful marks among them.
// No query per reply, so a thread of 500 replies costs what a thread of 5 does.
// The rows are the same for every viewer, so the dilemma page may share them between requests
// (decision 010); what a viewer may read of them is decided per viewer, here, on the server:
// bodies the viewer may not read are dropped and a placeholder keeps the reply's place.

// Replies per page: 30, as GitHub shows (Discourse and NodeBB show 20). A page stays short
// enough to read on a phone and to find one's place in; a long thread takes a few more
// pages. (It was 50; decision 012 has what that cost each page.)
export const THREAD_PAGE_SIZE = 30;

export type ThreadDilemma = DilemmaRef & { id: number; acceptedReplyId: number | null };

export type ReplyPermissions = {
  reply: boolean;
  edit: boolean;
  delete: boolean;
  hide: boolean;
  unhide: boolean;
  /** Publish it: it waits for approval (decision 037). */
  approve: boolean;
  markAnswer: boolean;
  unmarkAnswer: boolean;
  markHelpful: boolean;
  /** Report it to the organisers (moderation's flag page). */
  flag: boolean;
};

export type ThreadReply = {
  id: number;
  parentId: number | null;
  createdAt: Date;
  edited: boolean;
  /** held: waiting for an organiser's approval (decision 037); only its author and staff read it, nobody else sees it at all. */
  state: "normal" | "hidden" | "held" | "deleted";
  /** null: the viewer may not read it (deleted, or hidden from them); a placeholder shows. */
  content: { author: AuthorView; bodyHtml: string } | null;
  /** Only for those who may read a hidden reply: staff and its author. */
  hiddenReason: string | null;
  parentAuthor: AuthorView | "unreadable" | null;
  helpfulCount: number;
  helpfulByMe: boolean;
  isAnswer: boolean;
  can: ReplyPermissions;
};

export type ThreadPage = {
  page: number;
  pageCount: number;
  total: number;
  nodes: ThreadNode<ThreadReply>[];
};

/** A reply as stored, with its author and its parent's author: the same for every viewer. */
export type ThreadRow = {
  id: number;
  parentId: number | null;
  authorId: number;
  bodyHtml: string;
  helpfulCount: number;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  heldAt: Date | null;
  deletedByAuthorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  handle: string;
  displayName: string;
  organisation: string | null;
  erasedAt: Date | null;
  photoId: number | null;
  parentAuthorId: number | null;
  parentHiddenAt: Date | null;
  parentDeletedAt: Date | null;
  parentHandle: string | null;
  parentDisplayName: string | null;
  parentOrganisation: string | null;
  parentErasedAt: Date | null;
};

function selectReplies(where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) {
  return db.$queryRaw<ThreadRow[]>`
    SELECT r.id, r."parentId", r."authorId", r."bodyHtml", r."helpfulCount", r."hiddenAt", r."hiddenReason", r."heldAt",
           r."deletedByAuthorAt", r."createdAt", r."updatedAt",
           u.handle, u."displayName", u.organisation, u."erasedAt", u."photoId",
           p."authorId" AS "parentAuthorId", p."hiddenAt" AS "parentHiddenAt",
           p."deletedByAuthorAt" AS "parentDeletedAt",
           pu.handle AS "parentHandle", pu."displayName" AS "parentDisplayName",
           pu.organisation AS "parentOrganisation", pu."erasedAt" AS "parentErasedAt"
    FROM "Reply" r
    JOIN "User" u ON u.id = r."authorId"
    LEFT JOIN "Reply" p ON p.id = r."parentId"
    LEFT JOIN "User" pu ON pu.id = p."authorId"
    WHERE ${where}
    ${tail}`;
}

/** The replies among `replyIds` that the viewer marked as helpful (none for a visitor). */
export async function helpfulMarksOf(guardian: Guardian, replyIds: number[]): Promise<ReadonlySet<number>> {
  if (guardian.userId === null || replyIds.length === 0) return new Set();
  const marks = await db.helpful.findMany({ where: { userId: guardian.userId, replyId: { in: replyIds } }, select: { replyId: true } });
  return new Set(marks.map((m) => m.replyId));
}

export function toThreadReply(guardian: Guardian, dilemma: ThreadDilemma, row: ThreadRow, helpfulByMe: boolean): ThreadReply {
  const ref: ReplyRef = {
    authorId: row.authorId,
    hiddenAt: row.hiddenAt,
    heldAt: row.heldAt,
    deletedByAuthorAt: row.deletedByAuthorAt,
    dilemma,
  };
  const readable = guardian.canSeeReply(ref);
  const isAnswer = dilemma.acceptedReplyId === row.id;
  let parentAuthor: ThreadReply["parentAuthor"] = null;
  if (row.parentAuthorId !== null) {
    const parentRef = { authorId: row.parentAuthorId, hiddenAt: row.parentHiddenAt, deletedByAuthorAt: row.parentDeletedAt, dilemma };
    parentAuthor = guardian.canSeeReply(parentRef)
      ? toAuthorView({
          handle: row.parentHandle!,
          displayName: row.parentDisplayName!,
          organisation: row.parentOrganisation,
          erasedAt: row.parentErasedAt,
        })
      : "unreadable";
  }
  return {
    id: row.id,
    parentId: row.parentId,
    createdAt: row.createdAt,
    edited: row.updatedAt.getTime() > row.createdAt.getTime(),
    state: row.deletedByAuthorAt ? "deleted" : row.heldAt ? "held" : row.hiddenAt ? "hidden" : "normal",
    content: readable ? { author: toAuthorView(row), bodyHtml: row.bodyHtml } : null,
    hiddenReason: readable ? row.hiddenReason : null,
    parentAuthor,
    helpfulCount: row.helpfulCount,
    helpfulByMe,
    isAnswer,
    can: {
      // Answering a reply nobody can read (any more) would leave the next reader puzzled.
      reply: guardian.canReply(dilemma) && !row.deletedByAuthorAt && !row.hiddenAt,
      edit: guardian.canEditReply(ref),
      delete: guardian.canDeleteReply(ref),
      hide: guardian.canHideReply(ref),
      unhide: guardian.canUnhideReply(ref),
      approve: guardian.canApprovePost(ref),
      markAnswer: !isAnswer && guardian.canMarkAnswer(dilemma, ref),
      unmarkAnswer: isAnswer && guardian.canMarkAnswer(dilemma),
      markHelpful: guardian.canMarkHelpful(ref),
      flag: !row.deletedByAuthorAt && guardian.canFlagPost(ref),
    },
  };
}

/** The stored rows of page `page` (from 1) of a thread, and the thread's size. */
export type ThreadRows = { page: number; rows: ThreadRow[]; total: number };

export async function readThreadRows(dilemmaId: number, page: number): Promise<ThreadRows> {
  const [rows, [{ total }]] = await Promise.all([
    // Cut the page from the (dilemmaId, path) index first, then join authors and parents for
    // those replies only: joining first made later pages and big member tables cost more
    // (bench: page 10 of 500 read 2.5× the buffers of page 1).
    selectReplies(
      Prisma.sql`r.id IN (
        SELECT id FROM "Reply" WHERE "dilemmaId" = ${dilemmaId}
        ORDER BY path LIMIT ${THREAD_PAGE_SIZE} OFFSET ${(page - 1) * THREAD_PAGE_SIZE})`,
      Prisma.sql`ORDER BY r.path`,
    ),
    db.$queryRaw<[{ total: bigint }]>`SELECT count(*) AS total FROM "Reply" WHERE "dilemmaId" = ${dilemmaId}`,
  ]);
  return { page, rows, total: Number(total) };
}

/** The stored row of one reply of this dilemma (the accepted answer, shown above the thread). */
export async function readThreadReplyRow(dilemmaId: number, replyId: number): Promise<ThreadRow | null> {
  const [row] = await selectReplies(Prisma.sql`r.id = ${replyId} AND r."dilemmaId" = ${dilemmaId}`);
  return row ?? null;
}

/** The thread page as this viewer sees it; NotFound for a page past the end. */
export function toThreadPage(guardian: Guardian, dilemma: ThreadDilemma, thread: ThreadRows, marks: ReadonlySet<number>): ThreadPage {
  const pageCount = Math.max(1, Math.ceil(thread.total / THREAD_PAGE_SIZE));
  if (thread.page > pageCount) throw new NotFound("page");
  return {
    page: thread.page,
    pageCount,
    total: thread.total,
    nodes: nestThread(
      dropLoneTombstones(
        thread.rows.map((row) => toThreadReply(guardian, dilemma, row, marks.has(row.id))),
        // A held reply nobody else may read is not there for them at all (decision 037): nobody
        // can answer it before it is approved, so it has no replies whose place it would keep.
        (reply) => reply.state === "deleted" || (reply.state === "held" && reply.content === null),
      ),
    ),
  };
}

/** Page `page` (from 1) of the thread, read live; NotFound for a page past the end. */
export async function loadThreadPage(guardian: Guardian, dilemma: ThreadDilemma, page: number): Promise<ThreadPage> {
  const thread = await readThreadRows(dilemma.id, page);
  const marks = await helpfulMarksOf(guardian, thread.rows.map((r) => r.id));
  return toThreadPage(guardian, dilemma, thread, marks);
}

export type ReplyHistory = {
  id: number;
  dilemma: { id: number; title: string };
  author: AuthorView;
  createdAt: Date;
  updatedAt: Date;
  currentHtml: string;
  /** Earlier texts, newest first: the Markdown source and its rendering (sanitised, as a post's). */
  /** reason: an organiser's, when they changed the author's words (decision 033); null for the author's own edit. */
  revisions: { id: number; bodyMd: string; bodyHtml: string; replacedAt: Date; editor: AuthorView; reason: string | null }[];
};

/** A reply's earlier texts, for anyone who may read the reply. */
export async function getReplyHistory(guardian: Guardian, replyId: number): Promise<ReplyHistory> {
  const reply = await db.reply.findFirst({
    where: { id: replyId, dilemma: guardian.visibleDilemmasWhere() },
    select: {
      id: true,
      authorId: true,
      hiddenAt: true,
      deletedByAuthorAt: true,
      bodyHtml: true,
      createdAt: true,
      updatedAt: true,
      author: authorSelect,
      dilemma: { select: { id: true, title: true, authorId: true, lockedAt: true, hiddenAt: true } },
    },
  });
  if (!reply || !guardian.canSeeReply(reply)) throw new NotFound("reply");
  const revisions = await db.revision.findMany({
    where: { subjectType: "reply", subjectId: replyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, bodyMd: true, createdAt: true, reason: true, editor: authorSelect },
  });
  return {
    id: reply.id,
    dilemma: { id: reply.dilemma.id, title: reply.dilemma.title },
    author: toAuthorView(reply.author),
    createdAt: reply.createdAt,
    updatedAt: reply.updatedAt,
    currentHtml: reply.bodyHtml,
    revisions: revisions.map((r) => ({
      id: r.id,
      bodyMd: r.bodyMd,
      bodyHtml: renderMarkdown(r.bodyMd),
      replacedAt: r.createdAt,
      editor: toAuthorView(r.editor),
      reason: r.reason,
    })),
  };
}
