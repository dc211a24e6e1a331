import type { Prisma } from "~/generated/prisma/client";
import type { MeetingStatus } from "~/generated/prisma/enums";
import { NOT_HELD_YET, type Guardian, type MeetingRef } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { Invalid, NotFound } from "~/platform/errors.server";
import { markdownToPlainText } from "~/platform/markdown.server";
import { amsterdamToday, endOfMeetingDay } from "./dates";

// What every meeting rule needs to know about a meeting (its MeetingRef), and the newest
// report for the home page. Writing reports: reports.server.ts; the agenda: agenda.server.ts;
// links to dilemmas: links.server.ts; the pages: pages.server.ts; iCalendar: calendar.server.ts.

/** Revisions of a report's title and summary (Revision.subjectType). */
export const REPORT_REVISION_SUBJECT = "report";

export const meetingRefSelect = {
  id: true,
  status: true,
  heldOn: true,
  startsAt: true,
  agendaOpenedAt: true,
} as const;

export type MeetingRefWithId = MeetingRef & { id: number };

type MeetingRefRow = {
  id: number;
  status: MeetingStatus;
  heldOn: Date;
  startsAt: Date | null;
  agendaOpenedAt: Date | null;
};

/**
 * The agenda takes proposals and votes once an organiser opened it, until the meeting begins
 * (its start time, or the end of its day when only the date is known). After that the
 * organisers make it the meeting's report.
 */
export function isAgendaOpen(row: Omit<MeetingRefRow, "id">, now = new Date()): boolean {
  if (row.status !== "upcoming" || !row.agendaOpenedAt || row.agendaOpenedAt > now) return false;
  return now < (row.startsAt ?? endOfMeetingDay(row.heldOn));
}

/** The meeting's day has come in Amsterdam (a report may be written on the day itself). */
export function isHeld(heldOn: Date, now = new Date()): boolean {
  return heldOn.getTime() <= amsterdamToday(now).getTime();
}

export function toMeetingRef(row: MeetingRefRow, now = new Date()): MeetingRefWithId {
  return { id: row.id, status: row.status, agendaOpen: isAgendaOpen(row, now), held: isHeld(row.heldOn, now) };
}

/**
 * A report before its meeting is a mistake to fix, not a forbidden act: a message on the page
 * (400) instead of the Guardian's 403, when that is the only reason it refuses.
 */
export function refuseBeforeHeld(denial: string | null, field = ""): void {
  if (denial === NOT_HELD_YET) throw new Invalid({ [field]: ["forum.meetings.notHeldYet"] });
}

/** A report's date must not be in the future (Amsterdam's today): a message beside the date. */
export function ensureReportDateNotFuture(isoDate: string, now = new Date()): void {
  if (!isHeld(new Date(`${isoDate}T00:00:00.000Z`), now)) throw new Invalid({ heldOn: ["forum.meetings.reportDateInFuture"] });
}

/** The meeting's ref, or NotFound when it does not exist or the viewer may not see it (drafts). */
export async function findMeetingRef(
  guardian: Guardian,
  id: number,
  client: Prisma.TransactionClient = db,
): Promise<MeetingRefWithId> {
  const row = Number.isSafeInteger(id) ? await client.meeting.findUnique({ where: { id }, select: meetingRefSelect }) : null;
  if (!row) throw new NotFound("meeting");
  const ref = toMeetingRef(row);
  guardian.ensureCanSeeMeeting(ref);
  return ref;
}

/** One change at a time per meeting: votes, conversion and edits wait for each other. */
export async function lockMeetingRow(tx: Prisma.TransactionClient, id: number, mode: "update" | "share" = "update") {
  if (mode === "share") await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${id} FOR SHARE`;
  else await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${id} FOR UPDATE`;
}

export type ReportSummary = {
  id: number;
  title: string;
  heldOn: Date;
  place: string;
  hostOrganisation: string;
  summaryHtml: string;
  takeaways: string[];
  contributors: string[];
  raised: { id: number; title: string }[];
  /** The summary's first lines as plain text, for a short card. */
  excerpt: string;
};

/** The newest published report, for the home page. */
export async function getLatestReport(guardian: Guardian): Promise<ReportSummary | null> {
  const meeting = await db.meeting.findFirst({
    where: { ...guardian.visibleReportsWhere(), status: "published" },
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      heldOn: true,
      place: true,
      hostOrganisation: true,
      summaryHtml: true,
      summaryMd: true,
      takeaways: true,
      contributors: true,
      dilemmas: {
        where: { kind: "raised", dilemma: guardian.visibleDilemmasWhere() },
        orderBy: { dilemmaId: "asc" },
        select: { dilemma: { select: { id: true, title: true } } },
      },
    },
  });
  if (!meeting) return null;
  const { dilemmas, summaryMd, ...rest } = meeting;
  return { ...rest, raised: dilemmas.map((d) => d.dilemma), excerpt: markdownToPlainText(summaryMd, 220) };
}

export type NextMeeting = {
  id: number;
  title: string;
  heldOn: Date;
  startsAt: Date | null;
  place: string;
  agendaOpen: boolean;
};

/**
 * The first meeting still to come (today or later in Amsterdam), for the home page's card. A
 * meeting planned for a day that has passed is not "next", whatever its status says.
 */
export async function getNextMeeting(guardian: Guardian, now = new Date()): Promise<NextMeeting | null> {
  const row = await db.meeting.findFirst({
    where: { AND: [guardian.visibleMeetingsWhere(), { status: "upcoming", heldOn: { gte: amsterdamToday(now) } }] },
    orderBy: [{ heldOn: "asc" }, { startsAt: "asc" }, { id: "asc" }],
    select: { ...meetingRefSelect, title: true, place: true },
  });
  if (!row) return null;
  return { id: row.id, title: row.title, heldOn: row.heldOn, startsAt: row.startsAt, place: row.place, agendaOpen: isAgendaOpen(row, now) };
}
