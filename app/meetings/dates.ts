// Dates and times of meetings as people type them and as the database keeps them. A meeting's
// day is a calendar date (Meeting.heldOn, no time zone); its start and end are instants (UTC)
// that people give and read in Dutch time. Plain module: the forms' schemas use it in the
// browser too. No date library: Intl knows the Europe/Amsterdam rules.

export const MEETING_TIME_ZONE = "Europe/Amsterdam";

/**
 * "2026-07-02" (what a date field sends) or "2-7-2026" / "02/07/2026" (what people type where
 * a browser shows a plain text field) → "2026-07-02"; null for anything else or a day that
 * does not exist (30 February).
 */
export function parseDateInput(value: string): string | null {
  const text = value.trim();
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dutch) [day, month, year] = [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])];
  else return null;
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "19:30", "9:05" or "19.30" → "19:30"; null for anything else. */
export function parseTimeInput(value: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** The calendar date "2026-07-02" as the database's date column holds it (midnight UTC). */
export function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** Meeting.heldOn (midnight UTC) → "2026-07-02", for a date field. */
export function toDateInput(heldOn: Date | string): string {
  return new Date(heldOn).toISOString().slice(0, 10);
}

/** The instant at which it is `time` on `isoDate` in Amsterdam (summer and winter time alike). */
export function amsterdamToUtc(isoDate: string, time: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hours, minutes);
  // The offset at the guess, then again at the corrected instant: right on both sides of a
  // change between summer and winter time.
  let instant = asIfUtc - offsetMinutes(new Date(asIfUtc)) * 60_000;
  instant = asIfUtc - offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** An instant → "19:30" in Amsterdam, for a time field. */
export function toTimeInput(instant: Date | string): string {
  const parts = amsterdamParts(new Date(instant));
  return `${parts.hour}:${parts.minute}`;
}

/** When the day `heldOn` ends in Amsterdam: a meeting without a start time lasts all day. */
export function endOfMeetingDay(heldOn: Date | string): Date {
  const next = new Date(new Date(heldOn).getTime() + 24 * 3_600_000);
  return amsterdamToUtc(toDateInput(next), "00:00");
}

/** Today's date in Amsterdam as the database's date column holds it. */
export function amsterdamToday(now = new Date()): Date {
  const parts = amsterdamParts(now);
  return dateOnly(`${parts.year}-${parts.month}-${parts.day}`);
}

function amsterdamParts(instant: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: MEETING_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** How far Amsterdam is ahead of UTC at this instant, in minutes (60 or 120). */
function offsetMinutes(instant: Date): number {
  const p = amsterdamParts(instant);
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}
