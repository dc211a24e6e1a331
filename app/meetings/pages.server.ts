import type { MeetingStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { markdownToPlainText } from "~/platform/markdown.server";
import { amsterdamToday } from "./dates";
import { findMeetingRef, isAgendaOpen, meetingRefSelect } from "./meetings.server";
import {
  linkedDilemmaSelect,
  loadReportView,
  toLinkedDilemma,
  type LinkedDilemma,
  type ReportView,
} from "./report-view.server";

// What the meetings pages show: the list (upcoming meetings with their agenda on top, then
// the reports, newest first), one meeting's page (its agenda while upcoming, its report once
// held), and the reports a competence page lists. Each comes with the permission flags the
// page needs, so the UI never re-derives policy.

export const REPORTS_PAGE_SIZE = 20;

export type UpcomingEntry = {
  id: number;
  title: string;
  heldOn: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string;
  agendaOpen: boolean;
  agendaCount: number;
};

export type ReportEntry = {
  id: number;
  title: string;
  heldOn: Date;
  place: string;
  hostOrganisation: string;
  status: MeetingStatus;
  excerpt: string;
  dilemmaCount: number;
};

export type MeetingList = {
  upcoming: UpcomingEntry[];
  /** Held (their day passed) but still without a report: not "coming" any more. */
  awaitingReport: { id: number; title: string; heldOn: Date }[];
  reports: ReportEntry[];
  page: number;
  pageCount: number;
  can: { create: boolean };
};

export async function listMeetings(guardian: Guardian, page = 1): Promise<MeetingList> {
  const reportsWhere = { AND: [guardian.visibleMeetingsWhere(), { status: { in: ["draft", "published"] as MeetingStatus[] } }] };
  const [upcomingRows, reportCount] = await Promise.all([
    db.meeting.findMany({
      // Upcoming is today or later: a meeting planned for a day that passed (its report not
      // written yet) is not listed as coming.
      where: { AND: [guardian.visibleMeetingsWhere(), { status: "upcoming", heldOn: { gte: amsterdamToday() } }] },
      orderBy: [{ heldOn: "asc" }, { startsAt: "asc" }, { id: "asc" }],
      select: {
        ...meetingRefSelect,
        title: true,
        endsAt: true,
        place: true,
        _count: { select: { dilemmas: { where: { kind: "agenda", dilemma: guardian.visibleDilemmasWhere() } } } },
      },
    }),
    db.meeting.count({ where: reportsWhere }),
  ]);
  const awaitingReport = await db.meeting.findMany({
    where: { AND: [guardian.visibleMeetingsWhere(), { status: "upcoming", heldOn: { lt: amsterdamToday() } }] },
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    select: { id: true, title: true, heldOn: true },
  });
  const pageCount = Math.max(1, Math.ceil(reportCount / REPORTS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const reportRows = await db.meeting.findMany({
    where: reportsWhere,
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    skip: (current - 1) * REPORTS_PAGE_SIZE,
    take: REPORTS_PAGE_SIZE,
    select: {
      id: true,
      title: true,
      heldOn: true,
      place: true,
      hostOrganisation: true,
      status: true,
      summaryMd: true,
      dilemmas: {
        where: { kind: { in: ["raised", "discussed"] }, dilemma: guardian.visibleDilemmasWhere() },
        select: { dilemmaId: true },
      },
    },
  });
  return {
    upcoming: upcomingRows.map((m) => ({
      id: m.id,
      title: m.title,
      heldOn: m.heldOn,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.place,
      agendaOpen: isAgendaOpen(m),
      agendaCount: m._count.dilemmas,
    })),
    awaitingReport,
    reports: reportRows.map(({ summaryMd, dilemmas, ...m }) => ({
      ...m,
      excerpt: markdownToPlainText(summaryMd, 240),
      // A dilemma both raised and discussed counts once.
      dilemmaCount: new Set(dilemmas.map((d) => d.dilemmaId)).size,
    })),
    page: current,
    pageCount,
    can: { create: guardian.canCreateMeeting() },
  };
}

export type AgendaItem = {
  dilemma: LinkedDilemma;
  votes: number;
  votedByViewer: boolean;
  proposedBy: AuthorView;
};

export type MeetingHeader = {
  id: number;
  title: string;
  heldOn: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string;
  hostOrganisation: string;
  status: MeetingStatus;
  agendaOpen: boolean;
  /** Its day has come: only then a report (see Guardian.whyNotConvertToReport). */
  held: boolean;
};

export type MeetingPage = {
  meeting: MeetingHeader;
  /** While upcoming: the agenda, most votes first. */
  agenda: AgendaItem[] | null;
  /** Once held: the report (a draft only for staff). */
  report: ReportView | null;
  can: {
    edit: boolean;
    delete: boolean;
    publish: boolean;
    link: boolean;
    openAgenda: boolean;
    closeAgenda: boolean;
    propose: boolean;
    vote: boolean;
    removeAgendaItem: boolean;
    convert: boolean;
    /** Report a published report to the organisers (moderation's flag page). */
    flag: boolean;
  };
};

/** One meeting's page; NotFound for a draft the viewer may not see (and for none at all). */
export async function getMeetingPage(guardian: Guardian, id: number): Promise<MeetingPage> {
  const ref = await findMeetingRef(guardian, id);
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id },
    select: { ...meetingRefSelect, title: true, endsAt: true, place: true, hostOrganisation: true },
  });
  const upcoming = ref.status === "upcoming";
  const [agenda, report] = await Promise.all([
    upcoming ? loadAgenda(guardian, id) : null,
    upcoming ? null : loadReportView(guardian, id),
  ]);
  const { agendaOpenedAt: _opened, ...header } = meeting;
  return {
    meeting: { ...header, agendaOpen: ref.agendaOpen, held: ref.held },
    agenda,
    report,
    can: {
      edit: guardian.canEditMeeting(ref),
      delete: guardian.canDeleteMeeting(ref),
      publish: guardian.canPublishReport(ref),
      link: guardian.canLinkDilemmas(ref),
      openAgenda: guardian.canOpenAgenda(ref),
      closeAgenda: guardian.canCloseAgenda(ref),
      propose: guardian.canProposeAgendaItem(ref),
      vote: guardian.canVoteOnAgenda(ref),
      removeAgendaItem: guardian.canRemoveAgendaItem(ref),
      convert: guardian.canConvertToReport(ref),
      flag: ref.status === "published" && guardian.canFlagPost({ authorId: null, hiddenAt: null }),
    },
  };
}

