import { findVisibleDilemmaRef, visibleDilemmaRef } from "~/dilemmas/dilemmas.server";
import { lockDilemmaRow } from "~/dilemmas/edit.server";
import { parseOrInvalid } from "~/dilemmas/validate.server";
import { Prisma } from "~/generated/prisma/client";
import { memberIdOf, type Guardian, type ReplyRef } from "~/guardian/guardian.server";
import { db, isUniqueViolation, violatedUniqueIndex } from "~/platform/db.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { replyText, type ReplyText } from "~/search/documents.server";
import { indexDilemma, indexReply, writeNewReply } from "~/search/indexer.server";
import { EditReplySchema, HideReasonSchema, ReplySchema, type EditReplyInput, type ReplyInput } from "./schemas";
import { countBefore, readForReply, replyWrites, type NewReply, type Placed } from "./new-reply.server";

// Writing replies: answer, edit, delete, hide, mark as the answer, mark as helpful. Every
// function asks the Guardian first; counters on the dilemma and the reply change in the same
// transaction as the rows they count.
//
// Dilemma.replyCount counts the replies a member can read: neither deleted by their author
// nor hidden by an organiser. Deleting, hiding and unhiding adjust it.

type Tx = Prisma.TransactionClient;

const replyRefSelect = {
  id: true,
  dilemmaId: true,
  authorId: true,
  path: true,
  hiddenAt: true,
  deletedByAuthorAt: true,
  dilemma: {
    select: { id: true, title: true, authorId: true, lockedAt: true, hiddenAt: true, acceptedReplyId: true },
  },
} as const;

type LoadedReply = ReplyRef & {
  id: number;
  dilemmaId: number;
  path: string;
  dilemma: ReplyRef["dilemma"] & { id: number; title: string; acceptedReplyId: number | null };
};

/**
 * A reply with what the rules need. A reply in a dilemma the viewer may not see does not
 * exist for them (404), so a hidden dilemma's existence does not leak through its replies.
 */
async function loadReply(guardian: Guardian, replyId: number, tx: Tx = db): Promise<LoadedReply> {
  const reply = await tx.reply.findFirst({
    where: { id: replyId, dilemma: guardian.visibleDilemmasWhere() },
    select: replyRefSelect,
  });
  if (!reply) throw new NotFound("reply");
  return reply;
}

/** The new reply, and where it sits (for the redirect to it): its dilemma and how many of the
 *  thread's replies come before it. A repeated submission finds the earlier reply: located
 *  null, the caller locates it. */
export type CreatedReply = {
  id: number;
  dilemmaId: number;
  located: { dilemma: { id: number; title: string }; before: number } | null;
};

/** Attempts before a post takes its dilemma's lock first (decision 013). */
const UNLOCKED_ATTEMPTS = 3;

export async function createReply(guardian: Guardian, dilemmaId: number, raw: ReplyInput): Promise<CreatedReply> {
  const authorId = memberIdOf(guardian);
  const input = parseOrInvalid(ReplySchema, raw);
  // Rendering and analysing the text need no database: done before anything is read.
  const bodyHtml = renderMarkdown(input.body);
  const text = replyText(bodyHtml, dilemmaId);
  const reply = { dilemmaId, authorId, submissionId: input.submissionId, parentId: input.parentId ?? null, bodyMd: input.body, bodyHtml };
  try {
    // Almost always once. Between reading and writing the dilemma or the parent can change
    // (locked, hidden, edited, answered), or a reply written without the thread's numbering
    // (an import) can take this one's place: nothing is written, and the next attempt reads again.
    for (let attempt = 1; attempt <= UNLOCKED_ATTEMPTS; attempt++) {
      const created = await attemptReply(guardian, reply, text, db);
      if (created) return created;
    }
    // Still not written: take the dilemma's row lock first, so nothing changes in between.
    return await db.$transaction(async (tx) => {
      await lockDilemmaRow(tx, dilemmaId);
      return (await attemptReply(guardian, reply, text, tx)) ?? Promise.reject(new Error("a locked reply was not written"));
    });
  } catch (e) {
    // The same form sent twice at the same moment, racing past the lookup: the unique
    // (authorId, submissionId) index decides, and the second finds the first's reply.
    if (isUniqueViolation(e)) {
      const earlier = await db.reply.findUnique({
        where: { authorId_submissionId: { authorId, submissionId: input.submissionId } },
        select: { id: true, dilemmaId: true },
      });
      if (earlier) return { ...earlier, located: null };
    }
    throw e;
  }
}

