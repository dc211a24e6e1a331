import { Guardian } from "~/guardian/guardian.server";
import type { MemberViewer } from "~/guardian/viewer";
import type { Tx } from "~/platform/events/event";
import { dilemmaPath } from "~/dilemmas/paths";
import { meetingPath, MEETINGS_PATH } from "~/meetings/paths";
import { replyPermalink } from "~/replies/paths";
import { MEMBER_KINDS } from "./kinds";

// Notification rows as a member may see them: each with who did it, what it concerns and where
// it leads (a reply's permalink, which finds its page in the thread). The Guardian of the
// recipient decides: a hidden or deleted post, a hidden dilemma or a draft report the member
// may not see leaves the row out, so no inbox, mail or digest ever shows it.

export type NotificationRow = {
  id: number;
  userId: number;
  kind: string;
  actorId: number | null;
  dilemmaId: number | null;
  replyId: number | null;
  meetingId: number | null;
  threadKey: string;
  label: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type NotificationView = {
  id: number;
  kind: string;
  /** Who did it; null: the operator, or a member whose account was erased. */
  actor: string | null;
  /** The dilemma's or meeting's title (or a cancelled meeting's label). */
  title: string;
  /** The first words of the reply or dilemma it concerns, when the mail quotes it. */
  excerpt: string | null;
  /** Site path it leads to. */
  href: string;
  /** The dilemma and reply it concerns, if any (a reply by mail answers there). */
  dilemmaId: number | null;
  replyId: number | null;
  createdAt: Date;
  read: boolean;
};

export const JOIN_REQUESTS_PATH = "/circle/requests";
/** A member's own standing (warnings, a suspension): moderation's page (decision 027). */
export const STANDING_PATH = "/standing";

/** The recipient as the Guardian knows them, from their row (with what limits their writing,
 *  where the caller read it: a suspension that still lasts, an older privacy statement). */
export function recipientGuardian(
  user: { id: number; handle: string; displayName: string; role: MemberViewer["role"]; locale: string },
  limits: { suspendedUntil?: Date | null; consentNeeded?: boolean } = {},
): Guardian {
  const suspended = limits.suspendedUntil && limits.suspendedUntil.getTime() > Date.now() ? { suspendedUntil: limits.suspendedUntil } : {};
  return new Guardian({
    kind: "member",
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    ...suspended,
    ...(limits.consentNeeded ? { consentNeeded: true } : {}),
  });
}

const EXCERPT = 280;
function excerptOf(markdown: string): string {
  const plain = markdown.replace(/[#>*_`~[\]]+/g, "").replace(/\s+/g, " ").trim();
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1).trimEnd()}…` : plain;
}

/** The rows this member may see, in the given order, described. */
export async function presentNotifications(tx: Tx, guardian: Guardian, rows: NotificationRow[]): Promise<NotificationView[]> {
  return presentWith(await loadSubjects(tx, rows), guardian, rows);
}

/** What the rows are about (replies, dilemmas, meetings, actors), read in four statements. */
export type Subjects = Awaited<ReturnType<typeof loadSubjects>>;

/**
 * Reads the subjects of many members' rows at once (a digest of a hundred members: four
 * statements, not four hundred); presentWith then applies each member's own Guardian.
 */
export async function loadSubjects(tx: Tx, rows: NotificationRow[]) {
  const ids = (pick: (r: NotificationRow) => number | null) => [...new Set(rows.map(pick).filter((x): x is number => x !== null))];
  const [replies, dilemmas, meetings, actors] = await Promise.all([
    tx.reply.findMany({
      where: { id: { in: ids((r) => r.replyId) } },
      select: { id: true, authorId: true, hiddenAt: true, deletedByAuthorAt: true, bodyMd: true },
    }),
    tx.dilemma.findMany({
      where: { id: { in: ids((r) => r.dilemmaId) } },
      select: { id: true, title: true, bodyMd: true, authorId: true, lockedAt: true, hiddenAt: true, author: { select: { erasedAt: true } } },
    }),
    tx.meeting.findMany({ where: { id: { in: ids((r) => r.meetingId) } }, select: { id: true, title: true, status: true } }),
    tx.user.findMany({ where: { id: { in: ids((r) => r.actorId) } }, select: { id: true, displayName: true, erasedAt: true } }),
  ]);
  const replyById = new Map(replies.map((r) => [r.id, r]));
  const dilemmaById = new Map(dilemmas.map((d) => [d.id, { ...d, authorErasedAt: d.author.erasedAt }]));
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const actorById = new Map(actors.map((a) => [a.id, a.erasedAt ? null : a.displayName]));
  return { replyById, dilemmaById, meetingById, actorById };
}

/** The rows `guardian` may see, in the given order, described from subjects already read. */
export function presentWith(subjects: Subjects, guardian: Guardian, rows: NotificationRow[]): NotificationView[] {
  const { replyById, dilemmaById, meetingById, actorById } = subjects;
  const views: NotificationView[] = [];
  for (const row of rows) {
    const dilemma = row.dilemmaId ? dilemmaById.get(row.dilemmaId) : undefined;
    const reply = row.replyId ? replyById.get(row.replyId) : undefined;
    const meeting = row.meetingId ? meetingById.get(row.meetingId) : undefined;
    if (row.dilemmaId && (!dilemma || !guardian.canSeeDilemma(dilemma))) continue;
    if (row.replyId && (!reply || !dilemma || !guardian.canSeeReply({ ...reply, dilemma }))) continue;
    let title: string;
    let href: string;
    if (row.kind === "meeting_cancelled") {
      title = row.label ?? "";
      href = MEETINGS_PATH;
    } else if (row.kind === "join_request") {
      title = "";
      href = JOIN_REQUESTS_PATH;
    } else if (MEMBER_KINDS.has(row.kind)) {
      title = "";
      href = STANDING_PATH;
    } else if (row.meetingId && !row.dilemmaId) {
      if (!meeting || !guardian.canSeeMeeting({ status: meeting.status, agendaOpen: false, held: true })) continue;
      title = meeting.title;
      href = meetingPath(meeting);
    } else if (dilemma) {
      if (row.meetingId && (!meeting || !guardian.canSeeMeeting({ status: meeting.status, agendaOpen: false, held: true }))) continue;
      title = dilemma.title;
      href = reply ? replyPermalink(reply.id) : row.meetingId && meeting ? meetingPath(meeting) : dilemmaPath(dilemma);
    } else continue;
    views.push({
      id: row.id,
      kind: row.kind,
      actor: row.actorId ? (actorById.get(row.actorId) ?? null) : null,
      title,
      excerpt: reply ? excerptOf(reply.bodyMd) : dilemma && (row.kind === "new_dilemma" || row.kind === "mention") ? excerptOf(dilemma.bodyMd) : null,
      href,
      dilemmaId: dilemma ? row.dilemmaId : null,
      replyId: reply ? row.replyId : null,
      createdAt: row.createdAt,
      read: row.readAt !== null,
    });
  }
  return views;
}
