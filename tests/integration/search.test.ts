// Search as members use it: what they find after each kind of write (the index follows every
// change), what they may not find (the Guardian's visibility rules), filters with their counts,
// folding of threads, phrases and exclusions, highlighting that cannot inject HTML, "Bedoelde
// je", synonyms organisers add, and the similar-dilemmas lookup on the same engine.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma, setDilemmaCompetences } from "~/dilemmas/edit.server";
import { hideDilemma, unhideDilemma } from "~/dilemmas/moderation.server";
import { findSimilarDilemmas } from "~/search/similar-dilemmas.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid } from "~/platform/errors.server";
import { linkDilemma, searchDilemmas, unlinkDilemma } from "~/meetings/links.server";
import { findDilemmaIds } from "~/search/dilemma-finder.server";
import { createReport, deleteMeeting, editReport, publishReport } from "~/meetings/reports.server";
import { createReply, deleteReply, editReply, hideReply, markAnswer, unhideReply, unmarkAnswer } from "~/replies/replies.server";
import { toApiResponse } from "~/search/api.server";
import { competenceCache } from "~/search/competence-terms.server";
import { indexReply, indexReport } from "~/search/indexer.server";
import { eraseAccount } from "~/rights/erase.server";
import { searchRequestFromParams, type SearchRequest } from "~/search/params";
import { ensureSearchIndexCurrent, reindexAll, searchIndexIsCurrent } from "~/search/reindex.server";
import { search, type SearchHit } from "~/search/search.server";
import { createSynonymGroup, deleteSynonymGroup } from "~/search/synonyms.server";
import { forgetCommonWords } from "~/search/vocabulary.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `zoeker-${i}`, displayName: `Zoeker ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}

async function competence(nameNl = `Competentie ${++n}`, synonyms: string[] = []): Promise<string> {
  const slug = `competentie-${++n}`;
  await db.competence.create({ data: { slug, nameNl, nameEn: nameNl, synonyms } });
  competenceCache.invalidate();
  return slug;
}

const ask = (asker: Guardian, title: string, body: string, tags: string[]) =>
  createDilemma(asker, { title, body, competences: tags, submissionId: randomUUID() });
const reply = (author: Guardian, dilemmaId: number, body: string, parentId?: number) =>
  createReply(author, dilemmaId, { body, parentId, submissionId: randomUUID() });

