import { createHash } from "node:crypto";
import { handleBase } from "~/accounts/handles.server";
import { createCompetence } from "~/competences/competences.server";
import { CompetenceSchema } from "~/competences/schemas";
import { competenceSlugBase } from "~/competences/slug";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { dilemmaPath } from "~/dilemmas/paths";
import type { Prisma } from "~/generated/prisma/client";
import { Guardian } from "~/guardian/guardian.server";
import { operatorViewer } from "~/guardian/viewer";
import { linkDilemma } from "~/meetings/links.server";
import { meetingPath } from "~/meetings/paths";
import { createReport, publishReport } from "~/meetings/reports.server";
import { checkPrivacy } from "~/privacy/check.server";
import type { PrivacyKind } from "~/privacy/kinds";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { parseOrInvalid } from "~/platform/validate.server";
import { replyPermalink } from "~/replies/paths";
import { createReply, markAnswer } from "~/replies/replies.server";
import { parseContentLines, type ContentItem, type LineError, type ReplyItem } from "./content-lines";

// `npm run content:import -- --file F.jsonl`: dilemmas, replies and meeting reports from JSON
// Lines (see content-lines.ts), for moving a circle's history into the forum. Every line is
// checked first, against the file and the database; one bad line and nothing is written. Then
// everything is written in one transaction through the domain's writers (as the forms write;
// search indexes each item by its event, in that transaction), and each ref remembered
// (ContentImportRef), so running the same file again changes nothing.
// Authors the forum does not know become placeholder members (no e-mail, no password: they
// cannot log in); a competence is named by slug or by name, and an unknown one is an error
// unless createCompetences. Items may come in any order: parents are written first.

type Tx = Prisma.TransactionClient;

export type ImportOptions = {
  createCompetences?: boolean;
  /** Progress for long files (the script writes it to stderr). */
  onProgress?: (phase: "writing", done: number, total: number) => void;
};

/** privacyWarning: the kinds the privacy guard would have marked in the item's text (it does not refuse). */
export type ImportedItem = { ref: string; url: string; created: boolean; privacyWarning: PrivacyKind[] };

export type ImportResult =
  | { ok: true; items: ImportedItem[]; warnings: LineError[] }
  | { ok: false; errors: LineError[]; warnings: LineError[] };

type Known = { kind: "dilemma" | "reply" | "report"; targetId: number };

/** Parse, check and import the text of a JSON Lines file. */
export async function importContent(text: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const { items, errors, warnings } = parseContentLines(text);
  const known = await knownRefs(items);
  const fresh = items.filter((i) => !known.has(i.ref));
  // Every problem at once (the lines that parsed are checked too), so one run lists them all.
  const problems = [...errors, ...(await check(fresh, items, known, opts))];
  if (problems.length > 0) return { ok: false, errors: problems.sort((a, b) => a.line - b.line), warnings };

  let created: Map<string, Known>;
  try {
    created = await db.$transaction((tx) => write(tx, writeOrder(fresh), known, opts), { timeout: 60 * 60_000, maxWait: 30_000 });
  } catch (error) {
    if (!(error instanceof RefusedLine)) throw error;
    return { ok: false, errors: [{ line: error.line, message: error.message }], warnings };
  }
  const urls = await urlsOf(items, new Map([...known, ...created]));
  return {
    ok: true,
    items: items.map((i) => ({ ref: i.ref, url: urls.get(i.ref)!, created: created.has(i.ref), privacyWarning: privacyKindsOf(i) })),
    warnings,
  };
}

/** What the privacy guard would have said, had the item been typed into its form (issue 21). */
function privacyKindsOf(item: ContentItem): PrivacyKind[] {
  const texts = item.kind === "dilemma" ? [item.title, item.body] : item.kind === "reply" ? [item.body] : [item.title, item.body, ...(item.takeaways ?? [])];
  const writer = item.kind === "report" ? {} : { handle: item.author };
  const kinds = new Set(texts.flatMap((text) => checkPrivacy(text, writer).marks.map((m) => m.kind)));
  return [...kinds].sort();
}