async function loadAgenda(guardian: Guardian, meetingId: number): Promise<AgendaItem[]> {
  const userId = guardian.userId;
  const [items, myVotes] = await Promise.all([
    db.meetingDilemma.findMany({
      where: { meetingId, kind: "agenda", dilemma: guardian.visibleDilemmasWhere() },
      // Most votes first; among equals, what was proposed first.
      orderBy: [{ votes: "desc" }, { createdAt: "asc" }, { dilemmaId: "asc" }],
      select: { votes: true, proposedBy: authorSelect, dilemma: { select: linkedDilemmaSelect } },
    }),
    userId === null
      ? []
      : db.meetingVote.findMany({ where: { meetingId, userId }, select: { dilemmaId: true } }),
  ]);
  const voted = new Set(myVotes.map((v) => v.dilemmaId));
  return items.map((item) => ({
    dilemma: toLinkedDilemma(item.dilemma),
    votes: item.votes,
    votedByViewer: voted.has(item.dilemma.id),
    proposedBy: item.proposedBy ? toAuthorView(item.proposedBy) : null,
  }));
}

/** A published report that linked a dilemma with the competence: the competence page's "Verslagen". */
export type CompetenceReport = { id: number; title: string; heldOn: Date };

/**
 * Published reports whose linked dilemmas (raised or discussed, visible to the viewer) carry
 * the competence, newest meeting first. For the competence page (`/competences/:slug`).
 */
export async function listReportsForCompetence(guardian: Guardian, competenceId: number, limit = 50): Promise<CompetenceReport[]> {
  return db.meeting.findMany({
    where: {
      AND: [
        guardian.visibleReportsWhere(),
        { status: "published" },
        {
          dilemmas: {
            some: {
              kind: { in: ["raised", "discussed"] },
              dilemma: { AND: [guardian.visibleDilemmasWhere(), { competences: { some: { competenceId } } }] },
            },
          },
        },
      ],
    },
    orderBy: [{ heldOn: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, title: true, heldOn: true },
  });
}