const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({
  ...searchRequestFromParams(new URLSearchParams({ q })),
  ...more,
});
async function found(guardian: Guardian, q: string, more: Partial<SearchRequest> = {}): Promise<SearchHit[]> {
  return (await search(guardian, request(q, more))).hits;
}
const ids = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.id}`);
const text = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

/** A word no other test uses, so each test sees only its own posts. */
const word = (stem: string) => `${stem}${++n}x`;

describe("the index follows every write", () => {
  it("indexes a new reply as a re-index would, with its thread's title, status and competences", async () => {
    const [asker, helper] = [await member(), await member()];
    const tag = await competence();
    const w = word("regenton");
    const d = await ask(asker, "Wie betaalt de regentonnen?", "De buurt wil regentonnen.", [tag]);
    const first = await reply(helper, d.id, "Een ton kost weinig.");
    const r = await reply(asker, d.id, `Ook een ${w} voor de school.`, first.id);
    const stored = () =>
      database.query(
        `SELECT s."dilemmaId", s."competenceIds", s.status, s.date, s.answer, s."authorId", s.hidden, s."threadAuthorId",
                s."threadHidden", s.doc::text AS doc, t.title, t.body
         FROM "SearchDocument" s JOIN "SearchText" t ON t."documentId" = s.id WHERE s.kind = 'reply' AND s."sourceId" = $1`,
        [r.id],
      );
    const asPosted = await stored();
    expect(asPosted).toHaveLength(1);
    expect(asPosted[0]).toMatchObject({ dilemmaId: d.id, status: "open", title: "Wie betaalt de regentonnen?" });
    await indexReply(db, r.id);
    expect(await stored()).toEqual(asPosted);
    expect(ids(await found(visitor, w))).toEqual([`reply:${r.id}`]);
  });

  it("finds a new dilemma at once, by its title and text, and an edit replaces the old words", async () => {
    const asker = await member();
    const tag = await competence();
    const [a, b] = [word("kookclub"), word("fietsplan")];
    const d = await ask(asker, `Hoe start ik een ${a}?`, `We willen in de wijk een ${a} beginnen.`, [tag]);
    expect(ids(await found(visitor, a))).toEqual([`dilemma:${d.id}`]);

    await editDilemma(asker, d.id, { title: `Hoe start ik een ${b}?`, body: "Andere tekst.", competences: [tag] });
    expect(await found(visitor, a)).toEqual([]);
    expect(ids(await found(visitor, b))).toEqual([`dilemma:${d.id}`]);
  });

  it("finds replies, folds a thread into one result and links a reply to its permalink", async () => {
    const [asker, other] = [await member(), await member()];
    const tag = await competence();
    const w = word("buurtbarbecue");
    const withReplies = await ask(asker, `Een ${w} voor de hele straat`, "Wie doet er mee?", [tag]);
    for (let i = 0; i < 4; i++) await reply(other, withReplies.id, `Bij ons was de ${w} een succes (${i}).`);
    const onlyReply = await ask(asker, "Hoe verdeel je de taken?", "Niemand wil opruimen.", [tag]);
    const r = await reply(other, onlyReply.id, `Na onze ${w} ruimde iedereen samen op.`);

    const hits = await found(visitor, w);
    expect(hits).toHaveLength(2); // one per thread, not five
    const dilemmaHit = hits.find((h) => h.kind === "dilemma")!;
    expect(dilemmaHit.id).toBe(withReplies.id);
    expect(dilemmaHit.reply).not.toBeNull();
    expect(dilemmaHit.matchingReplies).toBe(4);
    const replyHit = hits.find((h) => h.kind === "reply")!;
    expect(replyHit).toMatchObject({ id: r.id, url: `/replies/${r.id}`, titleText: "Hoe verdeel je de taken?" });
  });

  it("follows reply edits, deletions and hiding", async () => {
    const [asker, author, organiser] = [await member(), await member(), await member("organiser")];
    const tag = await competence();
    const d = await ask(asker, "Een vraag over de zaal", "Wie heeft de sleutel?", [tag]);
    const [a, b] = [word("sleutelkastje"), word("codeslot")];
    const r = await reply(author, d.id, `Er hangt een ${a} bij de deur.`);
    expect(ids(await found(visitor, a))).toEqual([`reply:${r.id}`]);

    await editReply(author, r.id, { body: `Er zit een ${b} op de deur.` });
    expect(await found(visitor, a)).toEqual([]);
    expect(ids(await found(visitor, b))).toEqual([`reply:${r.id}`]);

    await hideReply(organiser, r.id, "Persoonlijke gegevens.");
    expect(await found(visitor, b)).toEqual([]);
    expect(await found(asker, b)).toEqual([]); // the asker may not read a hidden reply either
    expect(ids(await found(author, b))).toEqual([`reply:${r.id}`]);
    expect((await found(organiser, b))[0]).toMatchObject({ id: r.id, hidden: true });
    await unhideReply(organiser, r.id);
    expect(ids(await found(visitor, b))).toEqual([`reply:${r.id}`]);

    await deleteReply(author, r.id);
    for (const g of [visitor, author, organiser]) expect(await found(g, b)).toEqual([]);
  });

  it("finds an answered dilemma through its accepted answer, and forgets that when unmarked", async () => {
    const [asker, helper] = [await member(), await member()];
    const tag = await competence();
    const w = word("wijkmakelaar");
    const d = await ask(asker, "Wie kan ons helpen met de aanvraag?", "We komen er niet uit.", [tag]);
    const r = await reply(helper, d.id, `Bel de ${w}, die kent de regels.`);
    const unrelated = await ask(asker, `Iets anders over de ${w}`, "Los van de aanvraag.", [tag]);
    await markAnswer(asker, r.id);

    const answered = await found(visitor, w, { status: "answered" });
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ kind: "dilemma", id: d.id, answer: true, status: "answered" });
    expect(answered[0]!.reply).toMatchObject({ id: r.id, answer: true });
    expect(ids(await found(visitor, w, { status: "open" }))).toEqual([`dilemma:${unrelated.id}`]);

    await unmarkAnswer(asker, d.id);
    expect(await found(visitor, w, { status: "answered" })).toEqual([]);
    const hits = await found(visitor, w);
    expect(hits.find((h) => h.id === r.id)).toMatchObject({ kind: "reply", answer: false, status: "open" });
  });

  it("filters on competences after the tags change", async () => {
    const [asker, organiser] = [await member(), await member("organiser")];
    const [first, second] = [await competence(), await competence()];
    const w = word("ommetje");
    const d = await ask(asker, `Een ${w} door de wijk`, "Wandelen met buren.", [first]);
    const r = await reply(asker, d.id, `Het ${w} gaat elke dinsdag.`);
    expect(await found(visitor, w, { competences: [second] })).toEqual([]);
    await setDilemmaCompetences(organiser, d.id, [second]);
    const hits = await found(visitor, w, { competences: [second] });
    expect(ids(hits)).toEqual([`dilemma:${d.id}`]);
    expect(hits[0]!.reply?.id).toBe(r.id); // the replies carry their thread's new tags too
    expect(hits[0]!.competences.map((c) => c.slug)).toEqual([second]);
  });

  it("follows a report from draft to published, its edits, links and deletion", async () => {
    const [organiser, asker] = [await member("organiser"), await member()];
    const tag = await competence();
    const [a, b] = [word("buurtfeestje"), word("zomerfeest")];
    const form = (title: string) => ({
      title,
      heldOn: "2024-06-20",
      place: "",
      hostOrganisation: "",
      contributors: "",
      contributorHandles: "",
      summary: "We spraken over feesten in de straat.",
      takeaways: "",
    });
    const { id } = await createReport(organiser, form(`Verslag: het ${a}`));
    expect(await found(visitor, a)).toEqual([]);
    expect(ids(await found(organiser, a))).toEqual([`report:${id}`]);
    await publishReport(organiser, id);
    expect(ids(await found(visitor, a))).toEqual([`report:${id}`]);
    await editReport(organiser, id, form(`Verslag: het ${b}`));
    expect(await found(visitor, a)).toEqual([]);
    expect(ids(await found(visitor, b))).toEqual([`report:${id}`]);

    const d = await ask(asker, "Een dilemma over de straat", "Tekst.", [tag]);
    expect(await found(visitor, b, { competences: [tag] })).toEqual([]);
    await linkDilemma(organiser, id, { dilemma: d.id, kind: "raised" });
    expect(ids(await found(visitor, b, { competences: [tag] }))).toEqual([`report:${id}`]);
    await unlinkDilemma(organiser, id, d.id, "raised");
    expect(await found(visitor, b, { competences: [tag] })).toEqual([]);

    await deleteMeeting(organiser, id);
    expect(await found(organiser, b)).toEqual([]);
  });

  it("rebuilds everything on demand and when the analysis version changed", async () => {
    const asker = await member();
    const w = word("tuindeur");
    const d = await ask(asker, `De ${w} klemt`, "Wie repareert hem?", [await competence()]);
    await database.query(`DELETE FROM "SearchDocument" WHERE kind = 'dilemma' AND "sourceId" = $1`, [d.id]);
    expect(await found(visitor, w)).toEqual([]);

    await database.query(`UPDATE "SearchIndexState" SET "analysisVersion" = 0`);
    expect(await searchIndexIsCurrent()).toBe(false);
    const stats = await ensureSearchIndexCurrent();
    expect(stats?.ran).toBe(true);
    expect(await searchIndexIsCurrent()).toBe(true);
    expect(ids(await found(visitor, w))).toEqual([`dilemma:${d.id}`]);
    expect(await ensureSearchIndexCurrent()).toBeNull();

    // A rebuild writes every document again, then rewrites the search tables (VACUUM FULL),
    // which gives the old rows' space back: the table is a new file. (Not its size: while any
    // transaction is open anywhere in the cluster, as in the test files running beside this
    // one, the rewrite keeps the old rows too. Measured on Postgres 18: twice the size.)
    await db.dilemma.createMany({
      // Words of their own, so no word becomes common for the tests after this one.
      data: Array.from({ length: 120 }, () => ({
        title: `${word("bankje")} ${word("stoepje")}`,
        bodyMd: "-",
        bodyHtml: `<p>${word("hekje")} ${word("paaltje")} ${word("tegeltje")} ${word("randje")}</p>`,
        authorId: asker.userId!,
      })),
    });
    await reindexAll();
    const fileOf = async () =>
      (await database.query<{ file: string }>(`SELECT pg_relation_filenode('"SearchDocument"')::text AS file`))[0]!.file;
    const before = await fileOf();
    const again = await reindexAll();
    expect(again.documents).toBeGreaterThan(0);
    expect(again.compacted).toBe(true);
    expect(await fileOf()).not.toBe(before);
  });
});

describe("what each viewer may find", () => {
  it("shows a hidden dilemma and its thread only to staff and its asker", async () => {
    const [asker, replier, someone, organiser] = [await member(), await member(), await member(), await member("organiser")];
    const w = word("dakterras");
    const d = await ask(asker, `Feest op het ${w}`, `Mag dat op het ${w}?`, [await competence()]);
    const r = await reply(replier, d.id, `Het ${w} is van iedereen.`);
    await hideDilemma(organiser, d.id, "Adres genoemd.");

    expect(await found(visitor, w)).toEqual([]);
    expect(await found(someone, w)).toEqual([]);
    expect(await found(replier, w)).toEqual([]); // even their own reply: the thread is out of view
    for (const g of [asker, organiser]) {
      const hits = await found(g, w);
      expect(hits.map((h) => [h.id, h.hidden])).toEqual([[d.id, true]]);
      expect(hits[0]!.reply?.id).toBe(r.id);
    }
    expect((await search(someone, request(w))).facets.kinds.every((k) => k.count === 0)).toBe(true);

    await unhideDilemma(organiser, d.id);
    expect(ids(await found(visitor, w))).toEqual([`dilemma:${d.id}`]);
  });

  it("shows a draft report only to staff, a published one to everyone", async () => {
    const organiser = await member("organiser");
    const w = word("voorjaarsbijeenkomst");
    const meeting = await db.meeting.create({
      data: {
        title: `Verslag van de ${w}`,
        heldOn: new Date("2024-03-14T00:00:00Z"),
        status: "draft",
        summaryMd: "We spraken over de **buurtkamer**.",
        summaryHtml: "<p>We spraken over de <strong>buurtkamer</strong>.</p>",
      },
    });
    await indexReport(meeting.id);
    expect(await found(visitor, w)).toEqual([]);
    expect(await found(await member(), w)).toEqual([]);
    expect((await found(organiser, w))[0]).toMatchObject({ kind: "report", id: meeting.id, draft: true, url: `/meetings/${meeting.id}` });

    await db.meeting.update({ where: { id: meeting.id }, data: { status: "published", publishedAt: new Date() } });
    await indexReport(meeting.id);
    expect((await found(visitor, w))[0]).toMatchObject({ kind: "report", draft: false });

    await db.meeting.delete({ where: { id: meeting.id } });
    await indexReport(meeting.id);
    expect(await found(organiser, w)).toEqual([]);
  });
});

describe("a report's people (decision 044)", () => {
  it("finds a report by its host organisation and its contributors, and forgets an erased member's name", async () => {
    const place = word("zuidoost");
    const host = `Stichting Buurtwerk ${place}`;
    const speaker = await member();
    const name = word("Lodewijka");
    await db.user.update({ where: { id: speaker.userId! }, data: { displayName: `${name} Verbeek` } });
    const meeting = await db.meeting.create({
      data: {
        title: "Verslag: eenzaamheid in de flat",
        heldOn: new Date("2024-05-02T00:00:00Z"),
        status: "published",
        publishedAt: new Date(),
        hostOrganisation: host,
        contributors: ["Gastspreker van het Trimbos-instituut"],
        summaryMd: "We spraken over de portiekgesprekken.",
        summaryHtml: "<p>We spraken over de portiekgesprekken.</p>",
        contributorMembers: { create: [{ userId: speaker.userId! }] },
      },
    });
    await indexReport(meeting.id);
    const reportIds = async (q: string) => ids(await found(visitor, q)).filter((x) => x === `report:${meeting.id}`);
    expect(await reportIds(place)).toEqual([`report:${meeting.id}`]);
    expect(await reportIds(`gastspreker trimbos ${place}`)).toEqual([`report:${meeting.id}`]);
    expect(await reportIds(name)).toEqual([`report:${meeting.id}`]);

    await eraseAccount(speaker, speaker.userId!, { removePosts: false });
    expect(await reportIds(name)).toEqual([]);
    expect(await reportIds(place)).toEqual([`report:${meeting.id}`]);
  });
});

describe("queries", () => {
  it("ranks a title match above a text match, and can sort by date instead", async () => {
    const asker = await member();
    const tag = await competence();
    const w = word("klusbus");
    const inText = await ask(asker, "Een vraag over materiaal", `Wie heeft er ervaring met een ${w}?`, [tag]);
    const inTitle = await ask(asker, `De ${w} rijdt weer`, "Elke zaterdag.", [tag]);
    expect(ids(await found(visitor, w))).toEqual([`dilemma:${inTitle.id}`, `dilemma:${inText.id}`]);
    await db.dilemma.update({ where: { id: inText.id }, data: { createdAt: new Date("2030-01-01T00:00:00Z") } });
    await reindexAll();
    expect(ids(await found(visitor, w, { sort: "newest" }))).toEqual([`dilemma:${inText.id}`, `dilemma:${inTitle.id}`]);
  });

  it("matches a quoted phrase as a phrase, and leaves out words after a minus", async () => {
    const asker = await member();
    const tag = await competence();
    const w = word("koffie");
    const phrase = await ask(asker, `Gratis ${w} voor iedereen`, "In de hal.", [tag]);
    const apart = await ask(asker, `Wie betaalt de ${w}?`, "Niet alles kan gratis.", [tag]);
    expect(ids(await found(visitor, `"gratis ${w}"`))).toEqual([`dilemma:${phrase.id}`]);
    expect(ids(await found(visitor, `${w} -betaalt`))).toEqual([`dilemma:${phrase.id}`]);
    expect(new Set(ids(await found(visitor, `${w} gratis`)))).toEqual(new Set([`dilemma:${phrase.id}`, `dilemma:${apart.id}`]));
  });

  it("counts per filter value how many results it would leave", async () => {
    const [asker, helper] = [await member(), await member()];
    const [tagA, tagB] = [await competence(), await competence()];
    const w = word("lampionnen");
    const d1 = await ask(asker, `Optocht met ${w}`, "Wie helpt?", [tagA]);
    await ask(asker, `${w} maken met kinderen`, "Papier en lijm.", [tagB]);
    await reply(helper, d1.id, `De ${w} hangen al.`);
    const r = await reply(helper, d1.id, `Wij kochten ${w}.`);
    await markAnswer(asker, r.id);
    const outcome = await search(visitor, request(w));
    expect(outcome.total).toBe(2);
    const count = (list: { value: string; count: number }[], value: string) => list.find((x) => x.value === value)?.count;
    expect(count(outcome.facets.kinds, "dilemma")).toBe(2);
    expect(count(outcome.facets.kinds, "reply")).toBe(1);
    expect(count(outcome.facets.statuses, "answered")).toBe(1);
    expect(count(outcome.facets.statuses, "open")).toBe(1);
    expect(outcome.facets.competences.find((c) => c.slug === tagA)?.count).toBe(1);
    expect(count(outcome.facets.periods, String(new Date().getFullYear()))).toBe(2);
    expect(count(outcome.facets.periods, "30d")).toBe(2);
    // Each count is what applying the filter gives.
    expect((await search(visitor, request(w, { kinds: ["reply"] }))).total).toBe(1);
    expect((await search(visitor, request(w, { status: "answered" }))).total).toBe(1);
    expect((await search(visitor, request(w, { competences: [tagB] }))).total).toBe(1);
    expect((await search(visitor, request(w, { period: "2001" }))).total).toBe(0);
  });

  it("pages through many results", async () => {
    const asker = await member();
    const tag = await competence();
    const w = word("rommelmarkt");
    for (let i = 0; i < 23; i++) await ask(asker, `De ${w} van straat ${i}`, "Kraam huren?", [tag]);
    const first = await search(visitor, request(w));
    expect([first.total, first.pageCount, first.hits.length]).toEqual([23, 2, 20]);
    const second = await search(visitor, request(w, { page: 2 }));
    expect(second.hits).toHaveLength(3);
    expect(new Set([...ids(first.hits), ...ids(second.hits)]).size).toBe(23);
    // A page beyond the last (an old link) still says how many there are, with and without facets.
    const beyond = await search(visitor, request(w, { page: 5 }));
    expect([beyond.hits.length, beyond.total, beyond.pageCount]).toEqual([0, 23, 2]);
    const api = toApiResponse(await search(visitor, request(w, { page: 5 }), { facets: false }));
    expect([api.results.length, api.total, api.pageCount]).toEqual([0, 23, 2]);
  });

  it("marks matches in snippets built from plain text, so stored markup never becomes HTML", async () => {
    const asker = await member();
    const w = word("stoepkrijt");
    await ask(asker, `Tekenen met ${w}`, `Typ <script>alert("x")</script> & gebruik **${w}** op de stoep.`, [await competence()]);
    const outcome = await search(visitor, request(w));
    const hit = outcome.hits[0]!;
    expect(hit.title.filter((s) => s.mark).map((s) => s.text)).toEqual([w]);
    expect(text(hit.snippet)).toContain(`<script>alert("x")</script> & gebruik ${w}`);
    const api = toApiResponse(outcome).results[0]!;
    expect(api.snippet).toContain(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; gebruik <mark>${w}</mark>`);
    expect(api.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(api.titleHtml).toBe(`Tekenen met <mark>${w}</mark>`);
  });

  it("highlights Dutch forms: a compound's part, a separated verb", async () => {
    const asker = await member();
    const tag = await competence();
    const d = await ask(asker, "Wijkwerkers en buurtvaders", "Ik liet het project na een jaar los en het liep door.", [tag]);
    const hit = (await found(visitor, "werker loslaten")).find((h) => h.id === d.id)!;
    expect(hit.title.filter((s) => s.mark).map((s) => s.text)).toEqual(["Wijkwerkers"]);
    expect(hit.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(expect.arrayContaining(["los"]));
  });

  it("suggests a corrected query from the forum's own words when a search finds little", async () => {
    const asker = await member();
    await ask(asker, "Ons repaircafe zoekt monteurs", "Wie kan solderen?", [await competence()]);
    const outcome = await search(visitor, request("repiarcafe", { exact: true }));
    expect(outcome.total).toBe(0);
    expect(outcome.suggestion).toMatchObject({ query: "repaircafe", href: "/search?q=repaircafe&exact=1" });
    expect((await search(visitor, request("repaircafe"))).suggestion).toBeNull();
  });

  it("shows the corrected results at once when a misspelled query finds nothing, with a way back", async () => {
    const asker = await member();
    // Letters only: the vocabulary of corrections holds words, not codes with digits.
    const w = "kledingbibliotheek";
    const d = await ask(asker, `De ${w} zoekt handen`, "Wie sorteert mee?", [await competence()]);
    const typo = "kledingbiblioteek";
    const outcome = await search(visitor, request(typo));
    expect(ids(outcome.hits)).toEqual([`dilemma:${d.id}`]);
    expect(outcome.request.q).toBe(w);
    expect(outcome.corrected).toEqual({ from: typo, href: `/search?q=${typo}&exact=1` });
    const asTyped = await search(visitor, request(typo, { exact: true }));
    expect(asTyped.hits).toEqual([]);
    expect(asTyped.corrected).toBeNull();
  });

  it("never corrects an abbreviation, a name or a real word by itself", async () => {
    const asker = await member();
    await ask(asker, "Wie helpt met de groep in de Vogelwijk?", "Het buurthuis Verweij heeft plek. De WHO en de wmo-loketten.", [await competence()]);
    for (const q of ["WMA", "Verwey-Jonkers", "greep in"]) {
      const outcome = await search(visitor, request(q));
      expect(outcome.corrected, q).toBeNull();
      expect(outcome.request.q, q).toBe(q);
    }
  });

  it("shows results with most of the words when all of them together find little", async () => {
    const asker = await member();
    const w = word("fietsenstalling");
    const d = await ask(asker, `Een ${w} bij de flat`, "De gemeente betaalt mee.", [await competence()]);
    const outcome = await search(visitor, request(`${w} subsidie`));
    expect(outcome.hits).toEqual([]);
    expect(ids(outcome.partial)).toEqual([`dilemma:${d.id}`]);
  });

  it("finds a thread whose dilemma and reply have the words between them, asked as a sentence", async () => {
    const [asker, helper] = [await member(), await member()];
    const app = word("buurtapp");
    const d = await ask(asker, `De ${app} loopt uit de hand`, "Er komen nare berichten over jongens uit de straat.", [await competence()]);
    const r = await reply(helper, d.id, "Reageer op discriminerende berichten meteen, maar rustig.");
    const outcome = await search(visitor, request(`hoe ga je om met discriminatie in de ${app}`));
    expect(outcome.hits).toEqual([]); // no single post has both
    expect(ids(outcome.partial)).toEqual([`dilemma:${d.id}`]);
    expect(outcome.partial[0]!.reply?.id).toBe(r.id);
  });

  it("searches as you type: the last word may be unfinished", async () => {
    const asker = await member();
    const w = word("vrijwilligerscentrale");
    const d = await ask(asker, `De ${w} belt terug`, "Fijn.", [await competence()]);
    const outcome = await search(visitor, request(w.slice(0, 12)), { prefix: true, facets: false });
    expect(ids(outcome.hits)).toEqual([`dilemma:${d.id}`]);
  });

  it("counts while typing what the search page will count for the words as typed", async () => {
    const asker = await member();
    const w = word("boomhut");
    const whole = await ask(asker, `De ${w} in het park`, "Gebouwd door buurtkinderen.", [await competence()]);
    const longer = await ask(asker, `De ${w}zzz in het park`, "Ook gebouwd door buurtkinderen.", [await competence()]);
    const live = await search(visitor, request(w), { prefix: true, facets: false });
    const page = await search(visitor, request(w));
    // The list reads the unfinished word as a prefix; its count is the page's, where the link leads.
    expect(ids(live.hits).sort()).toEqual([`dilemma:${whole.id}`, `dilemma:${longer.id}`].sort());
    expect(ids(page.hits)).toEqual([`dilemma:${whole.id}`]);
    expect(live.total).toBe(page.total);
    expect(live.estimated.total).toBe(page.estimated.total);
  });

  it("finds dilemmas tagged with a competence its name or other words name", async () => {
    const asker = await member();
    const w = word("zwerfafval");
    const slug = await competence("Grenzen bewaken", ["nee zeggen"]);
    const d = await ask(asker, "Iedereen vraagt mij om hulp", `Ook bij het ${w} opruimen.`, [slug]);
    expect(ids(await found(visitor, `grenzen bewaken ${w}`))).toEqual([`dilemma:${d.id}`]);
    expect(ids(await found(visitor, `nee zeggen ${w}`))).toEqual([`dilemma:${d.id}`]);
  });

  it("recognises a competence whose name has words in parentheses from its main words", async () => {
    const asker = await member();
    const w = word("stoepkrijt");
    const slug = `competentie-${++n}`;
    await db.competence.create({ data: { slug, nameNl: "Outreachend werken (erop af)", nameEn: "Outreach work (going out)" } });
    competenceCache.invalidate();
    const d = await ask(asker, "Langs de deuren in de flat", `Met ${w} op de stoep.`, [slug]);
    expect(ids(await found(visitor, `outreachend werken ${w}`))).toEqual([`dilemma:${d.id}`]);
  });

  it("matches an English competence name only as the whole query, not an English word among others", async () => {
    const asker = await member();
    const w = word("buurtbbq");
    const slug = `competentie-${++n}`;
    await db.competence.create({ data: { slug, nameNl: `Netwerken bouwen ${n}`, nameEn: "Networking" } });
    competenceCache.invalidate();
    const d = await ask(asker, `De ${w} van de straat`, "Iedereen neemt iets mee.", [slug]);
    expect(ids(await found(visitor, "networking"))).toContain(`dilemma:${d.id}`);
    // "networking" is no word of the dilemma: a query that also asks for it finds nothing.
    expect(ids(await found(visitor, `${w} networking`))).toEqual([]);
  });
});

