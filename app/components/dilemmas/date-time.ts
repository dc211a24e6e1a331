// Dates are stored in UTC and shown in Dutch time (as format.ts does), here with the time.

/** Date and time in Dutch time ("3 juli 2009 om 16:05"): two edits on one day need the time. */
export function formatDateTime(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
    timeZone: "Europe/Amsterdam",
    dateStyle: "long",
    timeStyle: "short",
  }).format(new Date(date));
}