/** Read, ask the Guardian, write: the new reply, or null when the thread changed in between. */
async function attemptReply(
  guardian: Guardian,
  reply: NewReply & { bodyMd: string; bodyHtml: string },
  text: ReplyText,
  client: Tx,
): Promise<CreatedReply | null> {
  const read = await readForReply(client, reply);
  // A dilemma the viewer may not see: NotFound.
  guardian.ensureCanReply(visibleDilemmaRef(guardian, read.dilemma));
  const plan = read.plan();
  if (plan.earlier) return { ...plan.earlier, located: null };
  const { dilemmaId } = reply;
  try {
    const placed = await writeNewReply<Placed>(client, text, replyWrites(plan, reply, new Date()));
    if (!placed) return null;
    const before = placed.waited ? await countBefore(client, dilemmaId, placed.path) : placed.before;
    return { id: plan.id, dilemmaId, located: { dilemma: { id: dilemmaId, title: read.dilemma!.title }, before } };
  } catch (e) {
    if (violatedUniqueIndex(e) === "Reply_dilemmaId_path_key") return null;
    throw e;
  }
}

export async function editReply(guardian: Guardian, replyId: number, raw: EditReplyInput): Promise<LoadedReply> {
  const editorId = memberIdOf(guardian);
  const input = parseOrInvalid(EditReplySchema, raw);
  return db.$transaction(async (tx) => {
    // Locking the reply keeps two quick edits from both saving the same "previous" text.
    await tx.$queryRaw`SELECT id FROM "Reply" WHERE id = ${replyId} FOR UPDATE`;
    const reply = await loadReply(guardian, replyId, tx);
    guardian.ensureCanEditReply(reply);
    const { bodyMd } = await tx.reply.findUniqueOrThrow({ where: { id: replyId }, select: { bodyMd: true } });
    if (bodyMd === input.body) return reply;
    await tx.revision.create({ data: { subjectType: "reply", subjectId: replyId, bodyMd, editorId } });
    await tx.reply.update({
      where: { id: replyId },
      data: { bodyMd: input.body, bodyHtml: renderMarkdown(input.body), updatedAt: new Date() },
    });
    await indexReply(tx, replyId);
    return reply;
  });
}

/** The author takes their words back; the reply keeps its place so answers to it still read well. */
export async function deleteReply(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  return db.$transaction(async (tx) => {
    await lockDilemmaRow(tx, reply.dilemmaId);
    const current = await loadReply(guardian, replyId, tx);
    guardian.ensureCanDeleteReply(current);
    await tx.reply.update({ where: { id: replyId }, data: { deletedByAuthorAt: new Date() } });
    const wasAnswer = current.dilemma.acceptedReplyId === replyId;
    await tx.dilemma.update({
      where: { id: current.dilemmaId },
      data: {
        ...(current.hiddenAt ? {} : { replyCount: { decrement: 1 } }),
        // An answer nobody can read any more no longer answers: the dilemma is open again.
        ...(wasAnswer ? { acceptedReplyId: null, status: "open" as const } : {}),
      },
    });
    await indexReply(tx, replyId);
    return current;
  });
}

export async function hideReply(guardian: Guardian, replyId: number, rawReason: string): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  guardian.ensureCanHideReply(reply);
  const { reason } = parseOrInvalid(HideReasonSchema, { reason: rawReason });
  return db.$transaction(async (tx) => {
    await lockDilemmaRow(tx, reply.dilemmaId);
    const current = await loadReply(guardian, replyId, tx);
    guardian.ensureCanHideReply(current);
    await tx.reply.update({ where: { id: replyId }, data: { hiddenAt: new Date(), hiddenReason: reason } });
    await tx.dilemma.update({ where: { id: current.dilemmaId }, data: { replyCount: { decrement: 1 } } });
    await indexReply(tx, replyId);
    return current;
  });
}