async function knownRefs(items: ContentItem[]): Promise<Map<string, Known>> {
  const refs = new Set<string>();
  for (const i of items) {
    refs.add(i.ref);
    if (i.kind === "reply") refs.add(i.parent);
    if (i.kind === "report") for (const d of i.dilemmas ?? []) refs.add(d);
  }
  const rows = await db.contentImportRef.findMany({ where: { ref: { in: [...refs] } } });
  return new Map(rows.map((r) => [r.ref, { kind: r.kind, targetId: r.targetId }]));
}

/** What only the database and the whole file can tell: parents, kinds, competences, answers. */
async function check(fresh: ContentItem[], all: ContentItem[], known: Map<string, Known>, opts: ImportOptions) {
  const errors: LineError[] = [];
  const inFile = new Map(all.map((i) => [i.ref, i]));
  const kindOf = (ref: string) => inFile.get(ref)?.kind ?? known.get(ref)?.kind;
  for (const item of all) {
    const stored = known.get(item.ref);
    if (stored && stored.kind !== item.kind) {
      errors.push({ line: item.line, message: `ref "${item.ref}" was imported before as a ${stored.kind}` });
    }
  }
  const competences = await competenceResolver(db);
  const answers = new Map<string, number>();
  for (const item of fresh) {
    if (item.kind === "dilemma" && !opts.createCompetences) {
      const missing = item.competences.filter((c) => competences.idOf(c) === undefined);
      if (missing.length) {
        errors.push({
          line: item.line,
          message: `unknown competence(s): ${missing.join(", ")} (add them first, or run with --create-competences)`,
        });
      }
    }
    if (item.kind === "reply") {
      const parentKind = kindOf(item.parent);
      if (!parentKind) errors.push({ line: item.line, message: `parent "${item.parent}" is not in the file and was not imported before` });
      else if (parentKind === "report") errors.push({ line: item.line, message: `parent "${item.parent}" is a report; a reply answers a dilemma or a reply` });
      else if (parentKind === "reply" && threadRoot(item, inFile, known) === null) {
        errors.push({ line: item.line, message: `replies answer each other in a circle (through "${item.parent}")` });
      }
      if (item.accepted) {
        const root = threadRoot(item, inFile, known);
        if (root && answers.has(root)) {
          errors.push({ line: item.line, message: `dilemma "${root}" has an accepted answer already (line ${answers.get(root)})` });
        } else if (root) answers.set(root, item.line);
      }
    }
    if (item.kind === "report") {
      for (const d of item.dilemmas ?? []) {
        const kind = kindOf(d);
        if (kind !== "dilemma") errors.push({ line: item.line, message: `dilemmas: "${d}" is not a dilemma in the file or imported before` });
      }
    }
  }
  return errors;
}

/** The dilemma ref a reply belongs to (following parents within the file), if in the file. */
function threadRoot(item: ReplyItem, inFile: Map<string, ContentItem>, known: Map<string, Known>): string | null {
  const seen = new Set([item.ref]);
  for (let parent = item.parent; !seen.has(parent); ) {
    seen.add(parent);
    const p = inFile.get(parent);
    if (!p) return known.has(parent) ? `stored:${parent}` : null;
    if (p.kind === "dilemma") return p.ref;
    if (p.kind !== "reply") return null;
    parent = p.parent;
  }
  return null; // a circle
}

/**
 * The order to write in, whatever the file's order: dilemmas, then replies (each after the
 * reply it answers), then reports (after the dilemmas they name). The file's order is kept
 * within each group.
 */
