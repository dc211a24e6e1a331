import type { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { DilemmaRef, Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import { db, inTransaction, isUniqueViolation } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { parseOrInvalid } from "~/platform/validate.server";
import { resolveCompetenceIds } from "./competence-tags.server";
import { isNextPostHeld } from "./holds.server";
import type { DilemmaEvent } from "./events";
import { publishedAnywayEvents, type PublishedAnyway } from "~/privacy/published-anyway";
import { AskDilemmaSchema, type AskDilemmaInput } from "./schemas";

// Asking a dilemma, and what every dilemma rule needs to know about one (its DilemmaRef).
// Listing: list.server.ts. Editing and revisions: edit.server.ts. Moderation: moderation.server.ts.

/** Select this to build a DilemmaRef for the Guardian (see toDilemmaRef). */
export const dilemmaRefSelect = {
  id: true,
  authorId: true,
  lockedAt: true,
  hiddenAt: true,
  heldAt: true,
  deletedByAuthorAt: true,
  author: { select: { erasedAt: true } },
} as const;

export type DilemmaRefWithId = DilemmaRef & { id: number };

export function toDilemmaRef(row: {
  id: number;
  authorId: number;
  lockedAt: Date | null;
  hiddenAt: Date | null;
  heldAt?: Date | null;
  deletedByAuthorAt?: Date | null;
  author: { erasedAt: Date | null };
}): DilemmaRefWithId {
  return {
    id: row.id,
    authorId: row.authorId,
    lockedAt: row.lockedAt,
    hiddenAt: row.hiddenAt,
    heldAt: row.heldAt ?? null,
    authorErasedAt: row.author.erasedAt,
    deletedByAuthorAt: row.deletedByAuthorAt ?? null,
  };
}

/** The dilemma's ref, or NotFound when it does not exist or the viewer may not see it. */
export async function findVisibleDilemmaRef(
  guardian: Guardian,
  id: number,
  client: Prisma.TransactionClient = db,
): Promise<DilemmaRefWithId> {
  const row = Number.isSafeInteger(id) ? await client.dilemma.findUnique({ where: { id }, select: dilemmaRefSelect }) : null;
  return visibleDilemmaRef(guardian, row);
}

/**
 * Locks the dilemma's row and reads what the Guardian's rules need, in one statement instead
 * of three (lock, dilemma, its author), for edits of the dilemma. (A new reply takes no lock
 * before it writes: decision 013.) NotFound as findVisibleDilemmaRef.
 */
export async function lockVisibleDilemma(tx: Prisma.TransactionClient, guardian: Guardian, id: number): Promise<DilemmaRefWithId> {
  type Row = { id: number; authorId: number; lockedAt: Date | null; hiddenAt: Date | null; heldAt: Date | null; deletedByAuthorAt: Date | null; erasedAt: Date | null };
  const [row] = Number.isSafeInteger(id)
    ? await tx.$queryRaw<Row[]>`
        SELECT d.id, d."authorId", d."lockedAt", d."hiddenAt", d."heldAt", d."deletedByAuthorAt", u."erasedAt"
        FROM "Dilemma" d JOIN "User" u ON u.id = d."authorId"
        WHERE d.id = ${id} FOR UPDATE OF d`
    : [];
  return visibleDilemmaRef(guardian, row ? { ...row, author: { erasedAt: row.erasedAt } } : null);
}

/** The ref of a dilemma row read elsewhere; NotFound when there is none or the viewer may not see it. */
export function visibleDilemmaRef(guardian: Guardian, row: Parameters<typeof toDilemmaRef>[0] | null | undefined): DilemmaRefWithId {
  if (!row) throw new NotFound("dilemma");
  const ref = toDilemmaRef(row);
  guardian.ensureCanSeeDilemma(ref);
  return ref;
}

/** held: it waits for an organiser's approval (decision 037). */
export type CreatedDilemma = { id: number; title: string; created: boolean; held: boolean };

export type AskOptions = {
  /** Write in the caller's transaction (a meeting's question raised, an import). */
  client?: Prisma.TransactionClient;
  /** Asked in this member's name rather than the viewer's (staff: a question raised at a meeting). */
  authorId?: number;
  /** History brought in by an import (the operator only): when it was asked, and its state. */
  imported?: { at: Date; status: DilemmaStatus };
} & PublishedAnyway;

/**
 * A member asks a dilemma: title, Markdown text, 1–5 current competences. The same form sent
 * twice (double click, slow network, back and submit again) carries the same submissionId,
 * and then the first dilemma comes back (`created: false`) instead of a second one. The one
 * way a dilemma comes into being: the ask form, a meeting's question raised and the import
 * all come here.
 */
export async function createDilemma(guardian: Guardian, input: AskDilemmaInput, options: AskOptions = {}): Promise<CreatedDilemma> {
  guardian.ensureCanAskDilemma();
  if (options.authorId !== undefined) guardian.ensureCanWriteInNameOf();
  if (options.imported) guardian.ensureCanImportHistory();
  const authorId = options.authorId ?? memberIdOf(guardian);
  const { title, body, competences, submissionId } = parseOrInvalid(AskDilemmaSchema, input);
  const client = options.client ?? db;
  const earlier = submissionId ? await findBySubmission(client, authorId, submissionId) : null;
  if (earlier) return { ...earlier, created: false };
  const at = options.imported?.at ?? new Date();
  try {
    return await inTransaction(client, async (tx) => {
      const competenceIds = await resolveCompetenceIds(tx, competences);
      // A new member's first posts wait for approval, hidden meanwhile (decision 037).
      const held = !options.imported && (await isNextPostHeld(tx, guardian, authorId));
      const dilemma = await tx.dilemma.create({
        data: {
          title,
          bodyMd: body,
          bodyHtml: renderMarkdown(body),
          authorId,
          submissionId: submissionId ?? null,
          status: options.imported?.status ?? "open",
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
          ...(held ? { hiddenAt: at, heldAt: at } : {}),
          competences: { create: competenceIds.map((competenceId) => ({ competenceId })) },
        },
        select: { id: true, title: true },
      });
      await recordEvents(tx, [
        {
          type: "dilemma.created",
          subjectId: dilemma.id,
          actorId: guardian.userId,
          payload: { authorId, competenceIds, imported: options.imported !== undefined, held },
        } satisfies DilemmaEvent,
        ...publishedAnywayEvents(options.privacyOverridden, { post: "dilemma", id: dilemma.id, dilemmaId: null }, guardian.userId),
      ]);
      return { ...dilemma, created: true, held };
    });
  } catch (error) {
    // Two copies of the form arrived at the same moment: the unique index let one through.
    if (submissionId && !options.client && isUniqueViolation(error)) {
      const first = await findBySubmission(db, authorId, submissionId);
      if (first) return { ...first, created: false };
    }
    throw error;
  }
}

function findBySubmission(client: Prisma.TransactionClient, authorId: number, submissionId: string) {
  return client.dilemma.findUnique({
    where: { authorId_submissionId: { authorId, submissionId } },
    select: { id: true, title: true, heldAt: true },
  }).then((row) => row && { id: row.id, title: row.title, held: row.heldAt !== null });
}