describe("synonyms organisers add", () => {
  it("apply to the next search, without re-indexing", async () => {
    const [asker, organiser] = [await member(), await member("organiser")];
    const [a, b] = [word("kliederkerk"), word("kinderkerk")];
    const d = await ask(asker, `Een ${a} in de wijk`, "Voor gezinnen.", [await competence()]);
    expect(await found(visitor, b)).toEqual([]);
    const group = await createSynonymGroup(organiser, { terms: `${a}, ${b}`, competence: "" });
    expect(ids(await found(visitor, b))).toEqual([`dilemma:${d.id}`]);
    await deleteSynonymGroup(organiser, group.id);
    expect(await found(visitor, b)).toEqual([]);
  });

  it("are kept by staff only, and need two words", async () => {
    const organiser = await member("organiser");
    await expect(createSynonymGroup(await member(), { terms: "a, b", competence: "" })).rejects.toBeInstanceOf(Forbidden);
    await expect(createSynonymGroup(visitor, { terms: "a, b", competence: "" })).rejects.toBeInstanceOf(Forbidden);
    const error = await createSynonymGroup(organiser, { terms: "alleen", competence: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).fieldErrors).toEqual({ terms: ["search.synonyms.errors.tooFew"] });
    const unknown = await createSynonymGroup(organiser, { terms: "a1, b1", competence: "bestaat-niet" }).catch((e: unknown) => e);
    expect((unknown as Invalid).fieldErrors).toEqual({ competence: ["search.synonyms.errors.unknownCompetence"] });
  });
});

