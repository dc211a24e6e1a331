import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { meetingCalendar, meetingsCalendarFeed } from "~/meetings/calendar.server";
import { amsterdamToUtc, parseDateInput, parseTimeInput } from "~/meetings/dates";
import { createReport, createUpcomingMeeting, editUpcomingMeeting, publishReport } from "~/meetings/reports.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import * as meetingCalendarRoute from "~/routes/meetings.$id.calendar";
import * as feedRoute from "~/routes/meetings.calendar";
import { useTestDatabase } from "../support/database";
import { outcomeOf, routeContext } from "../support/route-context";

// Meetings as iCalendar, checked the way a calendar app reads them: a small RFC 5545 parser
// (CRLF line ends, lines of at most 75 octets folded with a leading space, BEGIN/END pairs,
// the properties a VEVENT needs) instead of comparing with a fixed text.

useTestDatabase();
const visitor = new Guardian(anonymousViewer);
const ORIGIN = "https://kenniskring.example";
const TEXT = { name: "Kenniskring: bijeenkomsten", description: "De bijeenkomsten" };

let n = 0;
async function organiser(): Promise<Guardian> {
  const role: Role = "organiser";
  const user = await db.user.create({ data: { handle: `o-${++n}`, displayName: `Organisator ${n}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

type Component = { name: string; properties: { name: string; params: string; value: string }[]; children: Component[] };

/** RFC 5545 §3.1 and §3.4, strictly enough to fail on what a real calendar app would trip over. */
function parseICalendar(text: string): Component {
  expect(text.endsWith("\r\n"), "the last line ends in CRLF").toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(line.includes("\n") || line.includes("\r"), `bare CR or LF in ${JSON.stringify(line)}`).toBe(false);
    expect(Buffer.byteLength(line, "utf8"), `line longer than 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  // Unfold: a line starting with a space or tab continues the previous one.
  const lines: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const root: Component = { name: "", properties: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const match = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, params, value] = match!;
    const current = stack[stack.length - 1]!;
    if (name === "BEGIN") {
      const child: Component = { name: value!, properties: [], children: [] };
      current.children.push(child);
      stack.push(child);
    } else if (name === "END") {
      expect(current.name, `END:${value} closes BEGIN:${current.name}`).toBe(value);
      stack.pop();
    } else {
      current.properties.push({ name: name!, params: params!, value: value! });
    }
  }
  expect(stack, "every BEGIN has its END").toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(["VCALENDAR"]);
  const calendar = root.children[0]!;
  for (const required of ["VERSION", "PRODID"]) expect(prop(calendar, required)).toBeDefined();
  expect(prop(calendar, "VERSION")?.value).toBe("2.0");
  for (const event of calendar.children.filter((c) => c.name === "VEVENT")) {
    for (const required of ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"]) {
      expect(prop(event, required), `VEVENT has ${required}`).toBeDefined();
    }
    expect(prop(event, "DTSTAMP")!.value).toMatch(/^\d{8}T\d{6}Z$/);
  }
  return calendar;
}

const prop = (c: Component, name: string) => c.properties.find((p) => p.name === name);
const events = (c: Component) => c.children.filter((x) => x.name === "VEVENT");
const unescape = (value: string) => value.replace(/\\([,;\\])/g, "$1").replace(/\\n/gi, "\n");

describe("one meeting as a calendar file", () => {
  it("has a stable UID, the times in UTC, summary, location and the meeting's address", async () => {
    const staff = await organiser();
    const { id } = await createUpcomingMeeting(staff, {
      title: "Voorjaarsbijeenkomst",
      heldOn: "2030-03-14",
      startTime: "19:30",
      endTime: "21:30",
      place: "Buurthuis De Schakel, Zaal 2; achteringang",
    });
    const calendar = parseICalendar(await meetingCalendar(visitor, id, ORIGIN, TEXT));
    const [event] = events(calendar);
    expect(prop(event!, "UID")!.value).toBe(`meeting-${id}@kenniskring`);
    expect(prop(event!, "DTSTART")!.value).toBe("20300314T183000Z"); // 19:30 winter time
    expect(prop(event!, "DTEND")!.value).toBe("20300314T203000Z");
    expect(prop(event!, "SUMMARY")!.value).toBe("Voorjaarsbijeenkomst");
    expect(unescape(prop(event!, "LOCATION")!.value)).toBe("Buurthuis De Schakel, Zaal 2; achteringang");
    expect(prop(event!, "URL")!.value).toBe(`${ORIGIN}/meetings/${id}`);

    // Edited (new time): the same UID, so calendars update the entry instead of adding one.
    await editUpcomingMeeting(staff, id, { title: "Voorjaarsbijeenkomst", heldOn: "2030-06-14", startTime: "20:00", endTime: "22:00" });
    const [edited] = events(parseICalendar(await meetingCalendar(visitor, id, ORIGIN, TEXT)));
    expect(prop(edited!, "UID")!.value).toBe(`meeting-${id}@kenniskring`);
    expect(prop(edited!, "DTSTART")!.value).toBe("20300614T180000Z"); // 20:00 summer time
    // …and a higher SEQUENCE, without which calendar apps keep the old time.
    expect(Number(prop(event!, "SEQUENCE")!.value)).toBe(0);
    expect(Number(prop(edited!, "SEQUENCE")!.value)).toBeGreaterThan(0);
  });

  it("folds a long title with accents into lines of at most 75 octets", async () => {
    const staff = await organiser();
    const title = "Één lange titel over coöperaties, café's en buurtbewoners die elkaar écht helpen, ook als het even tegenzit";
    expect(Buffer.byteLength(title)).toBeGreaterThan(75);
    const { id } = await createUpcomingMeeting(staff, { title, heldOn: "2030-09-01" });
    const [event] = events(parseICalendar(await meetingCalendar(visitor, id, ORIGIN, TEXT)));
    expect(unescape(prop(event!, "SUMMARY")!.value)).toBe(title);
  });

  it("makes a meeting with only a date an all-day entry", async () => {
    const staff = await organiser();
    const { id } = await createUpcomingMeeting(staff, { title: "Hele dag", heldOn: "2030-09-01" });
    const [event] = events(parseICalendar(await meetingCalendar(visitor, id, ORIGIN, TEXT)));
    expect(prop(event!, "DTSTART")).toMatchObject({ params: ";VALUE=DATE", value: "20300901" });
    expect(prop(event!, "DTEND")).toMatchObject({ params: ";VALUE=DATE", value: "20300902" });
  });

  it("does not exist for a draft, for anyone but staff", async () => {
    const staff = await organiser();
    const { id } = await createReport(staff, { title: "Concept", heldOn: "2026-01-01" });
    await expect(meetingCalendar(visitor, id, ORIGIN, TEXT)).rejects.toBeInstanceOf(NotFound);
  });

  it("is served as text/calendar", async () => {
    const staff = await organiser();
    const { id } = await createUpcomingMeeting(staff, { title: "Met type", heldOn: "2030-10-01" });
    const response = (await (meetingCalendarRoute.loader as (args: unknown) => Promise<Response>)({
      request: new Request(`${ORIGIN}/meetings/${id}/calendar.ics`),
      context: routeContext(anonymousViewer as Viewer),
      params: { id: String(id) },
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    parseICalendar(await response.text());
    expect(
      await outcomeOf(() => (meetingCalendarRoute.loader as (args: unknown) => Promise<Response>)({
        request: new Request(`${ORIGIN}/meetings/999999/calendar.ics`),
        context: routeContext(anonymousViewer),
        params: { id: "999999" },
      })),
    ).toMatchObject({ status: 404 });
  });
});

describe("the subscribable feed", () => {
  it("has every upcoming meeting and recent published reports, never a draft", async () => {
    const staff = await organiser();
    // Reports are of meetings that have been held (issue 22): dates in the past.
    const now = new Date("2026-05-01T12:00:00Z");
    const next = await createUpcomingMeeting(staff, { title: "Komt nog", heldOn: "2026-05-20", startTime: "19:30", endTime: "21:30" });
    const recent = await createReport(staff, { title: "Net geweest", heldOn: "2026-04-10", summary: "Verslag" });
    await publishReport(staff, recent.id);
    const old = await createReport(staff, { title: "Lang geleden", heldOn: "2025-01-10", summary: "Verslag" });
    await publishReport(staff, old.id);
    const draft = await createReport(staff, { title: "Nog een concept", heldOn: "2026-04-20" });

    // Staff fetching it get the same feed as a calendar app without a login.
    for (const viewer of [visitor, staff]) {
      const calendar = parseICalendar(await meetingsCalendarFeed(viewer, ORIGIN, TEXT, now));
      const uids = events(calendar).map((e) => prop(e, "UID")!.value);
      expect(uids).toContain(`meeting-${next.id}@kenniskring`);
      expect(uids).toContain(`meeting-${recent.id}@kenniskring`);
      expect(uids).not.toContain(`meeting-${old.id}@kenniskring`);
      expect(uids).not.toContain(`meeting-${draft.id}@kenniskring`);
      expect(prop(calendar, "X-WR-CALNAME")!.value).toBe(TEXT.name);
    }
  });

  it("is served as text/calendar at /meetings/calendar.ics", async () => {
    const response = (await (feedRoute.loader as (args: unknown) => Promise<Response>)({
      request: new Request(`${ORIGIN}/meetings/calendar.ics`),
      context: routeContext(anonymousViewer),
      params: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const calendar = parseICalendar(await response.text());
    expect(prop(calendar, "X-WR-CALNAME")!.value).toBe("Kenniskring: bijeenkomsten");
  });
});

describe("dates and times as people type them", () => {
  it("reads a date field's value and the Dutch way of writing a date; refuses days that do not exist", () => {
    expect(parseDateInput("2026-07-02")).toBe("2026-07-02");
    expect(parseDateInput("2-7-2026")).toBe("2026-07-02");
    expect(parseDateInput("02/07/2026")).toBe("2026-07-02");
    expect(parseDateInput("31-02-2026")).toBeNull();
    expect(parseDateInput("2026-7")).toBeNull();
    expect(parseDateInput("morgen")).toBeNull();
  });

  it("reads times with a colon or a dot", () => {
    expect(parseTimeInput("9.05")).toBe("09:05");
    expect(parseTimeInput("19:30")).toBe("19:30");
    expect(parseTimeInput("24:00")).toBeNull();
  });

  it("turns Dutch time into UTC on both sides of the change to summer time", () => {
    expect(amsterdamToUtc("2030-03-30", "12:00").toISOString()).toBe("2030-03-30T11:00:00.000Z");
    expect(amsterdamToUtc("2030-03-31", "12:00").toISOString()).toBe("2030-03-31T10:00:00.000Z");
    expect(amsterdamToUtc("2030-10-27", "12:00").toISOString()).toBe("2030-10-27T11:00:00.000Z");
  });
});
