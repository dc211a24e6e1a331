// Search's result cache (decision 052): the same search asked again is answered from memory,
// but never with results from before a change to the index (in this process or another), and
// never with what another viewer may see. Each test first asks its search twice (the second
// answer comes from the cache), then changes something and asks again.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { editDilemma } from "~/dilemmas/edit.server";
import { hideDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { indexReport } from "~/search/indexer.server";
import { db } from "~/platform/db.server";
import { createReply, deleteReply } from "~/replies/replies.server";
import { searchRequestFromParams } from "~/search/params";
import { search, searchCacheStats, type SearchHit } from "~/search/search.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(role: Role = "member"): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `cache-${i}`, displayName: `Cache ${i}`, role } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" });
}
const word = (stem: string) => `${stem}${++n}x`;
let tag: string | undefined;
async function ask(asker: Guardian, title: string, body: string) {
  if (!tag) {
    tag = "cache-competentie";
    await db.competence.create({ data: { slug: tag, nameNl: "Cachecompetentie", nameEn: "Cache competence" } });
  }
  return createDilemma(asker, { title, body, competences: [tag], submissionId: randomUUID() });
}
const ids = (hits: SearchHit[]) => hits.map((h) => `${h.kind}:${h.id}`);
const found = async (g: Guardian, q: string) => ids((await search(g, searchRequestFromParams(new URLSearchParams({ q })))).hits);

/** Asks twice and checks that the second answer came from the cache. */
async function cached(g: Guardian, q: string): Promise<string[]> {
  const first = await found(g, q);
  const before = searchCacheStats().hits;
  expect(await found(g, q)).toEqual(first);
  expect(searchCacheStats().hits).toBe(before + 1);
  return first;
}

describe("the result cache", () => {
  it("answers a repeated search from memory, and a new or edited post at once", async () => {
    const asker = await member();
    const [a, b] = [word("zwemclub"), word("schaakclub")];
    expect(await cached(visitor, a)).toEqual([]);
    const d = await ask(asker, `Een ${a} voor ouderen`, "Wie zwemt er mee?");
    expect(await found(visitor, a)).toEqual([`dilemma:${d.id}`]);

    expect(await cached(visitor, a)).toEqual([`dilemma:${d.id}`]);
    await editDilemma(asker, d.id, { title: `Een ${b} voor ouderen`, body: "Wie schaakt er mee?", competences: [tag!] });
    expect(await found(visitor, a)).toEqual([]);
    expect(await found(visitor, b)).toEqual([`dilemma:${d.id}`]);
  });

  it("leaves out a hidden or deleted post at once", async () => {
    const [asker, author, organiser] = [await member(), await member(), await member("organiser")];
    const w = word("fietsenstalling");
    const d = await ask(asker, `Waar komt de ${w}?`, "Er is weinig ruimte.");
    const other = await ask(asker, "Een vraag over de straat", "Wie beslist?");
    const r = await createReply(author, other.id, { body: `De ${w} kan bij de school.`, submissionId: randomUUID() });
    expect((await cached(visitor, w)).sort()).toEqual([`dilemma:${d.id}`, `reply:${r.id}`].sort());

    await hideDilemma(organiser, d.id, "Adres genoemd.");
    expect(await found(visitor, w)).toEqual([`reply:${r.id}`]);
    expect(await cached(visitor, w)).toEqual([`reply:${r.id}`]);
    await deleteReply(author, r.id);
    expect(await found(visitor, w)).toEqual([]);
  });

  it("sees a change to the index made through another connection (another process) at once", async () => {
    const asker = await member();
    const w = word("buurtbus");
    const d = await ask(asker, `Rijdt de ${w} nog?`, "De chauffeurs stoppen.");
    expect(await cached(visitor, w)).toEqual([`dilemma:${d.id}`]);
    // Another server process hides it: its write reaches this process only through Postgres.
    await database.query(`UPDATE "SearchDocument" SET hidden = true WHERE kind = 'dilemma' AND "sourceId" = $1`, [d.id]);
    expect(await found(visitor, w)).toEqual([]);
    await database.query(`DELETE FROM "SearchDocument" WHERE kind = 'dilemma' AND "sourceId" = $1`, [d.id]);
    expect(await found(asker, w)).toEqual([]);
  });

  it("never gives one viewer's results to another: a hidden thread to its asker only, a draft to staff only", async () => {
    const [asker, someone, organiser] = [await member(), await member(), await member("organiser")];
    const w = word("dakterras");
    const d = await ask(asker, `Feest op het ${w}`, `Mag dat op het ${w}?`);
    await hideDilemma(organiser, d.id, "Adres genoemd.");
    // The asker's and staff's answers are cached first; the others must not get them.
    expect(await cached(asker, w)).toEqual([`dilemma:${d.id}`]);
    expect(await cached(organiser, w)).toEqual([`dilemma:${d.id}`]);
    expect(await found(someone, w)).toEqual([]);
    expect(await found(visitor, w)).toEqual([]);

    const v = word("najaarsbijeenkomst");
    const meeting = await db.meeting.create({
      data: { title: `Verslag van de ${v}`, heldOn: new Date("2024-10-14T00:00:00Z"), status: "draft", summaryMd: "Kort.", summaryHtml: "<p>Kort.</p>" },
    });
    await indexReport(meeting.id);
    expect(await cached(organiser, v)).toEqual([`report:${meeting.id}`]);
    expect(await found(asker, v)).toEqual([]);
    expect(await found(visitor, v)).toEqual([]);
  });

  it("shows an author's name as it is now (a name change or an erasure changes no search document)", async () => {
    const asker = await member();
    const w = word("speeltuin");
    const d = await ask(asker, `De ${w} is kapot`, "Wie repareert hem?");
    const authorName = async () => (await search(visitor, searchRequestFromParams(new URLSearchParams({ q: w })))).hits[0]?.author?.member?.displayName;
    expect(await cached(visitor, w)).toEqual([`dilemma:${d.id}`]);
    await db.user.update({ where: { id: asker.viewer.kind === "member" ? asker.viewer.id : 0 }, data: { displayName: "Nieuwe Naam" } });
    const before = searchCacheStats().hits;
    expect(await authorName()).toBe("Nieuwe Naam");
    expect(searchCacheStats().hits).toBe(before + 1); // from the cache, with the author read again
  });
});