describe("similar dilemmas while asking", () => {
  it("uses the Dutch analysis: forms, compound parts and at least half of the words", async () => {
    const asker = await member();
    const tag = await competence();
    const d = await ask(asker, "Hoe betrek je de wijkwerkers bij het opruimen van de speeltuinen?", "Tekst.", [tag]);
    const found = await findSimilarDilemmas(visitor, "werkers betrekken bij speeltuin", 5);
    expect(found.map((x) => x.id)).toContain(d.id);
    expect(await findSimilarDilemmas(visitor, "kerstpakketten voor vrijwilligers", 5)).not.toContainEqual(
      expect.objectContaining({ id: d.id }),
    );
  });
  it("in a large forum, sharing only words that are everywhere does not make a question similar", async () => {
    const asker = await member();
    const tag = await competence();
    const playground = await ask(asker, "Hoe betrek je bewoners bij de speeltuin?", "Tekst.", [tag]);
    const greenery = await ask(asker, "Bewoners willen meer groen in de straat", "Tekst.", [tag]);
    const title = "Bewoners willen de speeltuin opknappen";
    // A young forum: every word counts, so sharing "bewoners" and "willen" is enough.
    forgetCommonWords();
    const before = (await findSimilarDilemmas(visitor, title, 5)).map((x) => x.id);
    expect(before).toEqual(expect.arrayContaining([playground.id, greenery.id]));

    // A large one, where "bewoners" and "willen" are in almost every post.
    await db.$executeRawUnsafe(`
      INSERT INTO "SearchDocument" (kind, "sourceId", date, doc, "analysisVersion")
      SELECT 'reply', 900000 + i, now(), $$'bewoner':1 'will':2 'wil':2$$::tsvector, 1 FROM generate_series(1, 600) i`);
    await db.$executeRaw`
      INSERT INTO "SearchWord" (word, docs) VALUES ('bewoners', 500), ('willen', 400)
      ON CONFLICT (word) DO UPDATE SET docs = excluded.docs`;
    await db.$executeRawUnsafe(`ANALYZE "SearchDocument"`);
    forgetCommonWords();
    try {
      const similar = (await findSimilarDilemmas(visitor, title, 5)).map((x) => x.id);
      expect(similar).toContain(playground.id);
      expect(similar).not.toContain(greenery.id);
      // The index is asked for the telling words alone (decision 060), but a common word still
      // counts as shared: the question that also has "bewoners" comes before the one without,
      // though its long text ranks it lower by words alone.
      const withCommon = await ask(asker, "Bewoners gaan de moestuin opknappen", "Tekst. ".repeat(200), [tag]);
      const telling = await ask(asker, "De moestuin opknappen", "Tekst.", [tag]);
      const order = (await findSimilarDilemmas(visitor, "Bewoners willen de moestuin opknappen", 5)).map((x) => x.id);
      expect(order).toEqual(expect.arrayContaining([withCommon.id, telling.id]));
      expect(order.indexOf(withCommon.id)).toBeLessThan(order.indexOf(telling.id));
    } finally {
      await db.$executeRaw`DELETE FROM "SearchDocument" WHERE kind = 'reply' AND "sourceId" > 900000`;
      forgetCommonWords();
    }
  });
});


