import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listCompetenceChoices } from "~/dilemmas/competence-tags.server";
import { decodeCursor } from "~/dilemmas/cursor";
import { createDilemma, findVisibleDilemmaRef } from "~/dilemmas/dilemmas.server";
import { editDilemma, getDilemmaForEdit, setDilemmaCompetences } from "~/dilemmas/edit.server";
import type { DilemmaListQuery } from "~/dilemmas/list-query";
import { listDilemmas } from "~/dilemmas/list.server";
import { hideDilemma, lockDilemma, unhideDilemma, unlockDilemma } from "~/dilemmas/moderation.server";
import { getDilemmaHistory } from "~/dilemmas/revisions.server";
import { findSimilarDilemmas } from "~/search/similar-dilemmas.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { createReply } from "~/replies/replies.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `lid-${i}`, displayName: `Lid ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

/** Fresh competences for one test, so lists and filters see only that test's dilemmas. */
async function competences(count: number, opts: { retired?: boolean } = {}): Promise<string[]> {
  const slugs: string[] = [];
  for (let i = 0; i < count; i++) {
    const slug = `competentie-${++n}`;
    await db.competence.create({
      data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}`, retiredAt: opts.retired ? new Date() : null },
    });
    slugs.push(slug);
  }
  return slugs;
}

const ask = (tags: string[], overrides: Partial<{ title: string; body: string; submissionId: string }> = {}) => ({
  title: `Hoe pak je situatie ${++n} aan?`,
  body: "**Situatie:** een buurtgroep stopt.\n\n**Mijn vraag:** wat doe jij?",
  competences: tags,
  submissionId: randomUUID(),
  ...overrides,
});

async function invalidFields(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fieldErrors;
}

const query = (overrides: Partial<DilemmaListQuery> = {}): DilemmaListQuery => ({
  competences: [],
  status: null,
  unanswered: false,
  after: null,
  before: null,
  ...overrides,
});

