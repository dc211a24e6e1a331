// Proximity (decision 053): a post that names the query's words together ranks above one that
// has the same words scattered through its text. Each test uses words of its own, so the rest
// of the forum does not change its order; the posts of a test have the same words, as often
// and in the same fields, so only where the words stand tells them apart (without proximity
// they tie, and the newer one, written last here, would come first).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { competenceCache } from "~/search/competence-terms.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `nabij-${i}`, displayName: `Nabij ${i}`, role: "member" } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role: "member", locale: "nl" });
}
const find = (q: string) => search(visitor, searchRequestFromParams(new URLSearchParams({ q })), { exactPosts: Infinity });
const TAG = "nabijheid-test";
beforeAll(async () => {
  await db.competence.create({ data: { slug: TAG, nameNl: "Nabijheid", nameEn: "Nearness" } });
  competenceCache.invalidate();
});
const dilemma = (asker: Guardian, title: string, body: string) => createDilemma(asker, { title, body, competences: [TAG], submissionId: randomUUID() });
/** A word no other test uses: letters only, so the analysis keeps it whole. */
const word = (stem: string) => `${stem}${"abcdefghij"[++n % 10]}${"klmnoprstu"[Math.floor(n / 10) % 10]}zq`;

const FILLER = "Daarna kwamen de tafels, de stoelen, de lampen, de kasten, de deuren, de ramen, de vloeren en de muren aan de beurt";

describe("proximity", () => {
  it("a post with the words together ranks above one with the same words far apart", async () => {
    const asker = await member();
    const [a, b] = [word("kraampje"), word("zeepkist")];
    const together = await dilemma(asker, "Vraag over de inrichting van het buurthuis", `Eerst het ${a} met de ${b}. ${FILLER}.`);
    const apart = await dilemma(asker, "Vraag over de inrichting van het buurthuis", `Eerst het ${a}. ${FILLER}, met de ${b}.`);
    const outcome = await find(`${a} ${b}`);
    expect(outcome.hits.map((h) => h.id)).toEqual([together.id, apart.id]);
  });

  it("the order of the words does not matter, only how near they stand", async () => {
    const asker = await member();
    const [a, b] = [word("kraampje"), word("zeepkist")];
    const together = await dilemma(asker, "Een vraag over spullen", `De ${b} en het ${a} staan klaar. ${FILLER}.`);
    const apart = await dilemma(asker, "Een vraag over spullen", `De ${b} staat klaar. ${FILLER}, en het ${a}.`);
    const outcome = await find(`${a} ${b}`);
    expect(outcome.hits.map((h) => h.id)).toEqual([together.id, apart.id]);
  });

  it("one word alone is ranked as before (no proximity term)", async () => {
    const asker = await member();
    const a = word("kraampje");
    const older = await dilemma(asker, "Een vraag over spullen", `Het ${a} staat klaar.`);
    const newer = await dilemma(asker, "Een vraag over spullen", `Het ${a} staat klaar.`);
    const outcome = await find(a);
    expect(outcome.hits.map((h) => h.id)).toEqual([newer.id, older.id]);
  });
});
