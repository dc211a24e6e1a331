// `npm run content:import`: JSON Lines of dilemmas, replies and reports. Checked entirely before
// anything is written, idempotent on refs, indexed at once; the script itself prints one JSON
// line per item and its progress on stderr.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { importContent } from "~/search/content-import.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);
const lines = (...items: object[]) => items.map((i) => JSON.stringify(i)).join("\n") + "\n";

const dilemma = {
  ref: "imp-d1",
  kind: "dilemma",
  title: "Hoe houd je de repetitieavond van het buurtkoor levendig?",
  body: "Het **buurtkoor** krimpt. Wie heeft ideeën?",
  competences: ["koor-zang"],
  status: "open",
  author: "koorleider",
  createdAt: "2009-07-02T10:00:00Z",
};
const replyOne = { ref: "imp-r1", kind: "reply", parent: "imp-d1", body: "Zing eens buiten op het plein.", author: "sopraan" };
const replyTwo = { ref: "imp-r2", kind: "reply", parent: "imp-r1", body: "Goed plan, dat deden wij ook.", author: "koorleider", accepted: true };
const report = {
  ref: "imp-m1",
  kind: "report",
  title: "Bijeenkomst over zingen in de wijk",
  body: "Samen zingen verbindt buren.",
  heldOn: "2009-07-02",
  dilemmas: ["imp-d1"],
};

beforeAll(async () => {
  await db.competence.create({ data: { slug: "koor-zang", nameNl: "Koorzang", nameEn: "Choir singing" } });
});

