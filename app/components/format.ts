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
