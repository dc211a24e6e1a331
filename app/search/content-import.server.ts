import { dilemmaPath } from "~/dilemmas/paths";
import { handleBase } from "~/accounts/handles.server";
import type { Prisma } from "~/generated/prisma/client";
import { meetingPath } from "~/meetings/paths";
import { db } from "~/platform/db.server";
import { renderMarkdown } from "~/platform/markdown.server";
import { replyPermalink } from "~/replies/paths";
import { competenceSlugBase } from "~/competences/slug";
import { childPath, depthOf, SEGMENT_WIDTH } from "~/replies/thread-path";
import {
  parseContentLines,
  type ContentItem,
  type DilemmaItem,
  type LineError,
  type ReplyItem,
  type ReportItem,
} from "./content-lines";
import {
  dilemmaDocument,
  loadDilemmas,
  loadReplies,
  loadReports,
  replyDocument,
  reportDocument,
  writeDocuments,
  type IndexedDocument,
} from "./documents.server";

// `npm run content:import -- --file F.jsonl`: dilemmas, replies and meeting reports from JSON
// Lines (see content-lines.ts), for moving a circle's history into the forum. Every line is
// checked first, against the file and the database; one bad line and nothing is written. Then
// everything is written in one transaction, indexed for search in the same transaction, and
// each ref remembered (ContentImportRef), so running the same file again changes nothing.
// Authors the forum does not know become placeholder members (no e-mail, no password: they
// cannot log in); a competence is named by slug or by name, and an unknown one is an error
// unless createCompetences. Items may come in any order: parents are written first.

type Tx = Prisma.TransactionClient;

export type ImportOptions = {
  createCompetences?: boolean;
  /** Progress for long files (the script writes it to stderr). */
  onProgress?: (phase: "writing" | "indexing", done: number, total: number) => void;
};

export type ImportedItem = { ref: string; url: string; created: boolean };

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

  const created = await db.$transaction((tx) => write(tx, writeOrder(fresh), known, opts), { timeout: 60 * 60_000, maxWait: 30_000 });
  const urls = await urlsOf(items, new Map([...known, ...created]));
  return { ok: true, items: items.map((i) => ({ ref: i.ref, url: urls.get(i.ref)!, created: created.has(i.ref) })), warnings };
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

async function write(tx: Tx, items: ContentItem[], known: Map<string, Known>, opts: ImportOptions) {
  const created = new Map<string, Known>();
  const idOf = (ref: string) => (created.get(ref) ?? known.get(ref))!.targetId;
  const authors = await resolveAuthors(tx, items);
  const competenceIds = await resolveCompetences(tx, items, opts.createCompetences ?? false);
  const now = new Date();
  const when = (i: { createdAt?: string }) => (i.createdAt ? new Date(i.createdAt) : now);
  const touched = new Map<number, { replies: number; last: Date; accepted: number | null }>();
  const nextSequence = new Map<string, number>(); // "dilemmaId/parentPath" → next sibling number
  const docs = { dilemma: [] as number[], reply: [] as number[], report: [] as number[] };
  let done = 0;
  const progress = () => {
    done++;
    if (done % 100 === 0 || done === items.length) opts.onProgress?.("writing", done, items.length);
  };

  for (const item of items) {
    if (item.kind === "dilemma") {
      const d = await createDilemma(tx, item, authors, competenceIds, when(item));
      created.set(item.ref, { kind: "dilemma", targetId: d });
      docs.dilemma.push(d);
    } else if (item.kind === "reply") {
      const parent = (created.get(item.parent) ?? known.get(item.parent))!;
      const parentReply =
        parent.kind === "reply"
          ? await tx.reply.findUniqueOrThrow({ where: { id: parent.targetId }, select: { id: true, path: true, dilemmaId: true } })
          : null;
      const dilemmaId = parentReply ? parentReply.dilemmaId : parent.targetId;
      const key = `${dilemmaId}/${parentReply?.path ?? ""}`;
      let sequence = nextSequence.get(key);
      if (sequence === undefined) {
        const last = await tx.reply.findFirst({
          where: { dilemmaId, parentId: parentReply?.id ?? null },
          orderBy: { path: "desc" },
          select: { path: true },
        });
        sequence = last ? Number(last.path.slice(-SEGMENT_WIDTH)) + 1 : 1;
      }
      nextSequence.set(key, sequence + 1);
      const path = childPath(parentReply?.path ?? null, sequence);
      const at = when(item);
      const reply = await tx.reply.create({
        data: {
          dilemmaId,
          parentId: parentReply?.id ?? null,
          authorId: authors.get(item.author)!,
          bodyMd: item.body,
          bodyHtml: renderMarkdown(item.body),
          path,
          depth: depthOf(path),
          createdAt: at,
          updatedAt: at,
        },
        select: { id: true },
      });
      created.set(item.ref, { kind: "reply", targetId: reply.id });
      docs.reply.push(reply.id);
      const t = touched.get(dilemmaId) ?? { replies: 0, last: at, accepted: null };
      t.replies++;
      if (at > t.last) t.last = at;
      if (item.accepted) t.accepted = reply.id;
      touched.set(dilemmaId, t);
    } else {
      const m = await createReport(tx, item);
      created.set(item.ref, { kind: "report", targetId: m });
      docs.report.push(m);
      for (const ref of item.dilemmas ?? []) {
        await tx.meetingDilemma.createMany({
          data: [{ meetingId: m, dilemmaId: idOf(ref), kind: "raised" }],
          skipDuplicates: true,
        });
      }
    }
    await tx.contentImportRef.create({ data: { ref: item.ref, kind: item.kind, targetId: idOf(item.ref) } });
    progress();
  }

  for (const [dilemmaId, t] of touched) {
    await tx.$executeRaw`
      UPDATE "Dilemma" SET "replyCount" = "replyCount" + ${t.replies},
        "lastActivityAt" = GREATEST("lastActivityAt", ${t.last}),
        "acceptedReplyId" = coalesce(${t.accepted}::int, "acceptedReplyId"),
        status = CASE WHEN ${t.accepted}::int IS NULL THEN status ELSE 'answered' END
      WHERE id = ${dilemmaId}`;
  }
  await indexImported(tx, docs, [...touched.keys()], opts);
  return created;
}

