import type { Guardian } from "~/guardian/guardian.server";
import type { Announcement, DraftOf } from "~/platform/events/event";

// What the meeting domain announces (decision 014). Subject: the meeting, also for its report
// ("report.…") and its agenda ("meeting.agenda_…"); a dilemma it concerns is in the payload.

type Kind = "raised" | "discussed";

export type MeetingEvents = {
  /** Planned (upcoming), or a report written from scratch (draft), or imported. */
  "meeting.created": { payload: { status: "upcoming" | "draft" | "published"; imported: boolean } };
  /** An upcoming meeting's title, date, times or place changed. */
  "meeting.changed": { payload: Record<string, never> };
  /** title and heldOn (yyyy-mm-dd): the meeting is gone, and a cancellation must still say which. */
  "meeting.deleted": { payload: { status: "upcoming" | "draft" | "published"; dilemmaIds: number[]; title: string; heldOn: string } };
  "meeting.agenda_opened": { payload: Record<string, never> };
  "meeting.agenda_closed": { payload: Record<string, never> };
  "meeting.agenda_item_proposed": { payload: { dilemmaId: number } };
  "meeting.agenda_item_removed": { payload: { dilemmaId: number } };
  "meeting.agenda_vote_cast": { payload: { dilemmaId: number } };
  "meeting.agenda_vote_withdrawn": { payload: { dilemmaId: number } };
  /** The upcoming meeting became its draft report; what was on its agenda, "discussed". */
  "report.drafted": { payload: { discussedDilemmaIds: number[] } };
  "report.edited": { payload: { textChanged: boolean } };
  "report.published": { payload: { imported: boolean } };
  "report.dilemma_linked": { payload: { dilemmaId: number; kind: Kind } };
  "report.dilemma_unlinked": { payload: { dilemmaId: number; kind: Kind } };
};

export type MeetingEvent = DraftOf<MeetingEvents>;

/** The meeting's event, done by the viewer. */
export const meetingEvent = (guardian: Guardian, meetingId: number, e: Announcement<MeetingEvent>): MeetingEvent =>
  ({ ...e, subjectId: meetingId, actorId: guardian.userId }) as MeetingEvent;
