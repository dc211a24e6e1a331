import { parseOrInvalid } from "~/platform/validate.server";
import type { Prisma } from "~/generated/prisma/client";
import { memberIdOf, type Guardian } from "~/guardian/guardian.server";
import { db, inTransaction } from "~/platform/db.server";
import { Invalid } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { publishedAnywayEvents, type PublishedAnyway } from "~/privacy/published-anyway";
import { renderMarkdown } from "~/platform/markdown.server";
import { meetingEvent } from "./events";
import { amsterdamToUtc, dateOnly, toDateInput, toTimeInput } from "./dates";
import { ensureReportDateNotFuture, findMeetingRef, lockMeetingRow, refuseBeforeHeld, REPORT_REVISION_SUBJECT } from "./meetings.server";
import { loadReportView, type ReportView } from "./report-view.server";
import {
  ReportSchema,
  UpcomingMeetingSchema,
  type ReportInput,
  type ReportValues,
  type UpcomingMeetingInput,
} from "./schemas";

// Writing meetings and reports (organisers and admins): plan an upcoming meeting, write a
// report, edit either, publish a report, delete a meeting. A report's title and summary are
// words people quote, so every change keeps the previous ones as a Revision, as posts do.
// The agenda (upcoming → report) is agenda.server.ts; links to dilemmas are links.server.ts.
// Every change records its event in its transaction (events.ts).

type Client = Prisma.TransactionClient;

export type SavedMeeting = { id: number };

/** Write in the caller's transaction (an import); `imported`: history, the operator only. */
export type ReportWriteOptions = { client?: Client; imported?: { at: Date } } & PublishedAnyway;

/** Plan a meeting: date, times and place, for the invitation and the calendar. */
export async function createUpcomingMeeting(guardian: Guardian, input: UpcomingMeetingInput): Promise<SavedMeeting> {
  guardian.ensureCanCreateMeeting();
  const values = parseOrInvalid(UpcomingMeetingSchema, input);
  return db.$transaction(async (tx) => {
    const created = await tx.meeting.create({
      data: { ...upcomingData(values), status: "upcoming", agendaOpenedAt: values.openAgenda ? new Date() : null },
      select: { id: true },
    });
    await recordEvents(tx, [meetingEvent(guardian, created.id, { type: "meeting.created", payload: { status: "upcoming", imported: false } })]);
    return created;
  });
}

