import { findVisibleDilemmaRef, visibleDilemmaRef } from "~/dilemmas/dilemmas.server";
import { lockDilemmaRow, type EditOptions } from "~/dilemmas/edit.server";
import { ModeratorReasonSchema } from "~/dilemmas/schemas";
import { Prisma } from "~/generated/prisma/client";
import { memberIdOf, type Guardian, type ReplyRef } from "~/guardian/guardian.server";
import { db, inTransaction, isUniqueViolation, violatedUniqueIndex } from "~/platform/db.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { publishedAnywayEvents, type PublishedAnyway } from "~/privacy/published-anyway";
import { renderMarkdown } from "~/platform/markdown.server";
import { parseOrInvalid } from "~/platform/validate.server";
import type { ReplyEvent } from "./events";
import { EditReplySchema, HideReasonSchema, ReplySchema, type EditReplyInput, type ReplyInput } from "./schemas";
import { nextPostHeldSql } from "~/dilemmas/holds.server";
import { countBefore, readForReply, writeReply, type NewReply } from "./new-reply.server";

// Writing replies: answer, edit, delete, hide, mark as the answer, mark as helpful. Every
// function asks the Guardian first; counters on the dilemma and the reply change in the same
// transaction as the rows they count, and so does the event that says what changed
// (events.ts; the search index reacts to it in that transaction, decision 014).
//
// Dilemma.replyCount counts the replies a member can read: neither deleted by their author
// nor hidden by an organiser. Deleting, hiding and unhiding adjust it.

type Tx = Prisma.TransactionClient;

/** Where a writer writes: in a transaction of its own, or in the caller's (an import). */
export type WriteOptions = { client?: Tx };