describe("asking a dilemma", () => {
  it("stores title, text, rendered HTML and the chosen competences", async () => {
    const asker = await member();
    const tags = await competences(2);
    const created = await createDilemma(asker, ask(tags, { title: "  Hoe houd je vrijwilligers vast?  " }));
    expect(created.created).toBe(true);
    const row = await db.dilemma.findUniqueOrThrow({
      where: { id: created.id },
      include: { competences: { include: { competence: true } } },
    });
    expect(row.title).toBe("Hoe houd je vrijwilligers vast?");
    expect(row.authorId).toBe(asker.userId);
    expect(row.bodyHtml).toContain("<strong>Situatie:</strong>");
    expect(row.competences.map((c) => c.competence.slug).sort()).toEqual([...tags].sort());
    expect(row.status).toBe("open");
  });

  it("takes 1 to 5 competences and refuses 0 and 6", async () => {
    const asker = await member();
    const six = await competences(6);
    await expect(createDilemma(asker, ask(six.slice(0, 1)))).resolves.toMatchObject({ created: true });
    await expect(createDilemma(asker, ask(six.slice(0, 5)))).resolves.toMatchObject({ created: true });
    expect(await invalidFields(createDilemma(asker, ask([])))).toEqual({ competences: ["dilemmas.errors.competencesMin"] });
    expect(await invalidFields(createDilemma(asker, ask(six)))).toEqual({ competences: ["dilemmas.errors.competencesMax"] });
  });

  it("refuses a retired or unknown competence", async () => {
    const asker = await member();
    const [current] = await competences(1);
    const [retired] = await competences(1, { retired: true });
    expect(await invalidFields(createDilemma(asker, ask([current!, retired!])))).toEqual({
      competences: ["dilemmas.errors.competenceRetired"],
    });
    expect(await invalidFields(createDilemma(asker, ask([current!, "bestaat-niet"])))).toEqual({
      competences: ["dilemmas.errors.competenceUnknown"],
    });
    expect(await db.dilemma.count({ where: { authorId: asker.userId! } })).toBe(0);
  });

  it("offers only current competences to choose from", async () => {
    const [current] = await competences(1);
    const [retired] = await competences(1, { retired: true });
    const slugs = (await listCompetenceChoices()).map((c) => c.slug);
    expect(slugs).toContain(current);
    expect(slugs).not.toContain(retired);
  });

  it("refuses an oversized title or text with the field that is too long", async () => {
    const asker = await member();
    const tags = await competences(1);
    expect(await invalidFields(createDilemma(asker, ask(tags, { title: "x".repeat(161) })))).toEqual({
      title: ["errors.tooLong?max=160"],
    });
    expect(await invalidFields(createDilemma(asker, ask(tags, { body: "x".repeat(20_001) })))).toEqual({
      body: ["errors.tooLong?max=20000"],
    });
    expect(await invalidFields(createDilemma(asker, ask(tags, { title: "   ", body: "" })))).toEqual({
      title: ["errors.required"],
      body: ["errors.required"],
    });
    await expect(createDilemma(asker, ask(tags, { title: "x".repeat(160), body: "y".repeat(20_000) }))).resolves.toMatchObject(
      { created: true },
    );
  });

  it("creates one dilemma when the same form arrives twice, one after the other or at once", async () => {
    const asker = await member();
    const tags = await competences(1);
    const form = ask(tags);
    const first = await createDilemma(asker, form);
    const again = await createDilemma(asker, form);
    expect(again).toEqual({ id: first.id, title: first.title, held: false, created: false });

    const raced = ask(tags);
    const results = await Promise.all([createDilemma(asker, raced), createDilemma(asker, raced), createDilemma(asker, raced)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.dilemma.count({ where: { authorId: asker.userId!, title: raced.title } })).toBe(1);
  });

  it("keeps two different members' forms apart even with the same submission id", async () => {
    const [a, b] = [await member(), await member()];
    const tags = await competences(1);
    const submissionId = randomUUID();
    const fromA = await createDilemma(a, ask(tags, { submissionId }));
    const fromB = await createDilemma(b, ask(tags, { submissionId }));
    expect(fromB.id).not.toBe(fromA.id);
    expect(fromB.created).toBe(true);
  });

  it("is for members only", async () => {
    const tags = await competences(1);
    await expect(createDilemma(visitor, ask(tags))).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("the dilemma list", () => {
  /** Dilemmas with the given minutes of last activity (ids ascending in the given order). */
  async function dilemmasAt(asker: Guardian, tags: string[], minutes: number[]): Promise<number[]> {
    const ids: number[] = [];
    for (const minute of minutes) {
      const { id } = await createDilemma(asker, ask(tags));
      await db.dilemma.update({ where: { id }, data: { lastActivityAt: new Date(Date.UTC(2026, 0, 1, 12, minute)) } });
      ids.push(id);
    }
    return ids;
  }
  const idsOf = (page: { items: { id: number }[] }) => page.items.map((d) => d.id);

  it("puts the newest activity first and breaks ties by id", async () => {
    const asker = await member();
    const [tag] = await competences(1);
    const [a, b, c] = await dilemmasAt(asker, [tag!], [5, 10, 10]);
    const page = await listDilemmas(asker, query({ competences: [tag!] }));
    expect(idsOf(page)).toEqual([c, b, a]);
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
  });

  it("pages by keyset: new dilemmas arriving between pages do not shift the next page", async () => {
    const asker = await member();
    const [tag] = await competences(1);
    const ids = await dilemmasAt(asker, [tag!], [1, 2, 3, 4, 5, 6, 7]); // newest last
    const newestFirst = [...ids].reverse();

    const first = await listDilemmas(asker, query({ competences: [tag!] }), { pageSize: 3 });
    expect(idsOf(first)).toEqual(newestFirst.slice(0, 3));
    expect(first.previous).toBeNull();
    expect(first.next).not.toBeNull();

    // Two dilemmas are asked (now, so newest of all) while the reader looks at page 1.
    await createDilemma(asker, ask([tag!]));
    await createDilemma(asker, ask([tag!]));

    const second = await listDilemmas(asker, query({ competences: [tag!], after: decodeCursor(first.next) }), { pageSize: 3 });
    expect(idsOf(second)).toEqual(newestFirst.slice(3, 6));
    const third = await listDilemmas(asker, query({ competences: [tag!], after: decodeCursor(second.next) }), { pageSize: 3 });
    expect(idsOf(third)).toEqual(newestFirst.slice(6));
    expect(third.next).toBeNull();

    // Back from page 3 and 2: the same pages as on the way forward.
    const back2 = await listDilemmas(asker, query({ competences: [tag!], before: decodeCursor(third.previous) }), { pageSize: 3 });
    expect(idsOf(back2)).toEqual(newestFirst.slice(3, 6));
    const back1 = await listDilemmas(asker, query({ competences: [tag!], before: decodeCursor(back2.previous) }), { pageSize: 3 });
    expect(idsOf(back1)).toEqual(newestFirst.slice(0, 3));
    // Before that: the two new ones. Near the top a page would be short, so the real first
    // page comes instead (full, newest first, no "Vorige").
    expect(back1.previous).not.toBeNull();
    const top = await listDilemmas(asker, query({ competences: [tag!], before: decodeCursor(back1.previous) }), { pageSize: 3 });
    expect(top.items).toHaveLength(3);
    expect(top.previous).toBeNull();
    expect(idsOf(top)[2]).toBe(newestFirst[0]);
  });

  it("moves a dilemma to the top of its competence's list when it gets a reply, and follows re-tagging", async () => {
    const [asker, replier] = [await member(), await member()];
    const [tag, other] = await competences(2);
    const [old, , newest] = await dilemmasAt(asker, [tag!], [1, 2, 3]);
    await createReply(replier, old!, { body: "Bij ons werkte een vaste avond per maand.", submissionId: randomUUID() });
    expect(idsOf(await listDilemmas(asker, query({ competences: [tag!] })))[0]).toBe(old);
    // Tagged anew: the new tag lists it by its own last activity too, before the older ones.
    await setDilemmaCompetences(asker, newest!, [other!]);
    expect(idsOf(await listDilemmas(asker, query({ competences: [other!] })))).toEqual([newest]);
    expect(idsOf(await listDilemmas(asker, query({ competences: [tag!] })))).not.toContain(newest);
  });

  it("filters by competence (any of several), status and unanswered", async () => {
    const asker = await member();
    const [x, y, z] = await competences(3);
    const onX = await createDilemma(asker, ask([x!]));
    const onY = await createDilemma(asker, ask([y!]));
    const onXZ = await createDilemma(asker, ask([x!, z!]));
    await db.dilemma.update({ where: { id: onX.id }, data: { status: "answered", replyCount: 2 } });
    await db.dilemma.update({ where: { id: onY.id }, data: { replyCount: 1 } });
    const ids = async (q: Partial<DilemmaListQuery>) => idsOf(await listDilemmas(asker, query(q))).sort();

    expect(await ids({ competences: [x!] })).toEqual([onX.id, onXZ.id].sort());
    expect(await ids({ competences: [y!, z!] })).toEqual([onY.id, onXZ.id].sort());
    expect(await ids({ competences: [x!, y!, z!], status: "answered" })).toEqual([onX.id]);
    expect(await ids({ competences: [x!, y!, z!], status: "open" })).toEqual([onY.id, onXZ.id].sort());
    expect(await ids({ competences: [x!, y!, z!], unanswered: true })).toEqual([onXZ.id]);
    expect(await ids({ competences: ["bestaat-niet"] })).toEqual([]);
  });

  it("lists hidden dilemmas only for staff and their asker, marked hidden", async () => {
    const [asker, other, organiser] = [await member(), await member(), await member("organiser")];
    const [tag] = await competences(1);
    const visible = await createDilemma(asker, ask([tag!]));
    const hidden = await createDilemma(asker, ask([tag!]));
    await hideDilemma(organiser, hidden.id, "Er staat een naam van een bewoner in.");
    const seen = async (g: Guardian) =>
      (await listDilemmas(g, query({ competences: [tag!] }))).items.map((d) => ({ id: d.id, hidden: d.hidden }));

    expect(await seen(other)).toEqual([{ id: visible.id, hidden: false }]);
    expect(await seen(visitor)).toEqual([{ id: visible.id, hidden: false }]);
    expect(await seen(asker)).toEqual([
      { id: hidden.id, hidden: true },
      { id: visible.id, hidden: false },
    ]);
    expect(await seen(organiser)).toEqual(await seen(asker));
  });
});

describe("similar dilemmas", () => {
  it("finds a dilemma with a near title, and not unrelated ones", async () => {
    const asker = await member();
    const tags = await competences(1);
    const target = await createDilemma(asker, ask(tags, { title: "Hoe houd je bewoners betrokken" }));
    await createDilemma(asker, ask(tags, { title: "Wat doe je met klachten over parkeren?" }));

    const found = await findSimilarDilemmas(visitor, "Hoe hou je bewoners betrokken?", 5);
    expect(found[0]).toMatchObject({ id: target.id, title: "Hoe houd je bewoners betrokken" });
    expect(found.map((d) => d.title)).not.toContain("Wat doe je met klachten over parkeren?");
    expect(await findSimilarDilemmas(visitor, "zorg dat bewoners betrokken blijven", 5)).toContainEqual(
      expect.objectContaining({ id: target.id }),
    );
    expect(await findSimilarDilemmas(visitor, "roosters voor de kerstvakantie", 5)).toEqual([]);
    expect(await findSimilarDilemmas(visitor, "hoe", 5)).toEqual([]); // nothing but small words
  });

  it("looks at the text too, and returns at most the limit", async () => {
    const asker = await member();
    const tags = await competences(1);
    for (let i = 0; i < 7; i++) {
      await createDilemma(asker, ask(tags, { title: `Buurtkamer openhouden zonder subsidie ${i}` }));
    }
    expect(await findSimilarDilemmas(visitor, "buurtkamer openhouden zonder subsidie", 5)).toHaveLength(5);
    const byText = await createDilemma(
      asker,
      ask(tags, { title: "Een lastige vraag over geld", body: "De gemeente stopt met de vergoeding voor de speeltuinvereniging." }),
    );
    expect((await findSimilarDilemmas(visitor, "vergoeding speeltuinvereniging stopt", 5)).map((d) => d.id)).toContain(
      byText.id,
    );
  });

  it("puts dilemmas that share more of the words first, down to half of them", async () => {
    const asker = await member();
    const tags = await competences(1);
    const say = (title: string, body: string) => createDilemma(asker, ask(tags, { title, body }));
    // Two words, in the title and over and over in the text: a strong match on few words.
    const twoStrong = await say("Zwembadbezoek met de wandelclub", "Zwembadbezoek, zwembadbezoek: de wandelclub wil het.");
    const threeWeak = await say("Een vraag over uitjes", "Het zwembadbezoek van de wandelclub kost een taxibus.");
    const allFour = await say("Nog een vraag", "Zwembadbezoek met de wandelclub: ruzie over de taxibus.");
    const oneWord = await say("Zwembadbezoek", "Zwembadbezoek, zwembadbezoek en nog eens zwembadbezoek.");
    const query = "zwembadbezoek wandelclub taxibus ruzie";
    const found = (await findSimilarDilemmas(visitor, query, 5)).map((d) => d.id);
    expect(found).toEqual([allFour.id, threeWeak.id, twoStrong.id]);
    expect(found).not.toContain(oneWord.id); // one of four words is less than half
    expect((await findSimilarDilemmas(visitor, query, 2)).map((d) => d.id)).toEqual([allFour.id, threeWeak.id]);
  });

  it("never suggests a hidden dilemma, not to members, staff or the asker", async () => {
    const [asker, organiser] = [await member(), await member("organiser")];
    const tags = await competences(1);
    const hidden = await createDilemma(asker, ask(tags, { title: "Wijkfeest organiseren met jongeren uit de flat" }));
    await hideDilemma(organiser, hidden.id, "Dubbel geplaatst.");
    for (const g of [visitor, await member(), asker, organiser]) {
      const found = await findSimilarDilemmas(g, "wijkfeest organiseren met jongeren", 5);
      expect(found.map((d) => d.id)).not.toContain(hidden.id);
    }
    await unhideDilemma(organiser, hidden.id);
    expect((await findSimilarDilemmas(visitor, "wijkfeest organiseren met jongeren", 5)).map((d) => d.id)).toContain(hidden.id);
  });
});

describe("editing a dilemma", () => {
  it("stores the previous title and text as a revision and renders the new text", async () => {
    const asker = await member();
    const tags = await competences(2);
    const original = ask([tags[0]!], { title: "Eerste titel van mijn vraag", body: "Eerste tekst." });
    const { id } = await createDilemma(asker, original);

    const saved = await editDilemma(asker, id, { title: "Betere titel", body: "Eerste tekst.\n\n*Nieuwe* alinea.", competences: tags });
    expect(saved).toEqual({ id, title: "Betere titel", changed: true });
    const row = await db.dilemma.findUniqueOrThrow({ where: { id }, include: { competences: true } });
    expect(row.bodyHtml).toContain("<em>Nieuwe</em>");
    expect(row.competences).toHaveLength(2);

    const revisions = await db.revision.findMany({ where: { subjectType: "dilemma", subjectId: id } });
    expect(revisions).toEqual([
      expect.objectContaining({ title: "Eerste titel van mijn vraag", bodyMd: "Eerste tekst.", editorId: asker.userId }),
    ]);

    const history = await getDilemmaHistory(await member(), id);
    expect(history.edits).toHaveLength(1);
    expect(history.edits[0]).toMatchObject({
      before: { title: "Eerste titel van mijn vraag", bodyMd: "Eerste tekst." },
      after: { title: "Betere titel", bodyMd: "Eerste tekst.\n\n*Nieuwe* alinea." },
      editor: { displayName: expect.stringMatching(/^Lid /) },
    });
  });

  it("keeps no revision when only the competences change", async () => {
    const asker = await member();
    const tags = await competences(2);
    const form = ask([tags[0]!]);
    const { id } = await createDilemma(asker, form);
    const saved = await editDilemma(asker, id, { title: form.title, body: form.body, competences: [tags[1]!] });
    expect(saved.changed).toBe(true);
    expect(await db.revision.count({ where: { subjectType: "dilemma", subjectId: id } })).toBe(0);
    expect((await getDilemmaForEdit(asker, id)).competences).toEqual([tags[1]]);
  });

  it("lets only the asker edit: another member changing the id gets Forbidden", async () => {
    const [asker, other, organiser] = [await member(), await member(), await member("organiser")];
    const tags = await competences(1);
    const { id, title } = await createDilemma(asker, ask(tags));
    const change = { title: "Overgenomen", body: "Andere woorden.", competences: tags };
    await expect(editDilemma(other, id, change)).rejects.toBeInstanceOf(Forbidden);
    await expect(editDilemma(organiser, id, change)).rejects.toBeInstanceOf(Forbidden);
    await expect(editDilemma(visitor, id, change)).rejects.toBeInstanceOf(Forbidden);
    await expect(getDilemmaForEdit(other, id)).rejects.toBeInstanceOf(Forbidden);
    await expect(editDilemma(asker, 999_999, change)).rejects.toBeInstanceOf(NotFound);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).title).toBe(title);
  });

  it("checks the new text like the ask form does", async () => {
    const asker = await member();
    const tags = await competences(1);
    const { id } = await createDilemma(asker, ask(tags));
    const fields = await invalidFields(editDilemma(asker, id, { title: "x".repeat(161), body: "ok", competences: tags }));
    expect(fields).toEqual({ title: ["errors.tooLong?max=160"] });
  });

  it("keeps a retired competence the dilemma already had, but does not add one", async () => {
    const asker = await member();
    const [a, b] = await competences(2);
    const form = ask([a!]);
    const { id } = await createDilemma(asker, form);
    await db.competence.update({ where: { slug: a! }, data: { retiredAt: new Date() } });
    await expect(editDilemma(asker, id, { ...form, body: "Nieuw.", competences: [a!, b!] })).resolves.toMatchObject({
      changed: true,
    });
    const [c] = await competences(1, { retired: true });
    expect(await invalidFields(editDilemma(asker, id, { ...form, competences: [b!, c!] }))).toEqual({
      competences: ["dilemmas.errors.competenceRetired"],
    });
    const choices = (await getDilemmaForEdit(asker, id)).choices;
    expect(choices.find((x) => x.slug === a)).toMatchObject({ retired: true });
  });
});

describe("moderating a dilemma", () => {
  it("locks: the asker can no longer edit, staff still fix the tags; unlock restores", async () => {
    const [asker, organiser] = [await member(), await member("organiser")];
    const tags = await competences(2);
    const form = ask([tags[0]!]);
    const { id } = await createDilemma(asker, form);
    await expect(lockDilemma(asker, id)).rejects.toBeInstanceOf(Forbidden);
    await lockDilemma(organiser, id);
    const lockedAt = (await db.dilemma.findUniqueOrThrow({ where: { id } })).lockedAt;
    expect(lockedAt).not.toBeNull();
    await lockDilemma(organiser, id); // a second click changes nothing
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).lockedAt).toEqual(lockedAt);

    await expect(editDilemma(asker, id, { ...form, body: "Nieuw." })).rejects.toThrow(/locked/);
    await expect(setDilemmaCompetences(asker, id, tags)).rejects.toBeInstanceOf(Forbidden);
    await expect(setDilemmaCompetences(organiser, id, tags)).resolves.toMatchObject({ changed: true });

    await unlockDilemma(organiser, id);
    await expect(editDilemma(asker, id, { ...form, body: "Nieuw." })).resolves.toMatchObject({ changed: true });
  });

  it("hides with a reason the asker can read; others get NotFound", async () => {
    const [asker, other, organiser] = [await member(), await member(), await member("organiser")];
    const tags = await competences(1);
    const form = ask(tags);
    const { id } = await createDilemma(asker, form);

    await expect(hideDilemma(other, id, "Ik vind het niks.")).rejects.toBeInstanceOf(Forbidden);
    expect(await invalidFields(hideDilemma(organiser, id, "   "))).toEqual({ reason: ["dilemmas.errors.hideReasonRequired"] });
    await hideDilemma(organiser, id, "Er staat een adres in.");

    await expect(findVisibleDilemmaRef(other, id)).rejects.toBeInstanceOf(NotFound);
    await expect(findVisibleDilemmaRef(visitor, id)).rejects.toBeInstanceOf(NotFound);
    await expect(getDilemmaHistory(other, id)).rejects.toBeInstanceOf(NotFound);
    await expect(editDilemma(other, id, { ...form, body: "x" })).rejects.toBeInstanceOf(NotFound);

    // The asker still sees it, with the reason, and may fix it.
    const forAsker = await getDilemmaForEdit(asker, id);
    expect(forAsker.hiddenReason).toBe("Er staat een adres in.");
    await expect(editDilemma(asker, id, { ...form, body: "Zonder adres." })).resolves.toMatchObject({ changed: true });

    await unhideDilemma(organiser, id);
    await expect(findVisibleDilemmaRef(other, id)).resolves.toMatchObject({ id, hiddenAt: null });
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).hiddenReason).toBeNull();
  });

  it("lets staff but not other members set the tags", async () => {
    const [asker, other, admin] = [await member(), await member(), await member("admin")];
    const tags = await competences(3);
    const { id } = await createDilemma(asker, ask([tags[0]!]));
    await expect(setDilemmaCompetences(other, id, [tags[1]!])).rejects.toBeInstanceOf(Forbidden);
    await expect(setDilemmaCompetences(admin, id, [])).rejects.toBeInstanceOf(Invalid);
    await expect(setDilemmaCompetences(admin, id, [tags[1]!, tags[2]!])).resolves.toMatchObject({ changed: true });
    expect((await getDilemmaForEdit(admin, id)).competences.sort()).toEqual([tags[1], tags[2]].sort());
    expect((await getDilemmaForEdit(admin, id)).canEditText).toBe(false);
  });
});

