import { Prisma } from "~/generated/prisma/client";
import { listCompetenceChoices, resolveCompetenceIds, type CompetenceChoice } from "~/dilemmas/competence-tags.server";
import { parseOrInvalid } from "~/dilemmas/validate.server";
import type { DilemmaStatus, MeetingDilemmaKind } from "~/generated/prisma/enums";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { indexDilemma, indexReport } from "~/search/indexer.server";
import { findMeetingRef, lockMeetingRow } from "./meetings.server";
import { LinkDilemmaSchema, parseDilemmaReference, RaisedDilemmaSchema, type LinkKind, type RaisedDilemmaInput } from "./schemas";

// A report's links to dilemmas: raised at the meeting (a question someone brought), or
// discussed there. Organisers link existing dilemmas, or turn a question raised into a new
// dilemma in one step. Only dilemmas everyone may see can be linked: a report is public, and
// a hidden dilemma in it would either leak or leave a hole.

export type DilemmaCandidate = { id: number; title: string; status: DilemmaStatus; replyCount: number };

/**
 * Dilemmas to link or to put on an agenda: by words in the title (ILIKE, served by the title's
 * trigram index) or by number. Hidden ones never; `openOnly` for agendas (an answered
 * question needs no meeting).
 */
export async function searchDilemmas(
  guardian: Guardian,
  query: string,
  options: { openOnly: boolean; limit?: number },
): Promise<DilemmaCandidate[]> {
  const text = query.trim();
  if (!text) return [];
  const id = parseDilemmaReference(text);
  return db.dilemma.findMany({
    where: {
      AND: [
        guardian.visibleDilemmasWhere(),
        { hiddenAt: null },
        options.openOnly ? { status: "open" } : {},
        { OR: [{ title: { contains: text, mode: "insensitive" } }, ...(id ? [{ id }] : [])] },
      ],
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 10,
    select: { id: true, title: true, status: true, replyCount: true },
  });
}

/** Link a dilemma as raised at or discussed at the meeting. Linking twice changes nothing. */
export async function linkDilemma(
  guardian: Guardian,
  meetingId: number,
  input: { dilemma: string | number; kind: string },
): Promise<{ dilemmaId: number; kind: LinkKind }> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  const { dilemma: dilemmaId, kind } = parseOrInvalid(LinkDilemmaSchema, { ...input, dilemma: String(input.dilemma) });
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, meetingId, "share");
    guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId, tx));
    await ensureLinkable(tx, dilemmaId);
    await tx.meetingDilemma.createMany({ data: [{ meetingId, dilemmaId, kind }], skipDuplicates: true });
    await indexReport(meetingId, tx); // a report's competences are its dilemmas'
  });
  return { dilemmaId, kind };
}

export async function unlinkDilemma(guardian: Guardian, meetingId: number, dilemmaId: number, kind: MeetingDilemmaKind): Promise<void> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  if (kind === "agenda") throw new Invalid({ "": ["meetings.errors.changedMeanwhile"] });
  await db.meetingDilemma.deleteMany({ where: { meetingId, dilemmaId, kind } });
  await indexReport(meetingId);
}

/** The competences the "new dilemma from a question raised" form offers. */
export async function raisedDilemmaChoices(guardian: Guardian, meetingId: number): Promise<CompetenceChoice[]> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  return listCompetenceChoices();
}

export type RaisedDilemma = { id: number; title: string; created: boolean };

/**
 * A question raised at the meeting becomes a dilemma, linked as raised. It is asked in the
 * name of the member who brought it (by handle) or, without one, of the organiser. The ask
 * form's rules apply (title, text, 1–5 current competences), and the form's submissionId makes
 * a double submission find the first dilemma, as asking does (createDilemma), in the author's
 * name.
 */
export async function createRaisedDilemma(guardian: Guardian, meetingId: number, input: RaisedDilemmaInput): Promise<RaisedDilemma> {
  guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId));
  const { title, body, competences, submissionId, author } = parseOrInvalid(RaisedDilemmaSchema, input);
  const authorId = author ? await memberIdByHandle(author) : memberIdOf(guardian);
  try {
    return await db.$transaction(async (tx) => {
      await lockMeetingRow(tx, meetingId, "share");
      guardian.ensureCanLinkDilemmas(await findMeetingRef(guardian, meetingId, tx));
      const earlier = submissionId ? await findBySubmission(tx, authorId, submissionId) : null;
      if (earlier) {
        await tx.meetingDilemma.createMany({ data: [{ meetingId, dilemmaId: earlier.id, kind: "raised" }], skipDuplicates: true });
        await indexReport(meetingId, tx);
        return { ...earlier, created: false };
      }
      const competenceIds = await resolveCompetenceIds(tx, competences);
      const dilemma = await tx.dilemma.create({
        data: {
          title,
          bodyMd: body,
          bodyHtml: renderMarkdown(body),
          authorId,
          submissionId: submissionId ?? null,
          competences: { create: competenceIds.map((competenceId) => ({ competenceId })) },
          meetings: { create: { meetingId, kind: "raised" } },
        },
        select: { id: true, title: true },
      });
      await indexDilemma(tx, dilemma.id);
      await indexReport(meetingId, tx);
      return { ...dilemma, created: true };
    });
  } catch (error) {
    // Two copies of the form at the same moment: the unique index let one through.
    if (submissionId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const first = await findBySubmission(db, authorId, submissionId);
      if (first) return { ...first, created: false };
    }
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

function findBySubmission(client: Prisma.TransactionClient, authorId: number, submissionId: string) {
  return client.dilemma.findUnique({
    where: { authorId_submissionId: { authorId, submissionId } },
    select: { id: true, title: true },
  });
}
