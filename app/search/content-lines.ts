import { z } from "zod";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { amsterdamToUtc } from "~/meetings/dates";
import { MEETING_LIMITS } from "~/meetings/schemas";

// The lines of a content import file (JSON Lines, one item per line), checked on their own:
// each a dilemma, a reply or a meeting report. What needs the database (do the parents,
// competences and refs exist?) is checked by content-import.server.ts, before anything is
// written. Messages are plain English for the console, prefixed with the line number.
//   {"ref":"d001","kind":"dilemma","title":"…","body":"Markdown","competences":["loslaten"],
//    "status":"open","author":"handle","createdAt":"2009-07-02T10:00:00Z"}
//   {"ref":"r001","kind":"reply","parent":"d001","body":"…","author":"handle","accepted":true}
//   {"ref":"m001","kind":"report","title":"…","body":"the summary","heldOn":"2009-07-02",
//    "takeaways":["…"],"dilemmas":["d001"]}

const ref = z
  .string({ error: "is required" })
  .min(1, "is required")
  .max(100, "is at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:\-/]*$/, "uses only letters, digits and _ . : - /");
const body = z
  .string({ error: "is required" })
  .refine((s) => s.trim().length > 0, "is required")
  .refine((s) => s.length <= DILEMMA_LIMITS.bodyMax, `is at most ${DILEMMA_LIMITS.bodyMax} characters`);
const title = z
  .string({ error: "is required" })
  .trim()
  .min(DILEMMA_LIMITS.titleMin, `needs at least ${DILEMMA_LIMITS.titleMin} characters`)
  .max(DILEMMA_LIMITS.titleMax, `is at most ${DILEMMA_LIMITS.titleMax} characters`);
const author = z
  .string({ error: "is required" })
  .trim()
  .min(2, "needs at least 2 characters")
  .max(60, "is at most 60 characters");
// A moment with its offset ("2009-07-02T10:00:00Z"), or Dutch local time without one
// ("2009-07-02 10:00", "2009-07-02T10:00:00"), or only a day (taken as noon there).
const createdAt = z
  .string({ error: "is a date and time like 2009-07-02T10:00:00Z" })
  .transform((value, ctx) => {
    const at = moment(value.trim());
    if (at) return at.toISOString();
    ctx.addIssue({ code: "custom", message: "is not a date and time like 2009-07-02T10:00:00Z, 2009-07-02 10:00 or 2009-07-02" });
    return z.NEVER;
  })
  .optional();

function moment(value: string): Date | null {
  if (z.iso.datetime({ offset: true }).safeParse(value).success) return new Date(value);
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(value);
  if (!local || !z.iso.date().safeParse(local[1]).success) return null;
  const [hours, minutes] = (local[2] ?? "12:00").split(":").map(Number) as [number, number];
  return hours < 24 && minutes < 60 ? amsterdamToUtc(local[1]!, local[2] ?? "12:00") : null;
}

const DilemmaLine = z.object({
  ref,
  kind: z.literal("dilemma"),
  title,
  body,
  competences: z
    .array(z.string().trim().min(1).max(100), { error: "is a list of competence slugs" })
    .min(DILEMMA_LIMITS.competencesMin, `needs ${DILEMMA_LIMITS.competencesMin} to ${DILEMMA_LIMITS.competencesMax}`)
    .max(DILEMMA_LIMITS.competencesMax, `needs ${DILEMMA_LIMITS.competencesMin} to ${DILEMMA_LIMITS.competencesMax}`),
  status: z.enum(["open", "answered"], { error: 'is "open" or "answered"' }).default("open"),
  author,
  createdAt,
});

const ReplyLine = z.object({
  ref,
  kind: z.literal("reply"),
  parent: ref,
  body,
  author,
  createdAt,
  /** This reply is its dilemma's accepted answer. */
  accepted: z.boolean({ error: "is true or false" }).optional(),
});

const ReportLine = z.object({
  ref,
  kind: z.literal("report"),
  title,
  body,
  // A day; a date and time is cut to its day.
  heldOn: z
    .string({ error: "is a date like 2009-07-02" })
    .transform((v) => v.trim().replace(/^(\d{4}-\d{2}-\d{2})[T ].*$/, "$1"))
    .pipe(z.iso.date({ error: "is not a date like 2009-07-02" })),
  status: z.enum(["draft", "published"], { error: 'is "draft" or "published"' }).default("published"),
  // The report form's limits: the import writes through the same domain function.
  takeaways: z
    .array(z.string().trim().min(1).max(MEETING_LIMITS.lineMax), { error: "is a list of sentences" })
    .max(MEETING_LIMITS.takeawaysMax)
    .optional(),
  /** Refs of the dilemmas raised at the meeting. */
  dilemmas: z.array(ref, { error: "is a list of dilemma refs" }).max(50).optional(),
  author: author.optional(),
});

export const ContentLine = z.discriminatedUnion("kind", [DilemmaLine, ReplyLine, ReportLine], {
  error: 'kind is "dilemma", "reply" or "report"',
});
export type ContentItem = z.output<typeof ContentLine> & { line: number };
export type DilemmaItem = Extract<ContentItem, { kind: "dilemma" }>;
export type ReplyItem = Extract<ContentItem, { kind: "reply" }>;
export type ReportItem = Extract<ContentItem, { kind: "report" }>;

export type LineError = { line: number; message: string };

const FIELDS = {
  dilemma: new Set(Object.keys(DilemmaLine.shape)),
  reply: new Set(Object.keys(ReplyLine.shape)),
  report: new Set(Object.keys(ReportLine.shape)),
};

/**
 * Every line of the file parsed; the items, what is wrong with which line, and warnings.
 * A field this format does not have is left out with a warning rather than refused: files
 * come from other systems, and an extra "id" or "tags" should not stop an import.
 */
export function parseContentLines(text: string): { items: ContentItem[]; errors: LineError[]; warnings: LineError[] } {
  const items: ContentItem[] = [];
  const errors: LineError[] = [];
  const warnings: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      errors.push({ line, message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const parsed = ContentLine.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join(".") : "";
        errors.push({ line, message: `${field ? `${field} ` : ""}${issue.message}` });
      }
      return;
    }
    const earlier = seen.get(parsed.data.ref);
    if (earlier !== undefined) {
      errors.push({ line, message: `ref "${parsed.data.ref}" is used on line ${earlier} already` });
      return;
    }
    seen.set(parsed.data.ref, line);
    const unknown = Object.keys(json as object).filter((key) => !FIELDS[parsed.data.kind].has(key));
    if (unknown.length > 0) warnings.push({ line, message: `ignored unknown field(s): ${unknown.join(", ")}` });
    items.push({ ...parsed.data, line });
  });
  return { items, errors, warnings };
}