describe("sorting the list (issue 22)", () => {
  it("puts the newest dilemma first with sort=newest, pages on by id, and keeps activity as the default", async () => {
    const asker = await member();
    const [tag] = await competences(1);
    const older = await createDilemma(asker, ask([tag!], { title: "Eerst gevraagd, later besproken?" }));
    const newer = await createDilemma(asker, ask([tag!], { title: "Daarna gevraagd, nog stil?" }));
    await createReply(await member(), older.id, { body: "Een reactie maakt het weer actief.", submissionId: randomUUID() });

    const ids = async (q: Partial<DilemmaListQuery>) => (await listDilemmas(visitor, query({ competences: [tag!], ...q }), { readLive: true })).items.map((d) => d.id);
    expect(await ids({})).toEqual([older.id, newer.id]);
    expect(await ids({ sort: "newest" })).toEqual([newer.id, older.id]);
    // Without a competence (the dilemmas' own index) too, and a page further on by its cursor.
    const first = await listDilemmas(visitor, query({ sort: "newest" }), { readLive: true, pageSize: 1 });
    expect(first.items.map((d) => d.id)).toEqual([newer.id]);
    const second = await listDilemmas(visitor, query({ sort: "newest", after: decodeCursor(first.next) }), { readLive: true, pageSize: 1 });
    expect(second.items.map((d) => d.id)).toEqual([older.id]);
  });
});