const replyRefSelect = {
  id: true,
  dilemmaId: true,
  authorId: true,
  path: true,
  hiddenAt: true,
  heldAt: true,
  deletedByAuthorAt: true,
  dilemma: {
    select: { id: true, title: true, authorId: true, lockedAt: true, hiddenAt: true, deletedByAuthorAt: true, acceptedReplyId: true },
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
  /** It waits for an organiser's approval (decision 037). */
  held: boolean;
  located: { dilemma: { id: number; title: string }; before: number } | null;
};

/** Attempts before a post takes its dilemma's lock first (decision 013). */
const UNLOCKED_ATTEMPTS = 3;

/** An imported reply (the operator only): whose it is and when it was written. */
export type ImportedReply = { authorId: number; at: Date };

export async function createReply(
  guardian: Guardian,
  dilemmaId: number,
  raw: ReplyInput,
  options: WriteOptions & { imported?: ImportedReply } & PublishedAnyway = {},
): Promise<CreatedReply> {
  if (options.imported) guardian.ensureCanImportHistory();
  const authorId = options.imported?.authorId ?? memberIdOf(guardian);
  const input = parseOrInvalid(ReplySchema, raw);
  // Rendering needs no database: done before anything is read.
  const bodyHtml = renderMarkdown(input.body);
  const reply = { dilemmaId, authorId, submissionId: input.submissionId, parentId: input.parentId ?? null, bodyMd: input.body, bodyHtml };
  const announce = { actorId: guardian.userId, imported: options.imported !== undefined, at: options.imported?.at, privacyOverridden: options.privacyOverridden };
  const client = options.client ?? db;
  try {
    // Almost always once. Between reading and writing the dilemma or the parent can change
    // (locked, hidden, edited, answered), or a reply written without the thread's numbering
    // (an import) can take this one's place: nothing is written, and the next attempt reads again.
    for (let attempt = 1; attempt <= UNLOCKED_ATTEMPTS; attempt++) {
      const created = await attemptReply(guardian, reply, announce, client);
      if (created) return created;
    }
    // Still not written: take the dilemma's row lock first, so nothing changes in between.
    return await inTransaction(client, async (tx) => {
      await lockDilemmaRow(tx, dilemmaId);
      return (await attemptReply(guardian, reply, announce, tx)) ?? Promise.reject(new Error("a locked reply was not written"));
    });
  } catch (e) {
    // The same form sent twice at the same moment, racing past the lookup: the unique
    // (authorId, submissionId) index decides, and the second finds the first's reply.
    if (isUniqueViolation(e) && !options.client) {
      const earlier = await db.reply.findUnique({
        where: { authorId_submissionId: { authorId, submissionId: input.submissionId } },
        select: { id: true, dilemmaId: true, heldAt: true },
      });
      if (earlier) return { id: earlier.id, dilemmaId: earlier.dilemmaId, held: earlier.heldAt !== null, located: null };
    }
    throw e;
  }
}

/** Read, ask the Guardian, write: the new reply, or null when the thread changed in between. */
async function attemptReply(
  guardian: Guardian,
  reply: NewReply & { bodyMd: string; bodyHtml: string },
  announce: { actorId: number | null; imported: boolean; at?: Date } & PublishedAnyway,
  client: Tx,
): Promise<CreatedReply | null> {
  // A new member's first replies wait for approval (decision 037); an import is history.
  const read = await readForReply(client, reply, announce.imported ? undefined : nextPostHeldSql(guardian, reply.authorId));
  // A dilemma the viewer may not see: NotFound.
  guardian.ensureCanReply(visibleDilemmaRef(guardian, read.dilemma));
  const plan = read.plan();
  if (plan.earlier) return { ...plan.earlier, located: null };
  const { dilemmaId } = reply;
  try {
    const placed = await writeReply(client, plan, reply, { ...announce, now: announce.at ?? new Date() });
    if (!placed) return null;
    const before = placed.waited ? await countBefore(client, dilemmaId, placed.path) : placed.before;
    return { id: plan.id, dilemmaId, held: plan.held, located: { dilemma: { id: dilemmaId, title: read.dilemma!.title }, before } };
  } catch (e) {
    if (violatedUniqueIndex(e) === "Reply_dilemmaId_path_key") return null;
    throw e;
  }
}

/** The reply's event, with its dilemma and author as every reply event has them. */
function about<T extends ReplyEvent["type"]>(
  guardian: Guardian,
  reply: { id: number; dilemmaId: number; authorId: number },
  type: T,
  more: Omit<Extract<ReplyEvent, { type: T }>["payload"], "dilemmaId" | "authorId">,
): ReplyEvent {
  return { type, subjectId: reply.id, actorId: guardian.userId, payload: { dilemmaId: reply.dilemmaId, authorId: reply.authorId, ...more } } as ReplyEvent;
}

/**
 * The author changes their reply; or an organiser does, with a reason the author reads
 * (options.moderatorReason, decision 033): the Revision then names the organiser and keeps why.
 */
export async function editReply(guardian: Guardian, replyId: number, raw: EditReplyInput, options: EditOptions = {}): Promise<LoadedReply> {
  const editorId = memberIdOf(guardian);
  const input = parseOrInvalid(EditReplySchema, raw);
  const byModerator = options.moderatorReason !== undefined;
  const reason = byModerator ? parseOrInvalid(ModeratorReasonSchema, { reason: options.moderatorReason }).reason : null;
  return db.$transaction(async (tx) => {
    // Locking the reply keeps two quick edits from both saving the same "previous" text.
    await tx.$queryRaw`SELECT id FROM "Reply" WHERE id = ${replyId} FOR UPDATE`;
    const reply = await loadReply(guardian, replyId, tx);
    if (byModerator) guardian.ensureCanRewordPost(reply);
    else guardian.ensureCanEditReply(reply);
    const { bodyMd } = await tx.reply.findUniqueOrThrow({ where: { id: replyId }, select: { bodyMd: true } });
    if (bodyMd === input.body) return reply;
    const revision = await tx.revision.create({ data: { subjectType: "reply", subjectId: replyId, bodyMd, editorId, reason }, select: { id: true } });
    await tx.reply.update({
      where: { id: replyId },
      data: { bodyMd: input.body, bodyHtml: renderMarkdown(input.body), updatedAt: new Date() },
    });
    await recordEvents(tx, [
      about(guardian, reply, "reply.edited", byModerator ? { reason, revisionId: revision.id } : {}),
      ...publishedAnywayEvents(options.privacyOverridden, { post: "reply", id: replyId, dilemmaId: reply.dilemmaId }, editorId),
    ]);
    return reply;
  });
}

/** The author takes their words back; the reply keeps its place so answers to it still read well. */
export async function deleteReply(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  // Its photos and documents go with its text: attachments react to "reply.deleted" (decision 050).
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
    await recordEvents(tx, [about(guardian, current, "reply.deleted", { wasAnswer })]);
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
    // A held reply turned down (decision 037): it stays hidden, now with the reason; it was never counted.
    const rejected = current.heldAt !== null;
    await tx.reply.update({ where: { id: replyId }, data: { hiddenAt: current.hiddenAt ?? new Date(), hiddenReason: reason, heldAt: null } });
    if (!rejected) await tx.dilemma.update({ where: { id: current.dilemmaId }, data: { replyCount: { decrement: 1 } } });
    await recordEvents(tx, [about(guardian, current, "reply.hidden", rejected ? { reason, rejected } : { reason })]);
    return current;
  });
}