function writeOrder(items: ContentItem[]): ContentItem[] {
  const replies = new Map(items.filter((i): i is ReplyItem => i.kind === "reply").map((r) => [r.ref, r]));
  const levels = new Map<string, number>();
  const levelOf = (r: ReplyItem): number => {
    const cached = levels.get(r.ref);
    if (cached !== undefined) return cached;
    const parent = replies.get(r.parent);
    const level = parent ? levelOf(parent) + 1 : 0; // check() refused circles
    levels.set(r.ref, level);
    return level;
  };
  const byLevel = [...replies.values()].map((r) => ({ r, level: levelOf(r) })).sort((a, b) => a.level - b.level || a.r.line - b.r.line);
  return [
    ...items.filter((i) => i.kind === "dilemma"),
    ...byLevel.map((x) => x.r),
    ...items.filter((i) => i.kind === "report"),
  ];
}

type CompetenceClient = Pick<Tx, "competence">;

/**
 * A competence in a file may be named by its slug ("eigen-kracht") or by its Dutch or English
 * name ("Eigen kracht", any case): files come from people and other systems.
 */
async function competenceResolver(client: CompetenceClient) {
  const rows = await client.competence.findMany({ select: { id: true, slug: true, nameNl: true, nameEn: true } });
  const key = (name: string) => name.trim().toLocaleLowerCase("nl");
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const byName = new Map(rows.flatMap((r) => [[key(r.nameEn), r.id] as const, [key(r.nameNl), r.id] as const]));
  return {
    idOf: (value: string): number | undefined =>
      bySlug.get(value) ?? byName.get(key(value)) ?? bySlug.get(competenceSlugBase(value)),
    remember(value: string, id: number, slug: string) {
      bySlug.set(slug, id);
      byName.set(key(value), id);
    },
  };
}

/** A line the domain refused while writing (the checks before let it through). */
class RefusedLine extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** What a domain refusal says, for the console: the fields and their message keys. */
function refusal(error: unknown): string | null {
  if (error instanceof Invalid) {
    return Object.entries(error.fieldErrors).map(([field, keys]) => `${field || "item"}: ${keys.join(", ")}`).join("; ");
  }
  if (error instanceof Forbidden || error instanceof NotFound) return error.message;
  return null;
}

/** A form's submission id for an item, so the domain's double-submission guard knows it. */
const submissionIdOf = (ref: string) => `import_${createHash("sha256").update(ref).digest("base64url").slice(0, 32)}`;

/**
 * Writes the items through the domain's own writers, as the forms do (createDilemma,
 * createReply, markAnswer, createReport, publishReport, linkDilemma, createCompetence), as the
 * operator, in the members' names and with the dates of the file. So every rule of the forms
 * holds for an import too, each write announces itself (decision 014), and search indexes it
 * in the same transaction.
 */
async function write(tx: Tx, items: ContentItem[], known: Map<string, Known>, opts: ImportOptions) {
  const operator = new Guardian(operatorViewer);
  const created = new Map<string, Known>();
  const idOf = (ref: string) => (created.get(ref) ?? known.get(ref))!.targetId;
  const authors = await resolveAuthors(tx, items);
  const competences = await resolveCompetences(tx, operator, items, opts.createCompetences ?? false);
  const now = new Date();
  const when = (i: { createdAt?: string }) => (i.createdAt ? new Date(i.createdAt) : now);
  let done = 0;

  for (const item of items) {
    try {
      if (item.kind === "dilemma") {
        const slugs = item.competences.map((c) => competences.get(c)!);
        const input = { title: item.title, body: item.body, competences: slugs, submissionId: submissionIdOf(item.ref) };
        const imported = { at: when(item), status: item.status };
        const d = await createDilemma(operator, input, { client: tx, authorId: authors.get(item.author)!, imported });
        created.set(item.ref, { kind: "dilemma", targetId: d.id });
      } else if (item.kind === "reply") {
        const parent = (created.get(item.parent) ?? known.get(item.parent))!;
        const parentReply =
          parent.kind === "reply" ? await tx.reply.findUniqueOrThrow({ where: { id: parent.targetId }, select: { id: true, dilemmaId: true } }) : null;
        const dilemmaId = parentReply ? parentReply.dilemmaId : parent.targetId;
        const input = { body: item.body, parentId: parentReply?.id, submissionId: submissionIdOf(item.ref) };
        const imported = { authorId: authors.get(item.author)!, at: when(item) };
        const reply = await createReply(operator, dilemmaId, input, { client: tx, imported });
        created.set(item.ref, { kind: "reply", targetId: reply.id });
        if (item.accepted) await markAnswer(operator, reply.id, { client: tx });
      } else {
        const heldOn = new Date(`${item.heldOn}T00:00:00Z`);
        const input = { title: item.title, heldOn: item.heldOn, summary: item.body, takeaways: item.takeaways ?? [] };
        const m = await createReport(operator, input, { client: tx, imported: { at: heldOn } });
        created.set(item.ref, { kind: "report", targetId: m.id });
        if (item.status === "published") await publishReport(operator, m.id, { client: tx, imported: { at: heldOn } });
        for (const ref of item.dilemmas ?? []) await linkDilemma(operator, m.id, { dilemma: idOf(ref), kind: "raised" }, { client: tx });
      }
    } catch (error) {
      const said = refusal(error);
      if (said !== null) throw new RefusedLine(item.line, said);
      throw error;
    }
    await tx.contentImportRef.create({ data: { ref: item.ref, kind: item.kind, targetId: idOf(item.ref) } });
    done++;
    if (done % 100 === 0 || done === items.length) opts.onProgress?.("writing", done, items.length);
  }
  return created;
}

