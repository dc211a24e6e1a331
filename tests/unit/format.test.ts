// Dates are written out without Intl (decision 056: the browser's first Intl formatter is the
// longest task of a hydrating page), so the words must be Intl's own, in Dutch time and both
// languages: the server's HTML and the hydrating browser's must match, and a reader must not
// see a summer date an hour off. Held to Node's Intl here, instant by instant.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRelative, formatTime } from "~/components/format";

const intl = (tag: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: "Europe/Amsterdam", ...options });
const languages = [
  ["nl", "nl-NL"],
  ["en", "en-GB"],
] as const;

/** Every 7 h 13 min from 1996 to 2040, and each summer-time change of those years ± a minute. */
function instants(): Date[] {
  const out: Date[] = [];
  for (let t = Date.UTC(1996, 0, 1); t < Date.UTC(2040, 0, 1); t += (7 * 60 + 13) * 60_000) out.push(new Date(t));
  for (let year = 1996; year < 2040; year++) {
    for (const month of [2, 9]) {
      const last = new Date(Date.UTC(year, month + 1, 0, 1));
      const change = last.getTime() - last.getUTCDay() * 86_400_000;
      for (const delta of [-60_001, -1, 0, 59_999, 3_600_000]) out.push(new Date(change + delta));
    }
  }
  return out;
}

describe("dates written without Intl", () => {
  it("say what Intl says, in Dutch time, in both languages (1996–2040, summer-time changes included)", () => {
    for (const [locale, tag] of languages) {
      const date = intl(tag, { day: "numeric", month: "long", year: "numeric" });
      const dateTime = intl(tag, { dateStyle: "long", timeStyle: "short" });
      const time = intl(tag, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      const wrong: string[] = [];
      for (const instant of instants()) {
        const ours = [formatDate(instant, locale), formatDateTime(instant, locale), formatTime(instant, locale)];
        const theirs = [date.format(instant), dateTime.format(instant), time.format(instant)];
        if (ours.join("|") !== theirs.join("|")) wrong.push(`${instant.toISOString()}: ${ours.join(" | ")} ≠ ${theirs.join(" | ")}`);
      }
      expect(wrong.slice(0, 5), `${locale}: ${wrong.length} instants differ`).toEqual([]);
    }
  });

  it("read a date stored as text the same, and fall back to Intl outside the years they cover", () => {
    expect(formatDateTime("2009-07-03T14:05:00.000Z", "nl")).toBe("3 juli 2009 om 16:05");
    expect(formatDateTime("2009-01-03T14:05:00.000Z", "en")).toBe("3 January 2009 at 15:05");
    expect(formatDate(new Date(Date.UTC(1990, 5, 30, 22, 30)), "nl")).toBe(intl("nl-NL", { day: "numeric", month: "long", year: "numeric" }).format(new Date(Date.UTC(1990, 5, 30, 22, 30))));
  });

  it("say relative times as Intl.RelativeTimeFormat does, every minute, hour and day of the last month", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    for (const [locale, tag] of languages) {
      const relative = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
      const at = (seconds: number) => formatRelative(new Date(now.getTime() - seconds * 1000), locale, now);
      expect(at(0)).toBe(relative.format(0, "second"));
      expect(at(59)).toBe(relative.format(0, "second"));
      for (let n = 1; n < 60; n++) expect(at(n * 60)).toBe(relative.format(-n, "minute"));
      for (let n = 1; n < 24; n++) expect(at(n * 3600 + 59)).toBe(relative.format(-n, "hour"));
      for (let n = 1; n < 30; n++) expect(at(n * 86_400)).toBe(relative.format(-n, "day"));
    }
  });
});