export async function unhideReply(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  return db.$transaction(async (tx) => {
    await lockDilemmaRow(tx, reply.dilemmaId);
    const current = await loadReply(guardian, replyId, tx);
    guardian.ensureCanUnhideReply(current);
    const [{ hiddenReason }] = await tx.$queryRaw<[{ hiddenReason: string | null }]>`
      UPDATE "Reply" r SET "hiddenAt" = NULL, "hiddenReason" = NULL FROM "Reply" was
      WHERE r.id = ${replyId} AND was.id = r.id RETURNING was."hiddenReason"`;
    if (!current.deletedByAuthorAt) {
      await tx.dilemma.update({ where: { id: current.dilemmaId }, data: { replyCount: { increment: 1 } } });
    }
    await recordEvents(tx, [about(guardian, current, "reply.unhidden", { reason: hiddenReason })]);
    return current;
  });
}

/**
 * An organiser approves a held reply (decision 037): it is published as if written now, so the
 * thread counts it and moves up, and "reply.approved" tells those who would have heard of it.
 * A second click changes nothing.
 */
export async function approveReply(guardian: Guardian, replyId: number): Promise<LoadedReply> {
  const reply = await loadReply(guardian, replyId);
  if (reply.heldAt === null && guardian.isStaff) return reply; // approved already (another click, another organiser)
  guardian.ensureCanApprovePost(reply);
  return db.$transaction(async (tx) => {
    await lockDilemmaRow(tx, reply.dilemmaId);
    const current = await loadReply(guardian, replyId, tx);
    if (current.heldAt === null) return current;
    guardian.ensureCanApprovePost(current);
    const at = new Date();
    await tx.reply.update({ where: { id: replyId }, data: { hiddenAt: null, heldAt: null, createdAt: at, updatedAt: at } });
    await tx.$executeRaw`UPDATE "Dilemma" SET "replyCount" = "replyCount" + 1, "lastActivityAt" = greatest("lastActivityAt", ${at}::timestamptz)
      WHERE id = ${current.dilemmaId}`;
    const { parentId } = await tx.reply.findUniqueOrThrow({ where: { id: replyId }, select: { parentId: true } });
    await recordEvents(tx, [about(guardian, current, "reply.approved", { parentId })]);
    return current;
  });
}

/** "Dit hielp mij": the reply becomes the dilemma's answer, shown on top; the dilemma is answered. */
export async function markAnswer(guardian: Guardian, replyId: number, options: WriteOptions = {}): Promise<LoadedReply> {
  return inTransaction(options.client ?? db, async (tx) => {
    const reply = await loadReply(guardian, replyId, tx);
    await lockDilemmaRow(tx, reply.dilemmaId);
    guardian.ensureCanMarkAnswer(reply.dilemma, reply);
    const [{ previous }] = await tx.$queryRaw<[{ previous: number | null }]>`
      UPDATE "Dilemma" d SET "acceptedReplyId" = ${reply.id}, status = 'answered' FROM "Dilemma" was
      WHERE d.id = ${reply.dilemmaId} AND was.id = d.id RETURNING was."acceptedReplyId" AS previous`;
    if (previous !== reply.id) {
      await recordEvents(tx, [about(guardian, reply, "reply.marked_answer", { previousReplyId: previous })]);
    }
    return reply;
  });
}

export async function unmarkAnswer(guardian: Guardian, dilemmaId: number): Promise<void> {
  guardian.ensureCanMarkAnswer(await findVisibleDilemmaRef(guardian, dilemmaId));
  await db.$transaction(async (tx) => {
    const [was] = await tx.$queryRaw<{ replyId: number; authorId: number }[]>`
      SELECT r.id AS "replyId", r."authorId" FROM "Dilemma" d JOIN "Reply" r ON r.id = d."acceptedReplyId"
      WHERE d.id = ${dilemmaId} FOR UPDATE OF d`;
    await tx.dilemma.update({ where: { id: dilemmaId }, data: { acceptedReplyId: null, status: "open" } });
    if (was) await recordEvents(tx, [about(guardian, { id: was.replyId, dilemmaId, authorId: was.authorId }, "reply.unmarked_answer", {})]);
  });
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
    await recordEvents(tx, [about(guardian, reply, helpful ? "reply.marked_helpful" : "reply.unmarked_helpful", {})]);
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

/** The reply's text to edit: its author's, or an organiser's with a reason (asModerator, decision 033). */
export async function getReplyForEdit(guardian: Guardian, replyId: number, { asModerator = false } = {}): Promise<ReplyForEdit> {
  const reply = await loadReply(guardian, replyId);
  if (asModerator) guardian.ensureCanRewordPost(reply);
  else guardian.ensureCanEditReply(reply);
  const { bodyMd } = await db.reply.findUniqueOrThrow({ where: { id: replyId }, select: { bodyMd: true } });
  return { id: reply.id, bodyMd, dilemma: { id: reply.dilemma.id, title: reply.dilemma.title } };
}
