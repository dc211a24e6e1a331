// Where meetings live (DESIGN.md: English nouns in URLs). Plain module: routes, components and
// the browser use it. An upcoming meeting's page is its agenda; a held one's is its report.

export const MEETINGS_PATH = "/meetings";
export const NEW_MEETING_PATH = "/meetings/new";
export const NEW_REPORT_PATH = "/meetings/new?kind=report";
/** The subscribable feed of all upcoming meetings (iCalendar). */
export const CALENDAR_FEED_PATH = "/meetings/calendar.ics";

export function meetingPath(meeting: { id: number }): string {
  return `/meetings/${meeting.id}`;
}

export function editMeetingPath(meeting: { id: number }): string {
  return `/meetings/${meeting.id}/edit`;
}

/** One meeting as an iCalendar file, to put in your own calendar. */
export function meetingCalendarPath(meeting: { id: number }): string {
  return `/meetings/${meeting.id}/calendar.ics`;
}

