// Dates are stored in UTC and shown in Dutch time, in the reader's language.
const TIME_ZONE = "Europe/Amsterdam";

export function formatDate(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(date));
}

export function isoDate(date: Date | string): string {
  return new Date(date).toISOString();
}