describe("the meeting pages' dilemma pickers", () => {
  it("find a thread by the engine (an inflected word in a reply), open ones only for an agenda, never hidden ones", async () => {
    const asker = await member();
    const organiser = await member("organiser");
    const tag = await competence();
    const inReply = await ask(asker, "Een vrijwilliger stopt na tien jaar", "Wat doe je dan?", [tag]);
    await reply(asker, inReply.id, "Het moeilijkste vond ik het loslaten van wat zij had opgebouwd.");
    const inTitle = await ask(asker, "Loslaten als sociaal makelaar", "Wanneer trek je je terug?", [tag]);
    const closed = await ask(asker, "Een buurthuis dat zichzelf gaat runnen", "Wij laten het project los.", [tag]);
    await markAnswer(asker, (await reply(organiser, closed.id, "Geef ze de sleutel en laat het los.")).id);
    const hidden = await ask(asker, "Loslaten van een bewoner", "Tekst.", [tag]);
    await hideDilemma(organiser, hidden.id, "Persoonsgegevens genoemd.");

    const picked = async (q: string, openOnly: boolean) =>
      (await searchDilemmas(organiser, q, { openOnly, rankedIds: await findDilemmaIds(organiser, q, { openOnly, limit: 10 }) })).map((d) => d.id);
    // "loslaten" is in one title only; the engine also finds the reply's word and "laten … los".
    const all = await picked("loslaten", false);
    expect(all).toEqual(expect.arrayContaining([inReply.id, inTitle.id]));
    expect(all).not.toContain(hidden.id);
    const open = await picked("loslaten", true);
    expect(open).toEqual(expect.arrayContaining([inReply.id, inTitle.id]));
    expect(open).not.toContain(closed.id);
    // A half-typed word still finds the title by its letters; a number finds that dilemma first.
    expect(await picked("losla", false)).toContain(inTitle.id);
    expect((await picked(`#${inReply.id}`, false))[0]).toBe(inReply.id);
  });
});
