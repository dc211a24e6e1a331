// Broad searches (decisions 011, 043): a word in a large part of the forum is counted from a
// sample of the threads, and its page ranks the threads by their dilemmas (and reports) alone.
// What a member must notice: the threads whose dilemmas rank best, as when every dilemma is
// read, counts marked as estimates, and a title that weighs more than a text. The threshold is SEARCH_EXACT_POSTS (5 000
// posts); here the tests lower it to 0 (exactPosts) so a small forum is "broad".
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { createReply } from "~/replies/replies.server";
import { competenceCache } from "~/search/competence-terms.server";
import { searchRequestFromParams, type SearchRequest } from "~/search/params";
import { search, type SearchOutcome } from "~/search/search.server";
import { SAMPLE_BUCKETS, sampleBucketToken, sampleToken } from "~/search/vector.server";
import { useTestDatabase } from "../support/database";
import { startServer } from "../support/server-process";

const database = useTestDatabase();
const visitor = new Guardian(anonymousViewer);

let n = 0;
async function member(): Promise<Guardian> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `breed-${i}`, displayName: `Breed ${i}`, role: "member" } });
  return new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role: "member", locale: "nl" });
}

const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({
  ...searchRequestFromParams(new URLSearchParams({ q })),
  ...more,
});
const PAGE = 4;
const exact = (q: string, more: Partial<SearchRequest> = {}) => search(visitor, request(q, more), { exactPosts: Infinity, pageSize: PAGE });
const broad = (q: string, more: Partial<SearchRequest> = {}) => search(visitor, request(q, more), { exactPosts: 0, pageSize: PAGE });
/** What a member sees of a page: each result, its best reply and how many replies matched. */
const page = (o: SearchOutcome) => o.hits.map((h) => `${h.kind}:${h.id} reply:${h.reply?.id ?? "-"} (${h.matchingReplies})`);

const inSample = (dilemmaId: number) => sampleToken(dilemmaId) === sampleBucketToken(0);

// One forum for the whole file: threads about a "buurtmoestuin" word of their own, some with it
// in the title, some in the text only, some with replies that use it, until at least two
// threads fall in the sample bucket (a sixteenth of the threads, by their id).
const WORD = `volkstuin${Date.now() % 100000}plan`;
const threads: { id: number; title: boolean; replies: number }[] = [];
let tag: string;

beforeAll(async () => {
  tag = `breed-competentie-${++n}`;
  await db.competence.create({ data: { slug: tag, nameNl: "Breed zoeken", nameEn: "Broad search" } });
  competenceCache.invalidate();
  const asker = await member();
  const helper = await member();
  for (let i = 0; threads.filter((t) => inSample(t.id)).length < 2 || i < 24; i++) {
    if (i > 400) throw new Error("no thread fell in the sample bucket");
    const title = i % 3 !== 2;
    const d = await createDilemma(asker, {
      title: title ? `Een ${WORD} voor straat ${i}` : `Grond voor straat ${i}`,
      body: title ? `Bewoners van straat ${i} willen samen tuinieren.` : `Bewoners willen een ${WORD} en vragen om grond.`,
      competences: [tag],
      submissionId: randomUUID(),
    });
    const replies = i % 4;
    for (let r = 0; r < replies; r++) {
      await createReply(helper, d.id, { body: r % 2 ? `Een ${WORD} vraagt water.` : "Goed idee, ik doe mee.", submissionId: randomUUID() });
    }
    threads.push({ id: d.id, title, replies });
  }
}, 120_000);

