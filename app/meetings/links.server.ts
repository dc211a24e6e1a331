import { listCompetenceChoices, type CompetenceChoice } from "~/dilemmas/competence-tags.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import type { Prisma } from "~/generated/prisma/client";
import type { DilemmaStatus, MeetingDilemmaKind } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db, inTransaction, isUniqueViolation } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { parseOrInvalid } from "~/platform/validate.server";
import { meetingEvent } from "./events";
import { findMeetingRef, lockMeetingRow } from "./meetings.server";
import { LinkDilemmaSchema, parseDilemmaReference, RaisedDilemmaSchema, type LinkKind, type RaisedDilemmaInput } from "./schemas";

// A report's links to dilemmas: raised at the meeting (a question someone brought), or
// discussed there. Organisers link existing dilemmas, or turn a question raised into a new
// dilemma in one step. Only dilemmas everyone may see can be linked: a report is public, and
// a hidden dilemma in it would either leak or leave a hole.

export type DilemmaCandidate = { id: number; title: string; status: DilemmaStatus; replyCount: number };

/**
 * Dilemmas to link or to put on an agenda: those the search engine found for the words
 * (`rankedIds`, best first: see search/dilemma-finder), then title substrings (ILIKE, served
 * by the title's trigram index: a half-typed word), or one by number. Hidden ones never;
 * `openOnly` for agendas (an answered question needs no meeting).
 */
export async function searchDilemmas(
  guardian: Guardian,
  query: string,
  options: { openOnly: boolean; limit?: number; rankedIds?: number[] },
): Promise<DilemmaCandidate[]> {
  const text = query.trim();
  if (!text) return [];
  const limit = options.limit ?? 10;
  const id = parseDilemmaReference(text);
  const ranked = options.rankedIds ?? [];
  const rows = await db.dilemma.findMany({
    where: {
      AND: [
        guardian.visibleDilemmasWhere(),
        { hiddenAt: null },
        options.openOnly ? { status: "open" } : {},
        { OR: [{ title: { contains: text, mode: "insensitive" } }, { id: { in: [...ranked, ...(id ? [id] : [])] } }] },
      ],
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: limit + ranked.length + 1,
    select: { id: true, title: true, status: true, replyCount: true },
  });
  // The number typed first, then the engine's order, then the other title matches by activity.
  const rank = (d: DilemmaCandidate) => (d.id === id ? -1 : ranked.includes(d.id) ? ranked.indexOf(d.id) : ranked.length);
  return rows
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .slice(0, limit)
    .map(({ d }) => d);
}

/** Link a dilemma as raised at or discussed at the meeting. Linking twice changes nothing. */
export async function linkDilemma(
  guardian: Guardian,
  meetingId: number,
  input: { dilemma: string | number; kind: string },
  options: { client?: Prisma.TransactionClient } = {},
): Promise<{ dilemmaId: number; kind: LinkKind }> {
  const client = options.client ?? db;
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId, client));
  const { dilemma: dilemmaId, kind } = parseOrInvalid(LinkDilemmaSchema, { ...input, dilemma: String(input.dilemma) });
  await inTransaction(client, async (tx) => {
    await lockMeetingRow(tx, meetingId, "share");
    guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId, tx));
    await ensureLinkable(tx, dilemmaId);
    await link(guardian, tx, meetingId, dilemmaId, kind);
  });
  return { dilemmaId, kind };
}

/** The link and its event (a report's competences are its dilemmas': search re-indexes it). */
async function link(guardian: Guardian, tx: Prisma.TransactionClient, meetingId: number, dilemmaId: number, kind: LinkKind) {
  const { count } = await tx.meetingDilemma.createMany({ data: [{ meetingId, dilemmaId, kind }], skipDuplicates: true });
  if (count > 0) await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "report.dilemma_linked", payload: { dilemmaId, kind } })]);
}

export async function unlinkDilemma(guardian: Guardian, meetingId: number, dilemmaId: number, kind: MeetingDilemmaKind): Promise<void> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  if (kind === "agenda") throw new Invalid({ "": ["meetings.errors.changedMeanwhile"] });
  await db.$transaction(async (tx) => {
    const { count } = await tx.meetingDilemma.deleteMany({ where: { meetingId, dilemmaId, kind } });
    if (count > 0) await recordEvents(tx, [meetingEvent(guardian, meetingId, { type: "report.dilemma_unlinked", payload: { dilemmaId, kind } })]);
  });
}

/** The competences the "new dilemma from a question raised" form offers. */
export async function raisedDilemmaChoices(guardian: Guardian, meetingId: number): Promise<CompetenceChoice[]> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  return listCompetenceChoices();
}

export type RaisedDilemma = { id: number; title: string; created: boolean };

/**
 * A question raised at the meeting becomes a dilemma, linked as raised. It is asked in the
 * name of the member who brought it (by handle) or, without one, of the organiser, through
 * the one way a dilemma is asked (createDilemma): the ask form's rules apply (title, text,
 * 1–5 current competences), and the form's submissionId makes a double submission find the
 * first dilemma, in the author's name.
 */
export async function createRaisedDilemma(guardian: Guardian, meetingId: number, input: RaisedDilemmaInput): Promise<RaisedDilemma> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  const { author, ...question } = parseOrInvalid(RaisedDilemmaSchema, input);
  const authorId = author ? await memberIdByHandle(author) : undefined;
  const raise = () =>
    db.$transaction(async (tx) => {
      await lockMeetingRow(tx, meetingId, "share");
      guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId, tx));
      const dilemma = await createDilemma(guardian, question, { client: tx, authorId });
      await link(guardian, tx, meetingId, dilemma.id, "raised");
      return dilemma;
    });
  try {
    return await raise();
  } catch (error) {
    // Two copies of the form at the same moment: the unique index let one through, and the
    // second, tried again, finds that one's dilemma (created: false) and links it.
    if (question.submissionId && isUniqueViolation(error)) return raise();
    throw error;
  }
}

/** A dilemma everyone may see, or Invalid on the "dilemma" field (gone and hidden read alike). */
async function ensureLinkable(client: Prisma.TransactionClient, dilemmaId: number) {
  const found = await client.dilemma.findFirst({ where: { id: dilemmaId, hiddenAt: null }, select: { id: true } });
  if (!found) throw new Invalid({ dilemma: ["meetings.errors.dilemmaNotFound"] });
}

async function memberIdByHandle(handle: string): Promise<number> {
  const user = await db.user.findFirst({ where: { handle, erasedAt: null }, select: { id: true } });
  if (!user) throw new Invalid({ author: [`meetings.errors.unknownHandle?handle=${encodeURIComponent(handle)}`] });
  return user.id;
}
