// Dates are stored in UTC and shown in Dutch time, in the reader's language. The formatters are
// made once per language and kind: building an Intl.DateTimeFormat costs more than using it,
// and a thread page shows dozens of dates (the bench found 9% of a page's CPU here).
const TIME_ZONE = "Europe/Amsterdam";

const kinds = {
  date: { day: "numeric", month: "long", year: "numeric" },
  dateTime: { dateStyle: "long", timeStyle: "short" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: keyof typeof kinds, locale: string): Intl.DateTimeFormat {
  const tag = locale === "en" ? "en-GB" : "nl-NL";
  const key = `${kind}:${tag}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, ...kinds[kind] });
    formatters.set(key, f);
  }
  return f;
}

// Written out rather than asked of Intl, for the years the EU summer-time rule holds (decision
// 056): the browser's first Intl.DateTimeFormat or Intl.RelativeTimeFormat loads its language
// and time-zone data, ≈ 40 ms of CPU in one piece on this machine (160 ms at Lighthouse's 4×
// CPU), the longest task of a hydrating page. The server writes the same words the same way, and
// tests/unit/format.test.ts holds them to Intl's, date by date, in both languages. Outside those
// years (none of the forum's dates), Intl as before.
const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
const HOUR_MS = 3_600_000;

/** The last Sunday of `month` (0-based) in `year`, at 01:00 UTC: when EU summer time starts or ends. */
function lastSundayAtOne(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 24 * HOUR_MS;
}

/** The wall clock in Amsterdam as a Date read with getUTC*, or null outside 1996–2099 (Intl then). */
function amsterdamClock(date: Date): Date | null {
  const year = date.getUTCFullYear();
  if (!(year >= 1996 && year <= 2099)) return null;
  const t = date.getTime();
  const summer = t >= lastSundayAtOne(year, 2) && t < lastSundayAtOne(year, 9);
  return new Date(t + (summer ? 2 : 1) * HOUR_MS);
}

const two = (n: number) => String(n).padStart(2, "0");

function written(kind: keyof typeof kinds, date: Date, locale: string): string | null {
  const clock = amsterdamClock(date);
  if (!clock) return null;
  const time = `${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}`;
  if (kind === "time") return time;
  const en = locale === "en";
  const day = `${clock.getUTCDate()} ${MONTHS[en ? "en" : "nl"][clock.getUTCMonth()]} ${clock.getUTCFullYear()}`;
  if (kind === "date") return day;
  return `${day} ${en ? "at" : "om"} ${time}`;
}

function format(kind: keyof typeof kinds, date: Date | string, locale: string): string {
  const instant = new Date(date);
  return written(kind, instant, locale) ?? formatter(kind, locale).format(instant);
}

/** "2 juli 2009" */
export function formatDate(date: Date | string, locale: string): string {
  return format("date", date, locale);
}

/** "3 juli 2009 om 16:05": two edits on one day need the time. */
export function formatDateTime(date: Date | string, locale: string): string {
  return format("dateTime", date, locale);
}

/** "19:30" */
export function formatTime(date: Date | string, locale: string): string {
  return format("time", date, locale);
}

export function isoDate(date: Date | string): string {
  return new Date(date).toISOString();
}

type RelativeUnit = "minute" | "hour" | "day";
const UNITS: [RelativeUnit, number][] = [
  ["minute", 60],
  ["hour", 3600],
  ["day", 86_400],
];
/** Beyond this, a relative time ("5 weken geleden") says less than the date itself. */
const RELATIVE_LIMIT_S = 30 * 86_400;

/** What Intl.RelativeTimeFormat (numeric: "auto") says for the past, written out as the dates above are. */
const RELATIVE = {
  nl: { now: "nu", ago: "geleden", minute: ["minuut", "minuten"], hour: ["uur", "uur"], day: ["dag", "dagen"], days: ["gisteren", "eergisteren"] },
  en: { now: "now", ago: "ago", minute: ["minute", "minutes"], hour: ["hour", "hours"], day: ["day", "days"], days: ["yesterday"] },
} satisfies Record<string, { now: string; ago: string; days: string[] } & Record<RelativeUnit, [string, string]>>;

/**
 * "nu", "5 minuten geleden", "gisteren", "3 dagen geleden"; the date itself ("2 juli 2009")
 * once it is more than a month ago or in the future.
 */
export function formatRelative(date: Date | string, locale: string, now = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(date).getTime()) / 1000);
  if (seconds < 0 || seconds >= RELATIVE_LIMIT_S) return formatDate(date, locale);
  const words = RELATIVE[locale === "en" ? "en" : "nl"];
  if (seconds < 60) return words.now;
  let unit: RelativeUnit = "minute";
  let size = 60;
  for (const [u, s] of UNITS) if (seconds >= s) [unit, size] = [u, s];
  // Days count as calendar days would: 36 hours ago is "gisteren", not "1 dag geleden".
  const count = Math.floor(seconds / size);
  const named = unit === "day" ? words.days[count - 1] : undefined;
  return named ?? `${count} ${words[unit][count === 1 ? 0 : 1]} ${words.ago}`;
}