describe("a broad search", () => {
  it("shows the pages of its dilemmas ranked alone, with counts marked as estimates", async () => {
    const ids = (o: SearchOutcome) => o.hits.map((h) => h.id);
    for (const p of [1, 2, 3]) {
      const [dilemmas, sampled] = [await exact(WORD, { page: p, kinds: ["dilemma"] }), await broad(WORD, { page: p })];
      expect(sampled.hits.length).toBe(PAGE);
      expect(ids(sampled)).toEqual(ids(dilemmas));
    }
    // The best reply is still shown beneath its dilemma.
    const withReply = (await broad(WORD, { page: 1 })).hits.concat((await broad(WORD, { page: 2 })).hits).filter((h) => h.reply);
    const threadsWithReply = threads.filter((t) => t.replies >= 2).map((t) => t.id);
    for (const h of withReply) expect(threadsWithReply).toContain(h.id);
    const [all, sampled] = [await exact(WORD), await broad(WORD)];
    expect(all.estimated).toEqual({ total: false, facets: false });
    expect(all.total).toBe(threads.length);
    expect(sampled.estimated).toEqual({ total: true, facets: true });
    // Sixteen times the threads of the sample bucket (exact below 100, then two digits).
    const sampledThreads = threads.filter((t) => inSample(t.id)).length;
    expect(sampled.unfilteredTotal).toBe(sampledThreads * SAMPLE_BUCKETS);
    expect(sampled.facets.kinds.find((k) => k.value === "dilemma")!.count).toBe(sampledThreads * SAMPLE_BUCKETS);
    expect(sampled.facets.competences.find((c) => c.slug === tag)!.count).toBe(sampledThreads * SAMPLE_BUCKETS);
  });

  it("weighs a title more than a text: a title with the words beats a text that names them once each", async () => {
    const asker = await member();
    const [a, b] = [`speelplek${++n}`, `sleutelbeheer${n}`];
    const inText = await createDilemma(asker, {
      title: "Wie let op de plek?",
      body: `Bij het ${a} ligt ook de vraag van het ${b}, maar niemand pakt het op.`,
      competences: [tag],
      submissionId: randomUUID(),
    });
    const inTitle = await createDilemma(asker, {
      title: `Een ${a} in de wijk, en wie regelt daarna het ${b}?`,
      body: "De gemeente stopt met het onderhoud. Bewoners vragen wie het overneemt, wie betaalt en wie de sleutel van de schuur krijgt waar het gereedschap ligt. Niemand weet het nog.",
      competences: [tag],
      submissionId: randomUUID(),
    });
    for (const o of [await exact(`${a} ${b}`), await broad(`${a} ${b}`)]) {
      expect(o.hits.map((h) => h.id)).toEqual([inTitle.id, inText.id]);
    }
  });

  it("keeps filters and date order exact, reading every match with the filters in the index", async () => {
    for (const more of [{ kinds: ["reply" as const] }, { sort: "newest" as const }, { sort: "newest" as const, page: 2 }]) {
      const [all, sampled] = [await exact(WORD, more), await broad(WORD, more)];
      expect(page(sampled)).toEqual(page(all));
      expect(sampled.hits.length).toBeGreaterThan(0);
      // Every match was read for the page, so its total is exact; the facets stay estimates.
      expect(sampled.total).toBe(all.total);
      expect(sampled.estimated).toEqual({ total: false, facets: true });
    }
  });
});

describe("a broad search's competence filters", () => {
  it("keep a competence the sample did not meet, as a choice with a few results", async () => {
    const slug = `zeldzaam-${++n}`;
    await db.competence.create({ data: { slug, nameNl: "Zeldzaam", nameEn: "Rare" } });
    competenceCache.invalidate();
    const asker = await member();
    let id = 0;
    while (!id || inSample(id)) {
      id = (
        await createDilemma(asker, { title: `Nog een ${WORD}`, body: "Een vraag.", competences: [slug], submissionId: randomUUID() })
      ).id;
      threads.push({ id, title: true, replies: 0 }); // the forum of the tests below
    }
    const rare = (o: SearchOutcome) => o.facets.competences.find((c) => c.slug === slug)?.count;
    expect(rare(await exact(WORD))).toBeGreaterThanOrEqual(1);
    // Not in the sample, so its estimate is 0, shown as "enkele", but it is still there to choose.
    expect(rare(await broad(WORD))).toBe(0);
    const filtered = await broad(WORD, { competences: [slug] });
    expect(filtered.hits.map((h) => h.id)).toContain(id);
  });
});

describe("the search page and API of a server with SEARCH_EXACT_POSTS=0", () => {
  it("say the counts are estimates", async () => {
    const server = await startServer({ DATABASE_URL: database.url, SEARCH_EXACT_POSTS: "0" });
    try {
      const html = await (await fetch(`${server.url}/search?q=${WORD}`)).text();
      // The sample's estimate, or the threads whose dilemma matches when those are more (every
      // thread here has the word in its dilemma, and the page counted them all).
      const estimate = Math.max(threads.filter((t) => inSample(t.id)).length * SAMPLE_BUCKETS, threads.length);
      expect(html).toContain(`Ongeveer ${estimate} resultaten`);
      expect(html).toContain("Daarom zijn de aantallen geschat.");
      expect(html).toMatch(/class="facet-count"> (<!-- -->)?\(ongeveer \d+\)/);
      const json = (await (await fetch(`${server.url}/api/search?q=${WORD}`)).json()) as { estimated: unknown; total: number };
      expect(json.estimated).toEqual({ total: true, facets: true });
    } finally {
      await server.stop();
    }
  }, 60_000);
});
