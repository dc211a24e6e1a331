import type { DilemmaStatus, MeetingStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { loadEdits, type Edit } from "~/revisions/history.server";
import { findMeetingRef, REPORT_REVISION_SUBJECT } from "./meetings.server";
import { competenceTagsSelect, toCompetenceTags } from "~/competences/tags";

// A report as its page shows it (and as the edit form's preview shows it before saving): the
// text, who contributed, the dilemmas raised and discussed at the meeting (those the viewer
// may see), and the competences those dilemmas carry.

export type CompetenceLink = { slug: string; nameNl: string; nameEn: string; retired: boolean };

export type LinkedDilemma = {
  id: number;
  title: string;
  status: DilemmaStatus;
  replyCount: number;
  /** Only staff and the asker see a hidden dilemma; the page says it is hidden. */
  hidden: boolean;
  competences: CompetenceLink[];
};

export type ReportView = {
  /** Null in the preview of a report not saved yet. */
  id: number | null;
  status: MeetingStatus;
  title: string;
  heldOn: Date;
  place: string;
  hostOrganisation: string;
  publishedAt: Date | null;
  summaryHtml: string;
  takeaways: string[];
  /** Contributors named by their role ("a social broker from …"). */
  contributors: string[];
  /** Contributors who are members, linked to their profiles. */
  members: { handle: string; displayName: string; organisation: string | null; photoId: number | null }[];
  raised: LinkedDilemma[];
  discussed: LinkedDilemma[];
  /** Every competence the linked dilemmas carry, once, by Dutch name. */
  competences: CompetenceLink[];
  /** Whether the title or summary changed after publication (the earlier text is kept as a revision). */
  edited: boolean;
};

export const linkedDilemmaSelect = {
  id: true,
  title: true,
  status: true,
  replyCount: true,
  hiddenAt: true,
  competences: competenceTagsSelect,
} as const;

type LinkedDilemmaRow = {
  id: number;
  title: string;
  status: DilemmaStatus;
  replyCount: number;
  hiddenAt: Date | null;
  competences: { competence: { slug: string; nameNl: string; nameEn: string; retiredAt: Date | null } }[];
};

export function toLinkedDilemma({ hiddenAt, competences, ...d }: LinkedDilemmaRow): LinkedDilemma {
  return {
    ...d,
    hidden: hiddenAt !== null,
    competences: toCompetenceTags(competences),
  };
}

/** The report of a meeting the caller already checked the viewer may see. */
export async function loadReportView(guardian: Guardian, id: number): Promise<ReportView> {
  const [m, lastRevision] = await Promise.all([
    db.meeting.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        status: true,
        title: true,
        heldOn: true,
        place: true,
        hostOrganisation: true,
        publishedAt: true,
        summaryHtml: true,
        takeaways: true,
        contributors: true,
        contributorMembers: {
          where: { user: { erasedAt: null } },
          select: { user: { select: { handle: true, displayName: true, organisation: true, photoId: true } } },
          orderBy: { user: { displayName: "asc" } },
        },
        dilemmas: {
          where: { kind: { in: ["raised", "discussed"] }, dilemma: guardian.visibleDilemmasWhere() },
          orderBy: [{ createdAt: "asc" }, { dilemmaId: "asc" }],
          select: { kind: true, dilemma: { select: linkedDilemmaSelect } },
        },
      },
    }),
    db.revision.findFirst({
      where: { subjectType: REPORT_REVISION_SUBJECT, subjectId: id },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
  ]);
  const { contributorMembers, dilemmas, ...rest } = m;
  const linked = dilemmas.map((l) => ({ kind: l.kind, dilemma: toLinkedDilemma(l.dilemma) }));
  return {
    ...rest,
    members: contributorMembers.map((c) => c.user),
    raised: linked.filter((l) => l.kind === "raised").map((l) => l.dilemma),
    discussed: linked.filter((l) => l.kind === "discussed").map((l) => l.dilemma),
    competences: competencesOf(linked.map((l) => l.dilemma)),
    edited: m.publishedAt !== null && lastRevision !== null && lastRevision.createdAt > m.publishedAt,
  };
}

/** The competences of these dilemmas, each once, sorted by Dutch name. */
export function competencesOf(dilemmas: LinkedDilemma[]): CompetenceLink[] {
  const bySlug = new Map<string, CompetenceLink>();
  for (const d of dilemmas) for (const c of d.competences) bySlug.set(c.slug, c);
  return [...bySlug.values()].sort((a, b) => a.nameNl.localeCompare(b.nameNl, "nl"));
}

export type ReportHistory = { id: number; title: string; edits: Edit[] };

/** A report's earlier versions, for whoever may see the report (drafts: staff only). */
export async function getReportHistory(guardian: Guardian, id: number): Promise<ReportHistory> {
  await findMeetingRef(guardian, id);
  const report = await db.meeting.findUniqueOrThrow({ where: { id }, select: { title: true, summaryMd: true } });
  const current = { title: report.title, bodyMd: report.summaryMd };
  return { id, title: report.title, edits: await loadEdits(REPORT_REVISION_SUBJECT, id, current) };
}
