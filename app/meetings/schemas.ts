import { z } from "zod";
import { refineLinks } from "~/platform/markdown-links";
import { cleanLine } from "~/platform/clean-text";
import { AskDilemmaSchema } from "~/dilemmas/schemas";
import { parseId } from "~/platform/ids";
import { parseDateInput, parseTimeInput } from "./dates";

// The meeting forms' rules, shared by the browser (Conform) and the server (the routes parse
// with them and the domain checks again). Messages are i18n keys, "key?param=value". Lists
// (contributors, takeaways) are typed one per line in a textarea: no JavaScript needed to add
// a row, and a pasted list from a minutes document just works.

export const MEETING_LIMITS = {
  titleMax: 160,
  placeMax: 200,
  hostMax: 200,
  summaryMax: 20_000,
  lineMax: 300,
  takeawaysMax: 15,
  contributorsMax: 30,
  handlesMax: 30,
  searchMax: 100,
} as const;

// One line, normalised before it is checked (decision 022): a title goes into calendar files,
// where a line break or control character would break or forge a line.
const title = z
  .string({ error: "errors.required" })
  .transform(cleanLine)
  .pipe(
    // Conform reads an empty string as absent: cleaned to nothing is "required" too.
    z
      .string({ error: "errors.required" })
      .min(1, { error: "errors.required", abort: true })
      .max(MEETING_LIMITS.titleMax, `errors.tooLong?max=${MEETING_LIMITS.titleMax}`),
  );

const heldOn = z
  .string({ error: "meetings.errors.dateRequired" })
  .refine((s) => parseDateInput(s) !== null, { error: "meetings.errors.dateInvalid", abort: true })
  .transform((s) => parseDateInput(s)!);

const optionalTime = z
  .string()
  .nullish()
  .refine((s) => s == null || parseTimeInput(s) !== null, { error: "meetings.errors.timeInvalid", abort: true })
  .transform((s) => (s == null ? null : parseTimeInput(s)!));

/** One optional line (place, host organisation), normalised as a title. */
const optionalLine = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => cleanLine(s ?? ""))
    .refine((s) => s.length <= max, `errors.tooLong?max=${max}`);

// Every schema here parses its own output again unchanged (a list stays a list), because the
// route parses the form and the domain checks what the route hands over with the same schema.
const textOrList = z.union([z.string(), z.array(z.string())]).optional();

/** A textarea, one item per line: blank lines and spaces around an item do not count. */
const lines = (maxLines: number, maxLength: number) =>
  textOrList
    .transform((v) =>
      (Array.isArray(v) ? v : (v ?? "").split(/\r?\n/))
        .map(cleanLine)
        .filter(Boolean),
    )
    .refine((items) => items.every((item) => item.length <= maxLength), `meetings.errors.lineTooLong?max=${maxLength}`)
    .refine((items) => items.length <= maxLines, `meetings.errors.tooManyLines?max=${maxLines}`);

/** Members' handles, one per line (or separated by commas or spaces; "@" in front is fine). */
const handles = textOrList
  .transform((v) => [
    ...new Set(
      (Array.isArray(v) ? v : (v ?? "").split(/[\s,;]+/))
        .map((h) => h.replace(/^@/, "").trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .refine((items) => items.every((h) => /^[a-z0-9-]{1,60}$/.test(h)), "meetings.errors.handleInvalid")
  .refine((items) => items.length <= MEETING_LIMITS.handlesMax, `meetings.errors.tooManyLines?max=${MEETING_LIMITS.handlesMax}`);

// Not trimmed: leading spaces are Markdown. Empty is fine for a draft (publishing asks for it).
const summary = z
  .string()
  .optional()
  .transform((s) => s ?? "")
  .refine((s) => s.length <= MEETING_LIMITS.summaryMax, `errors.tooLong?max=${MEETING_LIMITS.summaryMax}`)
  .superRefine(refineLinks);

/** An upcoming meeting: what goes in the invitation and the calendar. */
export const UpcomingMeetingSchema = z
  .object({
    title,
    heldOn,
    startTime: optionalTime,
    endTime: optionalTime,
    place: optionalLine(MEETING_LIMITS.placeMax),
    hostOrganisation: optionalLine(MEETING_LIMITS.hostMax),
    openAgenda: z.boolean().optional().default(false),
  })
  .superRefine((m, ctx) => {
    // Both or neither: a calendar entry needs its end, and we will not make one up.
    if (m.endTime && !m.startTime) {
      ctx.addIssue({ code: "custom", path: ["startTime"], message: "meetings.errors.startRequired" });
    } else if (m.startTime && !m.endTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "meetings.errors.endRequired" });
    } else if (m.startTime && m.endTime && m.endTime <= m.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "meetings.errors.endBeforeStart" });
    }
  });
export type UpcomingMeetingInput = z.input<typeof UpcomingMeetingSchema>;
export type UpcomingMeetingValues = z.output<typeof UpcomingMeetingSchema>;

/** A report: the meeting as held, what was said and learnt, and who contributed. */
export const ReportSchema = z.object({
  title,
  heldOn,
  place: optionalLine(MEETING_LIMITS.placeMax),
  hostOrganisation: optionalLine(MEETING_LIMITS.hostMax),
  contributors: lines(MEETING_LIMITS.contributorsMax, MEETING_LIMITS.lineMax),
  contributorHandles: handles,
  summary,
  takeaways: lines(MEETING_LIMITS.takeawaysMax, MEETING_LIMITS.lineMax),
});
export type ReportInput = z.input<typeof ReportSchema>;
export type ReportValues = z.output<typeof ReportSchema>;

/**
 * Which dilemma: its number ("12" or "#12") or its address, pasted from the browser
 * (".../dilemmas/12/hoe-houd-je..."). Null when it is neither.
 */
export function parseDilemmaReference(value: string): number | null {
  const text = value.trim();
  const match = /^#?(\d+)$/.exec(text) ?? /\/dilemmas\/(\d+)(?:[/?#]|$)/.exec(text);
  return match ? parseId(match[1]) : null;
}

const dilemmaReference = z
  .string({ error: "meetings.errors.dilemmaRequired" })
  .refine((s) => parseDilemmaReference(s) !== null, { error: "meetings.errors.dilemmaReference", abort: true })
  .transform((s) => parseDilemmaReference(s)!);

export const LINK_KINDS = ["raised", "discussed"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Link a dilemma to a report: raised at the meeting, or discussed there. */
export const LinkDilemmaSchema = z.object({
  dilemma: dilemmaReference,
  kind: z.enum(LINK_KINDS, { error: "meetings.errors.kindRequired" }),
});

/** Put a dilemma on the agenda. */
export const ProposeSchema = z.object({ dilemma: dilemmaReference });

/**
 * A question raised at the meeting becomes a dilemma: the ask form's rules, plus who asks it
 * (a member's handle; empty: the organiser who types it in).
 */
export const RaisedDilemmaSchema = AskDilemmaSchema.extend({
  author: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, "").toLowerCase())
    .refine((h) => /^[a-z0-9-]{1,60}$/.test(h), "meetings.errors.handleInvalid")
    .optional(),
});
export type RaisedDilemmaInput = z.input<typeof RaisedDilemmaSchema>;

/** The search for a dilemma to link or propose (a GET form: ?q=…). */
export function searchQuery(value: string | null): string {
  return cleanLine(value ?? "").slice(0, MEETING_LIMITS.searchMax);
}
