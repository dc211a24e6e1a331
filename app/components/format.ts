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

/** "2 juli 2009" */
export function formatDate(date: Date | string, locale: string): string {
  return formatter("date", locale).format(new Date(date));
}

/** "3 juli 2009 om 16:05": two edits on one day need the time. */
export function formatDateTime(date: Date | string, locale: string): string {
  return formatter("dateTime", locale).format(new Date(date));
}

/** "19:30" */
export function formatTime(date: Date | string, locale: string): string {
  return formatter("time", locale).format(new Date(date));
}

export function isoDate(date: Date | string): string {
  return new Date(date).toISOString();
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 3600],
  ["day", 86_400],
];
/** Beyond this, a relative time ("5 weken geleden") says less than the date itself. */
const RELATIVE_LIMIT_S = 30 * 86_400;

function relativeFormatter(locale: string): Intl.RelativeTimeFormat {
  const tag = locale === "en" ? "en-GB" : "nl-NL";
  let f = relativeFormatters.get(tag);
  if (!f) {
    f = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
    relativeFormatters.set(tag, f);
  }
  return f;
}

/**
 * The formatters a page's dates need, each made by one call (decision 051). The browser's first
 * Intl.DateTimeFormat loads its language's and time zone's data: tens of milliseconds on a
 * phone, in one piece. entry.client makes them one task each while the page waits for its
 * words, so hydrating, which formats every date on the page again, finds them made.
 */
export function formatterWarmUps(locale: string): (() => void)[] {
  return [
    () => void formatter("date", locale),
    () => void formatter("dateTime", locale),
    () => void formatter("time", locale),
    () => void relativeFormatter(locale),
  ];
}

/**
 * "zojuist", "5 minuten geleden", "gisteren", "3 dagen geleden"; the date itself ("2 juli 2009")
 * once it is more than a month ago or in the future.
 */
export function formatRelative(date: Date | string, locale: string, now = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(date).getTime()) / 1000);
  if (seconds < 0 || seconds >= RELATIVE_LIMIT_S) return formatDate(date, locale);
  const f = relativeFormatter(locale);
  if (seconds < 60) return f.format(0, "second");
  let unit: Intl.RelativeTimeFormatUnit = "minute";
  let size = 60;
  for (const [u, s] of UNITS) if (seconds >= s) [unit, size] = [u, s];
  // Days count as calendar days would: 36 hours ago is "gisteren", not "1 dag geleden".
  return f.format(-Math.floor(seconds / size), unit);
}
