// Text as people meant it, for every form: NFC, no control or invisible characters, tidy
// spaces. Normalised first, then validated, then stored, so "only invisible characters" is
// empty and a title carries no line break or escape sequence into a calendar file. Shared by
// the browser and the server (Conform validates with the same schemas on both sides).

// Controls (C0 but tab and line breaks, DEL, C1: ANSI escapes lose their ESC), zero-width
// characters and the bidirectional overrides that make a title read backwards.
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** One line of text: NFC, no control or invisible characters, runs of spaces as one. */
export function cleanLine(value: string): string {
  return value.normalize("NFC").replace(INVISIBLE_OR_CONTROL, "").replace(/\s+/g, " ").trim();
}

/** Several lines: line breaks kept (as \n, at most one empty line in a row), the rest as cleanLine. */
export function cleanText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE_OR_CONTROL, "")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