/** Write a report of a meeting that was not planned here: it starts as a draft. */
export async function createReport(guardian: Guardian, input: ReportInput, options: ReportWriteOptions = {}): Promise<SavedMeeting> {
  guardian.ensureCanCreateMeeting();
  if (options.imported) guardian.ensureCanImportHistory();
  const values = parseOrInvalid(ReportSchema, input);
  const at = options.imported?.at ?? new Date();
  ensureReportDateNotFuture(values.heldOn, at);
  return inTransaction(options.client ?? db, async (tx) => {
    const memberIds = await resolveContributorHandles(tx, values.contributorHandles);
    const created = await tx.meeting.create({
      data: {
        ...reportData(values),
        status: "draft",
        createdAt: at,
        updatedAt: at,
        contributorMembers: { create: memberIds.map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    const imported = options.imported !== undefined;
    await recordEvents(tx, [
      meetingEvent(guardian, created.id, { type: "meeting.created", payload: { status: "draft", imported } }),
      ...publishedAnywayEvents(options.privacyOverridden, { post: "report", id: created.id, dilemmaId: null }, guardian.userId),
    ]);
    return created;
  });
}

export type MeetingForEdit =
  | { id: number; status: "upcoming"; values: Record<keyof UpcomingMeetingInput, string> }
  | { id: number; status: "draft" | "published"; values: Record<keyof ReportInput, string> };

/** The edit form's values, as the form's fields hold them (lists one per line). */
export async function getMeetingForEdit(guardian: Guardian, id: number): Promise<MeetingForEdit> {
  const ref = await findMeetingRef(guardian, id);
  guardian.ensureCanEditMeeting(ref);
  const m = await db.meeting.findUniqueOrThrow({
    where: { id },
    select: {
      title: true,
      heldOn: true,
      startsAt: true,
      endsAt: true,
      place: true,
      hostOrganisation: true,
      summaryMd: true,
      takeaways: true,
      contributors: true,
      contributorMembers: { select: { user: { select: { handle: true } } }, orderBy: { user: { displayName: "asc" } } },
    },
  });
  const common = { title: m.title, heldOn: toDateInput(m.heldOn), place: m.place, hostOrganisation: m.hostOrganisation };
  if (ref.status === "upcoming") {
    return {
      id,
      status: "upcoming",
      values: {
        ...common,
        startTime: m.startsAt ? toTimeInput(m.startsAt) : "",
        endTime: m.endsAt ? toTimeInput(m.endsAt) : "",
        openAgenda: "",
      },
    };
  }
  return {
    id,
    status: ref.status,
    values: {
      ...common,
      contributors: m.contributors.join("\n"),
      contributorHandles: m.contributorMembers.map((c) => c.user.handle).join("\n"),
      summary: m.summaryMd,
      takeaways: m.takeaways.join("\n"),
    },
  };
}

/** Change an upcoming meeting's title, date, times or place (its agenda stays). */
export async function editUpcomingMeeting(guardian: Guardian, id: number, input: UpcomingMeetingInput): Promise<SavedMeeting> {
  guardian.ensureCanEditMeeting(await findMeetingRef(guardian, id));
  const values = parseOrInvalid(UpcomingMeetingSchema, input);
  return db.$transaction(async (tx) => {
    await lockMeetingRow(tx, id);
    const ref = await findMeetingRef(guardian, id, tx);
    guardian.ensureCanEditMeeting(ref);
    // Made into its report meanwhile: the report form is the one to use now.
    if (ref.status !== "upcoming") throw new Invalid({ "": ["meetings.errors.changedMeanwhile"] });
    const saved = await tx.meeting.update({ where: { id }, data: { ...upcomingData(values), updatedAt: new Date() }, select: { id: true } });
    await recordEvents(tx, [meetingEvent(guardian, id, { type: "meeting.changed", payload: {} })]);
    return saved;
  });
}

export type EditedReport = { id: number; changed: boolean };

/** Save a report (draft or published); a Revision keeps the title and summary it replaces. */
export async function editReport(guardian: Guardian, id: number, input: ReportInput, options: PublishedAnyway = {}): Promise<EditedReport> {
  guardian.ensureCanEditMeeting(await findMeetingRef(guardian, id));
  const values = parseOrInvalid(ReportSchema, input);
  ensureReportDateNotFuture(values.heldOn);
  const editorId = memberIdOf(guardian);
  return db.$transaction(async (tx) => {
    // The rules again under the lock, and one save at a time: two saves must not both keep
    // the same "previous" text.
    await lockMeetingRow(tx, id);
    const ref = await findMeetingRef(guardian, id, tx);
    guardian.ensureCanEditMeeting(ref);
    if (ref.status === "upcoming") throw new Invalid({ "": ["meetings.errors.changedMeanwhile"] });
    const current = await tx.meeting.findUniqueOrThrow({
      where: { id },
      select: { title: true, summaryMd: true, startsAt: true, endsAt: true },
    });
    const memberIds = await resolveContributorHandles(tx, values.contributorHandles);
    const textChanged = current.title !== values.title || current.summaryMd !== values.summary;
    if (textChanged) {
      await tx.revision.create({
        data: { subjectType: REPORT_REVISION_SUBJECT, subjectId: id, title: current.title, bodyMd: current.summaryMd, editorId },
      });
    }
    await tx.meeting.update({
      where: { id },
      data: {
        ...reportData(values),
        // A meeting planned here keeps its hours (the calendar's), moved along with its date.
        startsAt: current.startsAt && amsterdamToUtc(values.heldOn, toTimeInput(current.startsAt)),
        endsAt: current.endsAt && amsterdamToUtc(values.heldOn, toTimeInput(current.endsAt)),
        updatedAt: new Date(),
      },
    });
    await tx.meetingContributor.deleteMany({ where: { meetingId: id, userId: { notIn: memberIds } } });
    await tx.meetingContributor.createMany({
      data: memberIds.map((userId) => ({ meetingId: id, userId })),
      skipDuplicates: true,
    });
    await recordEvents(tx, [
      meetingEvent(guardian, id, { type: "report.edited", payload: { textChanged } }),
      ...publishedAnywayEvents(options.privacyOverridden, { post: "report", id, dilemmaId: null }, editorId),
    ]);
    return { id, changed: textChanged };
  });
}

/** Publish a draft: members see it from now on, dated today (an import: the day it was held). A report needs its summary. */
export async function publishReport(guardian: Guardian, id: number, options: ReportWriteOptions = {}): Promise<SavedMeeting> {
  const client = options.client ?? db;
  const ref = await findMeetingRef(guardian, id, client);
  refuseBeforeHeld(guardian.whyNotPublishReport(ref));
  guardian.ensureCanPublishReport(ref);
  if (options.imported) guardian.ensureCanImportHistory();
  return inTransaction(client, async (tx) => {
    await lockMeetingRow(tx, id);
    const locked = await findMeetingRef(guardian, id, tx);
    refuseBeforeHeld(guardian.whyNotPublishReport(locked));
    guardian.ensureCanPublishReport(locked);
    const { summaryMd } = await tx.meeting.findUniqueOrThrow({ where: { id }, select: { summaryMd: true } });
    if (!summaryMd.trim()) throw new Invalid({ "": ["meetings.errors.summaryRequiredToPublish"] });
    const at = options.imported?.at ?? new Date();
    const published = await tx.meeting.update({
      where: { id },
      data: { status: "published", publishedAt: at, updatedAt: at },
      select: { id: true },
    });
    await recordEvents(tx, [meetingEvent(guardian, id, { type: "report.published", payload: { imported: options.imported !== undefined } })]);
    return published;
  });
}

/**
 * Delete a meeting with its report, agenda, votes, links and report revisions. The dilemmas
 * stay: they belong to their askers, and their threads go on without the meeting.
 */
export async function deleteMeeting(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanDeleteMeeting(await findMeetingRef(guardian, id));
  // The report's files go with it: attachments react to "meeting.deleted" (decision 050).
  await db.$transaction(async (tx) => {
    await lockMeetingRow(tx, id);
    const ref = await findMeetingRef(guardian, id, tx);
    guardian.ensureCanDeleteMeeting(ref);
    const linked = await tx.meetingDilemma.findMany({ where: { meetingId: id }, select: { dilemmaId: true }, distinct: ["dilemmaId"] });
    await tx.revision.deleteMany({ where: { subjectType: REPORT_REVISION_SUBJECT, subjectId: id } });
    const gone = await tx.meeting.delete({ where: { id }, select: { title: true, heldOn: true } });
    const dilemmaIds = linked.map((l) => l.dilemmaId).sort((a, b) => a - b);
    const payload = { status: ref.status, dilemmaIds, title: gone.title, heldOn: gone.heldOn.toISOString().slice(0, 10) };
    await recordEvents(tx, [meetingEvent(guardian, id, { type: "meeting.deleted", payload })]);
  });
}

/**
 * The whole report as members will see it, from the form as typed (not saved): the summary
 * rendered as it will be stored, the linked members and, for a saved report, its dilemmas.
 * Refuses what saving would refuse, so a preview never shows what cannot be published.
 */
export async function previewReport(guardian: Guardian, id: number | null, input: ReportInput): Promise<ReportView> {
  if (id === null) guardian.ensureCanCreateMeeting();
  else guardian.ensureCanEditMeeting(await findMeetingRef(guardian, id));
  const values = parseOrInvalid(ReportSchema, input);
  ensureReportDateNotFuture(values.heldOn);
  const memberIds = await resolveContributorHandles(db, values.contributorHandles);
  const saved = id === null ? null : await loadReportView(guardian, id);
  const members = await db.user.findMany({
    where: { id: { in: memberIds } },
    select: { handle: true, displayName: true, organisation: true, photoId: true },
    orderBy: { displayName: "asc" },
  });
  return {
    id,
    status: saved?.status ?? "draft",
    title: values.title,
    heldOn: dateOnly(values.heldOn),
    place: values.place,
    hostOrganisation: values.hostOrganisation,
    publishedAt: saved?.publishedAt ?? null,
    summaryHtml: renderMarkdown(values.summary),
    takeaways: values.takeaways,
    contributors: values.contributors,
    members,
    raised: saved?.raised ?? [],
    discussed: saved?.discussed ?? [],
    competences: saved?.competences ?? [],
    edited: saved?.edited ?? false,
  };
}

/** Member ids for the handles, or Invalid naming each handle that is not a (current) member. */
async function resolveContributorHandles(client: Client, handles: string[]): Promise<number[]> {
  if (handles.length === 0) return [];
  const found = await client.user.findMany({
    where: { handle: { in: handles }, erasedAt: null },
    select: { id: true, handle: true },
  });
  const known = new Set(found.map((u) => u.handle.toLowerCase()));
  const unknown = handles.filter((h) => !known.has(h));
  if (unknown.length) {
    throw new Invalid({ contributorHandles: unknown.map((h) => `meetings.errors.unknownHandle?handle=${encodeURIComponent(h)}`) });
  }
  return found.map((u) => u.id);
}

function upcomingData(values: ReturnType<typeof UpcomingMeetingSchema.parse>) {
  return {
    title: values.title,
    heldOn: dateOnly(values.heldOn),
    startsAt: values.startTime ? amsterdamToUtc(values.heldOn, values.startTime) : null,
    endsAt: values.endTime ? amsterdamToUtc(values.heldOn, values.endTime) : null,
    place: values.place,
    hostOrganisation: values.hostOrganisation,
  };
}

function reportData(values: ReportValues) {
  return {
    title: values.title,
    heldOn: dateOnly(values.heldOn),
    place: values.place,
    hostOrganisation: values.hostOrganisation,
    contributors: values.contributors,
    summaryMd: values.summary,
    summaryHtml: renderMarkdown(values.summary),
    takeaways: values.takeaways,
  };
}