export async function unhideReply(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  return db.$transaction(async (tx) => {
    await lockDilemmaRow(tx, reply.dilemmaId);
    const current = await loadReply(guardian, replyId, tx);
    guardian.ensureCanUnhideReply(current);
    await tx.reply.update({ where: { id: replyId }, data: { hiddenAt: null, hiddenReason: null } });
    if (!current.deletedByAuthorAt) {
      await tx.dilemma.update({ where: { id: current.dilemmaId }, data: { replyCount: { increment: 1 } } });
    }
    await indexReply(tx, replyId);
    return current;
  });
}

/** "Dit hielp mij": the reply becomes the dilemma's answer, shown on top; the dilemma is answered. */
export async function markAnswer(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  guardian.ensureCanMarkAnswer(reply.dilemma, reply);
  await db.dilemma.update({
    where: { id: reply.dilemmaId },
    data: { acceptedReplyId: reply.id, status: "answered" },
  });
  await indexDilemma(db, reply.dilemmaId);
  return reply;
}

export async function unmarkAnswer(guardian: Guardian, dilemmaId: number): Promise<void> {
  guardian.ensureCanMarkAnswer(await findVisibleDilemmaRef(guardian, dilemmaId));
  await db.dilemma.update({ where: { id: dilemmaId }, data: { acceptedReplyId: null, status: "open" } });
  await indexDilemma(db, dilemmaId);
}

/**
 * Marks or unmarks the reply as helpful for the viewer. The form says which (not "toggle"),
 * so a double click does not undo itself. The counters move only when a row really came or
 * went, so they stay right when two requests race.
 */
export async function setHelpful(guardian: Guardian, replyId: number, helpful: boolean): Promise<LoadedReply> {
  const userId = memberIdOf(guardian);
  const reply = await loadReply(guardian, replyId);
  if (helpful) guardian.ensureCanMarkHelpful(reply);
  else if (guardian.isAnonymous) throw new Forbidden("not signed in");
  await db.$transaction(async (tx) => {
    const changed = helpful
      ? (await tx.helpful.createMany({ data: [{ userId, replyId }], skipDuplicates: true })).count
      : -(await tx.helpful.deleteMany({ where: { userId, replyId } })).count;
    if (changed === 0) return;
    await tx.reply.update({ where: { id: replyId }, data: { helpfulCount: { increment: changed } } });
    await tx.dilemma.update({ where: { id: reply.dilemmaId }, data: { helpfulCount: { increment: changed } } });
  });
  return reply;
}

export type ReplyLocation = { replyId: number; dilemma: { id: number; title: string }; page: number };

/** Where a reply just written sits: from what createReply found, or looked up (a repeat). */
export async function locateCreatedReply(guardian: Guardian, reply: CreatedReply, pageSize: number): Promise<ReplyLocation> {
  if (!reply.located) return locateReply(guardian, reply.id, pageSize);
  return { replyId: reply.id, dilemma: reply.located.dilemma, page: pageOf(reply.located.before, pageSize) };
}

/** The thread page of a reply that has `before` replies before it. */
const pageOf = (before: number, pageSize: number) => Math.floor(before / pageSize) + 1;

/** Where a reply sits: its dilemma and the page of the thread it is on (one COUNT). */
export async function locateReply(guardian: Guardian, replyId: number, pageSize: number): Promise<ReplyLocation> {
  const reply = await loadReply(guardian, replyId);
  const [{ before }] = await db.$queryRaw<[{ before: bigint }]>`
    SELECT count(*) AS before FROM "Reply" WHERE "dilemmaId" = ${reply.dilemmaId} AND path < ${reply.path}`;
  return {
    replyId,
    dilemma: { id: reply.dilemma.id, title: reply.dilemma.title },
    page: pageOf(Number(before), pageSize),
  };
}

export type ReplyForEdit = { id: number; bodyMd: string; dilemma: { id: number; title: string } };

export async function getReplyForEdit(guardian: Guardian, replyId: number): Promise<ReplyForEdit> {
  const reply = await loadReply(guardian, replyId);
  guardian.ensureCanEditReply(reply);
  const { bodyMd } = await db.reply.findUniqueOrThrow({ where: { id: replyId }, select: { bodyMd: true } });
  return { id: reply.id, bodyMd, dilemma: { id: reply.dilemma.id, title: reply.dilemma.title } };
}
