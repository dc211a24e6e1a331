// What the privacy guard marks, as stable ids: the API, stored "posted anyway" records and the
// forms' labels (app/locales/privacy.ts: `privacy.kind.<id>`) all use these. Shared with the
// browser: no server code here.

export const PRIVACY_KINDS = [
  "name",
  "address",
  "postcode",
  "phone",
  "email",
  "bsn",
  "iban",
  "birthdate",
  "plate",
  "age",
  "special",
] as const;

export type PrivacyKind = (typeof PRIVACY_KINDS)[number];

/** One stretch of the text that looks like someone else's personal data. */
export type PrivacyMark = {
  /** UTF-16 offsets into the text as given (what `String.prototype.slice` and the DOM use). */
  start: number;
  end: number;
  kind: PrivacyKind;
  /** What the writer can put there instead: "bewoner A", "[adres]", … */
  replacement: string;
};

export type PrivacyCheck = { warn: boolean; marks: PrivacyMark[] };

/** The writer, whose own name, handle and organisation are not someone else's data. */
export type PrivacyContext = {
  displayName?: string | null;
  handle?: string | null;
  organisation?: string | null;
  /** Language of the replacements; the posts are Dutch, so Dutch unless asked. */
  locale?: "nl" | "en";
};

/** Longest text the guard reads: far beyond any post's limit, so a check never costs more. */
export const PRIVACY_TEXT_MAX = 50_000;

/** A mark as a form lists it: with the words it marks (the form shows them, never stores them). */
export type ShownMark = PrivacyMark & { text: string };

/** A publishing form's answer when the guard found something: per field, its marks. */
export type PrivacyWarning = { fields: Record<string, ShownMark[]> };
