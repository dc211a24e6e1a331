import { Prisma } from "~/generated/prisma/client";
import type { Guardian, ReplyRef, DilemmaRef } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { nestThread, type ThreadNode } from "./thread-layout";

// Reading a thread. One page of a dilemma's replies is ONE query: the replies in path order
// (the unique (dilemmaId, path) index), joined with their authors, their parents' authors
// (for "Reactie op <naam>") and the viewer's helpful marks. No query per reply, so a thread
// of 500 replies costs what a thread of 5 does. Bodies the viewer may not read are dropped
// here, on the server: a placeholder keeps the reply's place in the thread.

export const THREAD_PAGE_SIZE = 50;

export type ThreadDilemma = DilemmaRef & { id: number; acceptedReplyId: number | null };

export type ReplyPermissions = {
  reply: boolean;
  edit: boolean;
  delete: boolean;
  hide: boolean;
  unhide: boolean;
  markAnswer: boolean;
  unmarkAnswer: boolean;
  markHelpful: boolean;
};

export type ThreadReply = {
  id: number;
  parentId: number | null;
  createdAt: Date;
  edited: boolean;
  state: "normal" | "hidden" | "deleted";
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

type Row = {
  id: number;
  parentId: number | null;
  authorId: number;
  bodyHtml: string;
  helpfulCount: number;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  deletedByAuthorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  handle: string;
  displayName: string;
  organisation: string | null;
  erasedAt: Date | null;
  parentAuthorId: number | null;
  parentHiddenAt: Date | null;
  parentDeletedAt: Date | null;
  parentHandle: string | null;
  parentDisplayName: string | null;
  parentOrganisation: string | null;
  parentErasedAt: Date | null;
  helpfulByMe: boolean;
};

function selectReplies(guardian: Guardian, where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) {
  return db.$queryRaw<Row[]>`
    SELECT r.id, r."parentId", r."authorId", r."bodyHtml", r."helpfulCount", r."hiddenAt", r."hiddenReason",
           r."deletedByAuthorAt", r."createdAt", r."updatedAt",
           u.handle, u."displayName", u.organisation, u."erasedAt",
           p."authorId" AS "parentAuthorId", p."hiddenAt" AS "parentHiddenAt",
           p."deletedByAuthorAt" AS "parentDeletedAt",
           pu.handle AS "parentHandle", pu."displayName" AS "parentDisplayName",
           pu.organisation AS "parentOrganisation", pu."erasedAt" AS "parentErasedAt",
           (h."userId" IS NOT NULL) AS "helpfulByMe"
    FROM "Reply" r
    JOIN "User" u ON u.id = r."authorId"
    LEFT JOIN "Reply" p ON p.id = r."parentId"
    LEFT JOIN "User" pu ON pu.id = p."authorId"
    LEFT JOIN "Helpful" h ON h."replyId" = r.id AND h."userId" = ${guardian.userId ?? 0}
    WHERE ${where}
    ${tail}`;
}

function toThreadReply(guardian: Guardian, dilemma: ThreadDilemma, row: Row): ThreadReply {
  const ref: ReplyRef = {
    authorId: row.authorId,
    hiddenAt: row.hiddenAt,
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
    state: row.deletedByAuthorAt ? "deleted" : row.hiddenAt ? "hidden" : "normal",
    content: readable ? { author: toAuthorView(row), bodyHtml: row.bodyHtml } : null,
    hiddenReason: readable ? row.hiddenReason : null,
    parentAuthor,
    helpfulCount: row.helpfulCount,
    helpfulByMe: row.helpfulByMe,
    isAnswer,
    can: {
      // Answering a reply nobody can read (any more) would leave the next reader puzzled.
      reply: guardian.canReply(dilemma) && !row.deletedByAuthorAt && !row.hiddenAt,
      edit: guardian.canEditReply(ref),
      delete: guardian.canDeleteReply(ref),
      hide: guardian.canHideReply(ref),
      unhide: guardian.canUnhideReply(ref),
      markAnswer: !isAnswer && guardian.canMarkAnswer(dilemma, ref),
      unmarkAnswer: isAnswer && guardian.canMarkAnswer(dilemma),
      markHelpful: guardian.canMarkHelpful(ref),
    },
  };
}

/** Page `page` (from 1) of the thread; NotFound for a page past the end. */
export async function loadThreadPage(guardian: Guardian, dilemma: ThreadDilemma, page: number): Promise<ThreadPage> {
  const [rows, [{ total }]] = await Promise.all([
    // Cut the page from the (dilemmaId, path) index first, then join authors, parents and
    // helpful marks for those replies only: joining first made later pages and big member
    // tables cost more (bench: page 10 of 500 read 2.5× the buffers of page 1).
    selectReplies(
      guardian,
      Prisma.sql`r.id IN (
        SELECT id FROM "Reply" WHERE "dilemmaId" = ${dilemma.id}
        ORDER BY path LIMIT ${THREAD_PAGE_SIZE} OFFSET ${(page - 1) * THREAD_PAGE_SIZE})`,
      Prisma.sql`ORDER BY r.path`,
    ),
    db.$queryRaw<[{ total: bigint }]>`SELECT count(*) AS total FROM "Reply" WHERE "dilemmaId" = ${dilemma.id}`,
  ]);
  const count = Number(total);
  const pageCount = Math.max(1, Math.ceil(count / THREAD_PAGE_SIZE));
  if (page > pageCount) throw new NotFound("page");
  return {
    page,
    pageCount,
    total: count,
    nodes: nestThread(rows.map((row) => toThreadReply(guardian, dilemma, row))),
  };
}

/** One reply as the thread shows it (the accepted answer, shown above the thread). */
export async function loadThreadReply(
  guardian: Guardian,
  dilemma: ThreadDilemma,
  replyId: number,
): Promise<ThreadReply | null> {
  const [row] = await selectReplies(guardian, Prisma.sql`r.id = ${replyId} AND r."dilemmaId" = ${dilemma.id}`);
  return row ? toThreadReply(guardian, dilemma, row) : null;
}

export type ReplyHistory = {
  id: number;
  dilemma: { id: number; title: string };
  author: AuthorView;
  createdAt: Date;
  updatedAt: Date;
  currentHtml: string;
  /** Earlier texts, newest first. Markdown source: shown as plain text, never as HTML. */
  revisions: { id: number; bodyMd: string; replacedAt: Date; editor: AuthorView }[];
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
    select: { id: true, bodyMd: true, createdAt: true, editor: authorSelect },
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
      replacedAt: r.createdAt,
      editor: toAuthorView(r.editor),
    })),
  };
}
