// Ranking by relevance (decision 043): BM25 with field weights, threads that combine their
// dilemma and best reply, and the smaller points of issue 23 on how a search executes
// (exclusions per thread, a page beyond the last, partial matches by relevance). Each test
// uses words of its own, so the rest of the forum does not change its order.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { competenceCache } from "~/search/competence-terms.server";
import { createReply } from "~/replies/replies.server";
import { searchRequestFromParams, type SearchRequest } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `rang-${i}`, displayName: `Rang ${i}`, role: "member" } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role: "member", locale: "nl" });
}

const find = (q: string, more: Partial<SearchRequest> = {}) =>
  search(visitor, { ...searchRequestFromParams(new URLSearchParams({ q })), ...more }, { exactPosts: Infinity });
const TAG = "rangorde-test";
beforeAll(async () => {
  await db.competence.create({ data: { slug: TAG, nameNl: "Rangorde", nameEn: "Ranking" } });
  competenceCache.invalidate();
});
const dilemma = async (asker: Guardian, title: string, body: string) =>
  createDilemma(asker, { title, body, competences: [TAG], submissionId: randomUUID() });
/** A word no other test (or the demo forum) uses: letters only, so the analysis keeps it whole. */
const word = (stem: string) => `${stem}${"abcdefghij"[++n % 10]}${"klmnoprstu"[Math.floor(n / 10) % 10]}zq`;

describe("ranking by relevance", () => {
  it("among thirty titles with the word, the dilemma that also discusses it comes first", async () => {
    const asker = await member();
    const w = word("buurtkast");
    const others = [];
    for (let i = 0; i < 30; i++) {
      others.push(await dilemma(asker, `Een ${w} in straat ${i}`, `Bewoners van straat ${i} vragen of iemand helpt met verven en ophangen.`));
    }
    const discusses = await dilemma(
      asker,
      `Wie beheert de ${w}?`,
      `De ${w} staat sinds de zomer bij het buurthuis. Eerst vulde iedereen de ${w}, nu is hij vaak leeg. ` +
        `Wie voelt zich eigenaar van de ${w}? Moet ik de ${w} zelf vullen of wachten?`,
    );
    const outcome = await find(w);
    expect(outcome.total).toBe(31);
    expect(outcome.hits[0]!.id).toBe(discusses.id);
    expect(others.map((d) => d.id)).toContain(outcome.hits[1]!.id);
  });

  it("a text that keeps returning to a word beats a title that names it once; a text that names it once does not", async () => {
    const asker = await member();
    const w = word("ruilbieb");
    const named = await dilemma(asker, `Vraag over de ${w} bij de school op de hoek`, "Wie heeft ervaring met zoiets en wil meedenken over hoe je begint?");
    const atLength = await dilemma(
      asker,
      "Boeken ruilen in de straat",
      `Onze ${w} groeit. In de ${w} staan nu kinderboeken; de ${w} heeft een sleutel. ` +
        `Wie ruimt de ${w} op? De ${w} trekt ook jongeren. Hoe houd je een ${w} netjes?`,
    );
    const once = await dilemma(asker, "Iets voor de buurt", `We denken aan een ${w} naast de bank, maar weten nog niet waar.`);
    const outcome = await find(w);
    expect(outcome.hits.map((h) => h.id)).toEqual([atLength.id, named.id, once.id]);
  });

  it("a rare word weighs more than a common one (idf)", async () => {
    const asker = await member();
    const [common, rare] = [word("wijkfeest"), word("springkussen")];
    for (let i = 0; i < 12; i++) await dilemma(asker, `Over het ${common} nummer ${i}`, "Wie helpt er mee met opbouwen?");
    const withRare = await dilemma(asker, `Een ${rare} huren`, `Voor het ${common} willen we iets voor kinderen.`);
    const withCommon = await dilemma(asker, `Het ${common} van de Lindelaan`, `Misschien een ${rare} voor de kinderen.`);
    const outcome = await find(`${common} ${rare}`);
    expect(outcome.hits.map((h) => h.id).slice(0, 2)).toEqual([withRare.id, withCommon.id]);
  });

  it("a thread whose replies discuss the word beats the same dilemma without them", async () => {
    const [asker, helper] = [await member(), await member()];
    const w = word("taalmaatje");
    // The busy one is older: on a tie the newer would come first.
    const busy = await dilemma(asker, `Een ${w} zoeken`, "Wie kent iemand die wil helpen met Nederlands oefenen?");
    const quiet = await dilemma(asker, `Een ${w} zoeken`, "Wie kent iemand die wil helpen met Nederlands oefenen?");
    await createReply(helper, busy.id, { body: `Ons ${w} project koppelt elke week een ${w} aan een nieuwe buur.`, submissionId: randomUUID() });
    const outcome = await find(w);
    expect(outcome.hits.map((h) => h.id)).toEqual([busy.id, quiet.id]);
    expect(outcome.hits[0]!.matchingReplies).toBe(1);
  });
});

describe("how a search executes", () => {
  it("a -word leaves out a thread whose dilemma has it, also when a reply without it matches", async () => {
    const [asker, helper] = [await member(), await member()];
    const [w, not] = [word("pluktuin"), word("subsidiepot")];
    const excluded = await dilemma(asker, `Een ${w} met geld uit de ${not}`, "Hoe vraag je het aan?");
    await createReply(helper, excluded.id, { body: `Bij ons kwam de ${w} er zonder hulp.`, submissionId: randomUUID() });
    const kept = await dilemma(asker, `Een ${w} zonder geld`, "Hoe begin je?");
    const outcome = await find(`${w} -${not}`);
    expect(outcome.hits.map((h) => h.dilemmaId)).toEqual([kept.id]);
    expect(outcome.total).toBe(1);
    // Without the exclusion both threads are there.
    expect((await find(w)).total).toBe(2);
  });

  it("a page beyond the last still answers the total, with nothing on it", async () => {
    const asker = await member();
    const w = word("deelbakfiets");
    for (let i = 0; i < 3; i++) await dilemma(asker, `De ${w} van blok ${i}`, "Wie regelt de sleutel?");
    const beyond = await search(visitor, { ...searchRequestFromParams(new URLSearchParams({ q: w })), page: 9 }, { exactPosts: Infinity, facets: false });
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(3);
    expect(beyond.pageCount).toBe(1);
    const broad = await search(visitor, { ...searchRequestFromParams(new URLSearchParams({ q: w })), page: 9 }, { exactPosts: 0 });
    expect(broad.hits).toEqual([]);
    expect(broad.total).toBe(3); // every match was read for the (empty) page: exact
  });

  it("partial matches come by relevance, not by date", async () => {
    const asker = await member();
    const [a, b, c] = [word("klushulp"), word("ladder"), word("zolderkamer")];
    // Both have two of the three words; the older one is about them, the newer names them once.
    const relevant = await dilemma(asker, `${a} met een ${b}`, `De ${a} kwam met een ${b}. Een ${a} zonder ${b} kan weinig; de ${b} is van de ${a}.`);
    const newer = await dilemma(asker, "Iets anders", `Ergens las ik over ${a} en ${b}, verder niets.`);
    const outcome = await find(`${a} ${b} ${c}`);
    expect(outcome.total).toBe(0);
    expect(outcome.partial.map((h) => h.id)).toEqual([relevant.id, newer.id]);
  });
});