describe("content import", () => {
  it("refuses a file with a bad line, naming each problem with its line number, and writes nothing", async () => {
    const text = lines(
      dilemma,
      { ...replyOne, parent: "bestaat-niet" },
      { ref: "imp-x", kind: "dilemma", title: "Kort", body: "", competences: [], author: "a" },
      { ...dilemma, ref: "imp-d9", competences: ["onbekend"] },
    ) + "{niet json\n";
    const result = await importContent(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byLine = (line: number) => result.errors.filter((e) => e.line === line).map((e) => e.message).join(" | ");
    expect(byLine(2)).toContain('parent "bestaat-niet" is not in the file');
    expect(byLine(3)).toMatch(/title needs at least 5 characters/);
    expect(byLine(3)).toMatch(/body is required/);
    expect(byLine(3)).toMatch(/competences needs 1 to 5/);
    expect(byLine(4)).toContain("unknown competence(s): onbekend");
    expect(byLine(5)).toContain("not valid JSON");
    expect(byLine(1)).toBe("");
    expect(await db.dilemma.count()).toBe(0);
    expect(await db.contentImportRef.count()).toBe(0);
  });

  it("imports dilemmas, nested replies and reports, indexed at once, and changes nothing the second time", async () => {
    const text = lines(dilemma, replyOne, replyTwo, report);
    const first = await importContent(text);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const [d, r1, , m] = first.items;
    expect(d).toMatchObject({ ref: "imp-d1", created: true, url: expect.stringMatching(/^\/dilemmas\/\d+\/hoe-houd-je-de-repetitieavond/) });
    expect(r1!.url).toMatch(/^\/replies\/\d+$/);
    expect(m!.url).toMatch(/^\/meetings\/\d+$/);

    const stored = await db.dilemma.findFirstOrThrow({ include: { replies: { orderBy: { path: "asc" } }, author: true } });
    expect(stored).toMatchObject({ status: "answered", replyCount: 2, createdAt: new Date("2009-07-02T10:00:00Z") });
    expect(stored.bodyHtml).toContain("<strong>buurtkoor</strong>");
    expect(stored.replies.map((r) => [r.path, r.depth])).toEqual([
      ["000001", 0],
      ["000001000002", 1], // numbered by the thread, as every reply is (decision 013: numbers may skip)
    ]);
    expect(stored.acceptedReplyId).toBe(stored.replies[1]!.id);
    // Unknown authors became members who cannot log in.
    expect(stored.author).toMatchObject({ handle: "koorleider", email: null, passwordHash: null });
    const meeting = await db.meeting.findFirstOrThrow({ include: { dilemmas: true } });
    expect(meeting).toMatchObject({ status: "published", heldOn: new Date("2009-07-02T00:00:00Z") });
    expect(meeting.dilemmas).toEqual([expect.objectContaining({ dilemmaId: stored.id, kind: "raised" })]);

    // "Zing eens buiten" (a reply: its dilemma does not say it) and the report "over zingen".
    const hits = (await search(visitor, searchRequestFromParams(new URLSearchParams({ q: "zingen" })))).hits;
    expect(hits.map((h) => h.kind).sort()).toEqual(["reply", "report"]);

    const counts = async () => [await db.dilemma.count(), await db.reply.count(), await db.meeting.count(), await db.user.count()];
    const before = await counts();
    const second = await importContent(text);
    expect(second.ok && second.items.map((i) => [i.url, i.created])).toEqual(first.items.map((i) => [i.url, false]));
    expect(await counts()).toEqual(before);
  });

  it("takes the file in any order, competences by slug or by name, and refuses replies in a circle", async () => {
    const reply = { ref: "ord-r2", kind: "reply", parent: "ord-r1", body: "Een reactie op de reactie.", author: "alt" };
    const first = { ref: "ord-r1", kind: "reply", parent: "ord-d1", body: "Eerst de reactie in het bestand.", author: "sopraan" };
    const meeting = { ref: "ord-m1", kind: "report", title: "Bijeenkomst over de volgorde", body: "Verslag.", heldOn: "2011-03-01T19:30:00", dilemmas: ["ord-d1"] };
    const question = { ...dilemma, ref: "ord-d1", title: "Een dilemma dat achteraan staat", competences: ["KOORZANG", "koor-zang"] };
    const result = await importContent(lines(reply, meeting, first, question));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const stored = await db.dilemma.findFirstOrThrow({
      where: { title: "Een dilemma dat achteraan staat" },
      include: { replies: { orderBy: { path: "asc" } }, competences: { include: { competence: true } }, meetings: true },
    });
    expect(stored.replies.map((r) => [r.bodyMd, r.depth])).toEqual([
      ["Eerst de reactie in het bestand.", 0],
      ["Een reactie op de reactie.", 1],
    ]);
    expect(stored.competences.map((c) => c.competence.slug)).toEqual(["koor-zang"]); // two names of one competence
    expect(stored.meetings).toHaveLength(1);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: stored.meetings[0]!.meetingId } })).heldOn.toISOString()).toBe(
      "2011-03-01T00:00:00.000Z",
    );

    // Times without an offset are Dutch time; a day alone is noon there.
    const localTime = { ...dilemma, ref: "ord-t1", title: "Een dilemma met een lokale tijd", createdAt: "2009-07-02 10:00" };
    const dayOnly = { ...dilemma, ref: "ord-t2", title: "Een dilemma met alleen een dag", createdAt: "2009-12-01" };
    const odd = { ...dilemma, ref: "ord-t3", title: "Een dilemma met een rare tijd", createdAt: "gisteren" };
    const refused = await importContent(lines(localTime, dayOnly, odd));
    expect(!refused.ok && refused.errors.map((e) => e.line)).toEqual([3]);
    expect((await importContent(lines(localTime, dayOnly))).ok).toBe(true);
    const local = await db.dilemma.findFirstOrThrow({ where: { title: "Een dilemma met een lokale tijd" } });
    const day = await db.dilemma.findFirstOrThrow({ where: { title: "Een dilemma met alleen een dag" } });
    expect([local.createdAt.toISOString(), day.createdAt.toISOString()]).toEqual(["2009-07-02T08:00:00.000Z", "2009-12-01T11:00:00.000Z"]);

    // A name the forum lacks becomes a competence of that name, with a slug made from it.
    const created = await importContent(lines({ ...dilemma, ref: "ord-d2", competences: ["Samen zingen"] }), { createCompetences: true });
    expect(created.ok).toBe(true);
    expect(await db.competence.findUnique({ where: { slug: "samen-zingen" } })).toMatchObject({ nameNl: "Samen zingen" });

    const circle = await importContent(
      lines(
        { ref: "ring-a", kind: "reply", parent: "ring-b", body: "A", author: "ringer" },
        { ref: "ring-b", kind: "reply", parent: "ring-a", body: "B", author: "ringer" },
      ),
    );
    expect(circle.ok).toBe(false);
    if (!circle.ok) expect(circle.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'replies answer each other in a circle (through "ring-b")'],
      [2, 'replies answer each other in a circle (through "ring-a")'],
    ]);
  });

  it("creates missing competences only when asked to", async () => {
    const item = { ...dilemma, ref: "imp-d2", competences: ["nieuwe-competentie"] };
    expect((await importContent(lines(item))).ok).toBe(false);
    const result = await importContent(lines(item), { createCompetences: true });
    expect(result.ok).toBe(true);
    expect(await db.competence.findUnique({ where: { slug: "nieuwe-competentie" } })).toMatchObject({ nameNl: "Nieuwe competentie" });
  });

  it("writes through the forms' own rules, and announces each item as an import by the operator", async () => {
    // A retired competence: the line checks know nothing of it, the dilemma's writer does.
    await db.competence.create({ data: { slug: "oud-vak", nameNl: "Oud vak", nameEn: "Old craft", retiredAt: new Date() } });
    const refused = await importContent(lines({ ...dilemma, ref: "rule-d1", competences: ["oud-vak"] }));
    expect(!refused.ok && refused.errors).toEqual([{ line: 1, message: "competences: dilemmas.errors.competenceRetired" }]);
    expect(await db.contentImportRef.count({ where: { ref: "rule-d1" } })).toBe(0);

    const result = await importContent(
      lines({ ...dilemma, ref: "ev-d1", title: "Een dilemma dat zich aankondigt" }, { ...replyOne, ref: "ev-r1", parent: "ev-d1", accepted: true }),
    );
    expect(result.ok).toBe(true);
    const ref = async (r: string) => (await db.contentImportRef.findUniqueOrThrow({ where: { ref: r } })).targetId;
    const [d, r] = [await ref("ev-d1"), await ref("ev-r1")];
    const events = await database.query<{ type: string; subjectId: number; actorId: number | null; payload: Record<string, unknown> }>(
      `SELECT type, "subjectId", "actorId", payload FROM "DomainEvent"
       WHERE ("subjectId" = $1 AND type LIKE 'dilemma.%') OR ("subjectId" = $2 AND type LIKE 'reply.%') ORDER BY id`,
      [d, r],
    );
    const author = await db.user.findUniqueOrThrow({ where: { handle: "sopraan" } });
    expect(events).toEqual([
      { type: "dilemma.created", subjectId: d, actorId: null, payload: expect.objectContaining({ imported: true }) },
      { type: "reply.created", subjectId: r, actorId: null, payload: { dilemmaId: d, parentId: null, authorId: author.id, imported: true, held: false } },
      { type: "reply.marked_answer", subjectId: r, actorId: null, payload: { dilemmaId: d, authorId: author.id, previousReplyId: null } },
    ]);
  });

  it("runs as a command: JSON lines on stdout, problems and progress on stderr", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-import-"));
    const good = path.join(dir, "good.jsonl");
    const bad = path.join(dir, "bad.jsonl");
    fs.writeFileSync(good, lines({ ...dilemma, ref: "cli-d1", title: "Een dilemma uit de oude kring" }, { ...replyOne, ref: "cli-r1", parent: "cli-d1", legacyId: 17 }));
    fs.writeFileSync(bad, lines({ ...dilemma, ref: "cli-d2", kind: "vraag" }));
    const run = (file: string) =>
      spawnSync("npx", ["tsx", "scripts/content-import.ts", "--file", file], {
        env: { ...process.env, DATABASE_URL: database.url, KK_LANG: "nl" },
        encoding: "utf8",
        timeout: 60_000,
      });
    const ok = run(good);
    expect(ok.status, ok.stderr).toBe(0);
    const out = ok.stdout.trim().split("\n").map((l) => JSON.parse(l) as { ref: string; url: string });
    expect(out).toEqual([
      { ref: "cli-d1", url: expect.stringMatching(/^\/dilemmas\/\d+\/een-dilemma-uit-de-oude-kring$/) },
      { ref: "cli-r1", url: expect.stringMatching(/^\/replies\/\d+$/) },
    ]);
    expect(ok.stderr).toContain("writing 2/2");
    // A field the format does not have is left out, with a warning, not refused.
    expect(ok.stderr).toContain("regel 2: ignored unknown field(s): legacyId");
    expect(ok.stderr).toContain("2 nieuw(e) item(s) geïmporteerd");
    const refused = run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain("regel 1: ");
    expect(refused.stderr).toContain("Er is niets geïmporteerd");
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
