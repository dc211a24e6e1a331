import ical, { type ICalCalendar } from "ical-generator";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { amsterdamToday } from "./dates";
import { findMeetingRef } from "./meetings.server";
import { meetingPath } from "./paths";

// Meetings as iCalendar (RFC 5545), made with ical-generator: one meeting to add to your own
// calendar, and a feed a calendar app subscribes to. Times are written in UTC ("…Z"), which
// every client shows in its own zone; a TZID would need a VTIMEZONE block we would have to
// keep up to date ourselves. The UID is the meeting's id, so an edited meeting (new time,
// new place) updates the entry instead of adding a second one; DTSTAMP and LAST-MODIFIED are
// when it last changed.

/** How far back the feed keeps held meetings: an entry vanishes from subscribers' calendars when it leaves the feed. */
const FEED_KEEPS_DAYS = 90;

export type CalendarText = { name: string; description: string };

const eventSelect = {
  id: true,
  title: true,
  heldOn: true,
  startsAt: true,
  endsAt: true,
  place: true,
  hostOrganisation: true,
  createdAt: true,
  updatedAt: true,
} as const;

type EventRow = {
  id: number;
  title: string;
  heldOn: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string;
  hostOrganisation: string;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The event's SEQUENCE (RFC 5545 §3.8.7.4): calendar apps take a changed entry only when it
 * grows. Seconds from the meeting's creation to its last change grow with every change (two
 * changes within one second aside) and need no counter of their own.
 */
export function eventSequence(m: { createdAt: Date; updatedAt: Date }): number {
  return Math.max(0, Math.ceil((m.updatedAt.getTime() - m.createdAt.getTime()) / 1000));
}

/** One meeting the viewer may see, as a calendar file. */
export async function meetingCalendar(guardian: Guardian, id: number, origin: string, text: CalendarText): Promise<string> {
  await findMeetingRef(guardian, id);
  const meeting = await db.meeting.findUnique({ where: { id }, select: eventSelect });
  if (!meeting) throw new NotFound("meeting");
  return render(calendar(text, origin), [meeting], origin);
}

/**
 * The subscribable feed: every upcoming meeting, and the meetings of the last three months
 * whose report is out (so an entry stays in subscribers' calendars after the day). The same for
 * everyone: calendar apps fetch it without a login, and drafts are never in it.
 */
export async function meetingsCalendarFeed(guardian: Guardian, origin: string, text: CalendarText, now = new Date()): Promise<string> {
  const since = new Date(amsterdamToday(now).getTime() - FEED_KEEPS_DAYS * 86_400_000);
  const meetings = await db.meeting.findMany({
    where: {
      AND: [
        guardian.visibleMeetingsWhere(),
        { OR: [{ status: "upcoming" }, { status: "published", heldOn: { gte: since } }] },
      ],
    },
    orderBy: [{ heldOn: "asc" }, { id: "asc" }],
    select: eventSelect,
  });
  const cal = calendar(text, origin);
  // Calendar apps ask again about once a day.
  cal.ttl(24 * 60 * 60);
  return render(cal, meetings, origin);
}

function calendar(text: CalendarText, origin: string): ICalCalendar {
  return ical({
    prodId: { company: "Kenniskring", product: "Bijeenkomsten", language: "NL" },
    name: text.name,
    description: text.description,
    url: `${origin}/meetings`,
  });
}

function render(cal: ICalCalendar, meetings: EventRow[], origin: string): string {
  for (const m of meetings) {
    const url = `${origin}${meetingPath(m)}`;
    const location = [m.place, m.hostOrganisation].filter(Boolean).join(", ");
    const timing =
      m.startsAt && m.endsAt
        ? { start: m.startsAt, end: m.endsAt }
        : // Only the date known: an all-day entry (DTSTART;VALUE=DATE, DTEND the next day).
          { start: m.heldOn, end: new Date(m.heldOn.getTime() + 86_400_000), allDay: true };
    cal.createEvent({
      id: `meeting-${m.id}@kenniskring`,
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      sequence: eventSequence(m),
      ...timing,
      summary: m.title,
      location: location || null,
      url,
      description: url,
    });
  }
  // Every content line ends in CRLF, the last one too (RFC 5545 §3.1).
  return `${cal.toString()}\r\n`;
}