async function createDilemma(
  tx: Tx,
  item: DilemmaItem,
  authors: Map<string, number>,
  competenceIds: Map<string, number>,
  at: Date,
): Promise<number> {
  const d = await tx.dilemma.create({
    data: {
      title: item.title,
      bodyMd: item.body,
      bodyHtml: renderMarkdown(item.body),
      authorId: authors.get(item.author)!,
      status: item.status,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      competences: { create: [...new Set(item.competences.map((c) => competenceIds.get(c)!))].map((competenceId) => ({ competenceId })) },
    },
    select: { id: true },
  });
  return d.id;
}

async function createReport(tx: Tx, item: ReportItem): Promise<number> {
  const heldOn = new Date(`${item.heldOn}T00:00:00Z`);
  const m = await tx.meeting.create({
    data: {
      title: item.title,
      heldOn,
      status: item.status,
      summaryMd: item.body,
      summaryHtml: renderMarkdown(item.body),
      takeaways: item.takeaways ?? [],
      publishedAt: item.status === "published" ? heldOn : null,
      createdAt: heldOn,
      updatedAt: heldOn,
    },
    select: { id: true },
  });
  return m.id;
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

async function resolveCompetences(tx: Tx, items: ContentItem[], create: boolean): Promise<Map<string, number>> {
  const values = [...new Set(items.flatMap((i) => (i.kind === "dilemma" ? i.competences : [])))];
  const competences = await competenceResolver(tx);
  const out = new Map<string, number>();
  for (const value of values) {
    let id = competences.idOf(value);
    if (id === undefined && create) {
      const slug = competenceSlugBase(value);
      // A slug-like value becomes a readable name ("eigen-kracht" → "Eigen kracht").
      const name = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? value.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()) : value.trim();
      id = (await tx.competence.create({ data: { slug, nameNl: name, nameEn: name }, select: { id: true } })).id;
      competences.remember(value, id, slug);
    }
    if (id !== undefined) out.set(value, id);
  }
  return out;
}

const INDEX_BATCH = 200;

/** The new items (and the dilemmas whose threads changed) go into the search index now. */
async function indexImported(
  tx: Tx,
  docs: { dilemma: number[]; reply: number[]; report: number[] },
  threads: number[],
  opts: ImportOptions,
) {
  const dilemmaIds = [...new Set([...docs.dilemma, ...threads])];
  const total = dilemmaIds.length + docs.reply.length + docs.report.length;
  let done = 0;
  const step = async (ids: number[], build: (ids: number[]) => Promise<IndexedDocument[]>) => {
    for (let i = 0; i < ids.length; i += INDEX_BATCH) {
      const batch = await build(ids.slice(i, i + INDEX_BATCH));
      await writeDocuments(tx, batch, { addWords: true });
      done += Math.min(INDEX_BATCH, ids.length - i);
      opts.onProgress?.("indexing", done, total);
    }
  };
  await step(dilemmaIds, async (ids) => (await loadDilemmas(tx, ids)).map(dilemmaDocument));
  await step(docs.reply, async (ids) => (await loadReplies(tx, ids)).map((row) => replyDocument(row)).filter((d) => d !== null));
  await step(docs.report, async (ids) => (await loadReports(tx, ids)).map(reportDocument).filter((d) => d !== null));
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