/** Author handles → member ids; an unknown handle becomes a placeholder member. */
async function resolveAuthors(tx: Tx, items: ContentItem[]): Promise<Map<string, number>> {
  const names = [...new Set(items.flatMap((i) => (i.kind === "report" ? [] : [i.author])))];
  const out = new Map<string, number>();
  for (const name of names) {
    const handle = /^[a-z0-9]+(?:-[a-z0-9]+)*$/i.test(name) ? name : handleBase(name);
    const existing = await tx.user.findUnique({ where: { handle }, select: { id: true } });
    const id =
      existing?.id ??
      (await tx.user.create({ data: { handle, displayName: name, role: "member" }, select: { id: true } })).id;
    out.set(name, id);
  }
  return out;
}

/** The slug of every competence the file names; with `create`, missing ones are made (by createCompetence). */
async function resolveCompetences(tx: Tx, operator: Guardian, items: ContentItem[], create: boolean): Promise<Map<string, string>> {
  const values = [...new Set(items.flatMap((i) => (i.kind === "dilemma" ? i.competences : [])))];
  const competences = await competenceResolver(tx);
  const slugs = new Map((await tx.competence.findMany({ select: { id: true, slug: true } })).map((c) => [c.id, c.slug]));
  const out = new Map<string, string>();
  for (const value of values) {
    const id = competences.idOf(value);
    if (id !== undefined) {
      out.set(value, slugs.get(id)!);
    } else if (create) {
      // A slug-like value becomes a readable name ("eigen-kracht" → "Eigen kracht").
      const name = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? value.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()) : value.trim();
      const input = parseOrInvalid(CompetenceSchema, { nameNl: name, nameEn: name, synonyms: "", descriptionMd: "" });
      const made = await createCompetence(operator, input, { client: tx, imported: true });
      competences.remember(value, made.id, made.slug);
      slugs.set(made.id, made.slug);
      out.set(value, made.slug);
    }
  }
  return out;
}

async function urlsOf(items: ContentItem[], targets: Map<string, Known>): Promise<Map<string, string>> {
  const dilemmaIds = items.filter((i) => i.kind === "dilemma").map((i) => targets.get(i.ref)!.targetId);
  const titles = new Map(
    (await db.dilemma.findMany({ where: { id: { in: dilemmaIds } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]),
  );
  const out = new Map<string, string>();
  for (const i of items) {
    const id = targets.get(i.ref)!.targetId;
    out.set(
      i.ref,
      i.kind === "dilemma" ? dilemmaPath({ id, title: titles.get(id) ?? "" }) : i.kind === "reply" ? replyPermalink(id) : meetingPath({ id }),
    );
  }
  return out;
}
