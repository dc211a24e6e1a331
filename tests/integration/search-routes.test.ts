// The search routes as the server calls them: the JSON API, the page (which counts searches
// that found nothing, without identities), and the organisers' misses and synonyms pages.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import * as apiRoute from "~/routes/api.search";
import * as missesRoute from "~/routes/search-misses";
import * as searchRoute from "~/routes/search";
import * as synonymsRoute from "~/routes/search-synonyms";
import type { ApiResponse } from "~/search/api.server";
import { purgeSearchMisses } from "~/search/misses.server";
import { formPost, outcomeOf, routeContext } from "../support/route-context";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();

let n = 0;
async function viewer(role: Role = "member"): Promise<Viewer> {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `route-${i}`, displayName: `Route ${i}`, role } });
  return { kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" };
}

async function dilemma(title: string, body: string) {
  const asker = await viewer();
  const slug = `route-competentie-${++n}`;
  await db.competence.create({ data: { slug, nameNl: `Route ${n}`, nameEn: `Route ${n}` } });
  return createDilemma(new Guardian(asker), { title, body, competences: [slug], submissionId: randomUUID() });
}

const get = (route: { loader: (args: never) => unknown }, path: string, who: Viewer = anonymousViewer) =>
  outcomeOf(() => route.loader({ request: new Request(`http://localhost${path}`), context: routeContext(who), params: {} } as never) as Promise<unknown>);

async function api(path: string, who: Viewer = anonymousViewer): Promise<ApiResponse> {
  const response = (await apiRoute.loader({ request: new Request(`http://localhost${path}`), context: routeContext(who), params: {} } as never)) as Response;
  expect(response.headers.get("Content-Type")).toContain("application/json");
  return (await response.json()) as ApiResponse;
}

describe("GET /api/search", () => {
  it("answers results, facets and a suggestion as JSON, with the viewer's visibility", async () => {
    const d = await dilemma("Een burendag in de hofjes", "Iedereen neemt iets mee voor de burendag.");
    const body = await api("/api/search?q=burendag");
    expect(body).toMatchObject({ query: "burendag", total: 1, page: 1, pageCount: 1, suggestion: null });
    expect(body.results).toEqual([
      expect.objectContaining({
        kind: "dilemma",
        url: `/dilemmas/${d.id}/een-burendag-in-de-hofjes`,
        title: "Een burendag in de hofjes",
        titleHtml: "Een <mark>burendag</mark> in de hofjes",
        snippet: "Iedereen neemt iets mee voor de <mark>burendag</mark>.",
        score: expect.any(Number),
        status: "open",
        partial: false,
      }),
    ]);
    expect(body.facets.kind).toEqual({ dilemma: 1, reply: 0, report: 0 });
    expect(body.facets.status).toEqual({ open: 1, answered: 0 });

    // A misspelling that finds nothing answers its correction's results, and says so.
    expect(await api("/api/search?q=buredag")).toMatchObject({ query: "burendag", total: 1, correctedFrom: "buredag" });
    expect(await api("/api/search?q=buredag&exact=1")).toMatchObject({ total: 0, suggestion: "burendag", correctedFrom: null });
    expect((await api("/api/search?q=burendag&status=answered")).total).toBe(0);
  });

  it("takes an unfinished last word while typing, and a smaller page", async () => {
    await dilemma("De fietsreparatie op zaterdag", "Wie heeft er plakspullen?");
    const body = await api("/api/search?q=fietsrep&prefix=1&limit=3");
    expect(body.results.map((r) => r.title)).toEqual(["De fietsreparatie op zaterdag"]);
    expect(body.facets.kind).toEqual({});
  });
});

describe("/search", () => {
  it("counts a search that found nothing: only the words and the day, never who searched", async () => {
    const who = await viewer();
    const q = `  Onvindbaar   Woord${++n}X `;
    const first = await get(searchRoute, `/search?q=${encodeURIComponent(q)}`, who);
    expect(first.status).toBe(200);
    await get(searchRoute, `/search?q=${encodeURIComponent(q.toUpperCase())}`);
    const rows = await database.query(`SELECT * FROM "SearchMiss" WHERE query LIKE 'onvindbaar%'`);
    expect(rows).toEqual([{ query: `onvindbaar woord${n}x`, day: expect.any(Date), count: 2 }]);
    // Typing (the API) is not counted; nor is a search that found something.
    await api(`/api/search?q=onvindbaar&prefix=1`);
    await dilemma("Een gevonden woord", "Over vondsten.");
    await get(searchRoute, "/search?q=gevonden");
    expect(await database.query(`SELECT count(*)::int AS n FROM "SearchMiss"`)).toEqual([{ n: 1 }]);
  });

  it("answers a blank form and hand-made parameters without an error", async () => {
    expect((await get(searchRoute, "/search")).status).toBe(200);
    const odd = await get(searchRoute, "/search?q=%22&kind=nope&status=x&period=abc&sort=zz&page=-3");
    expect(odd.status).toBe(200);
    expect((odd.data as { outcome: { request: unknown } }).outcome.request).toEqual({
      q: '"',
      kinds: [],
      competences: [],
      status: null,
      period: null,
      sort: "relevance",
      page: 1,
    });
  });
});

describe("/search/misses", () => {
  it("is for organisers and admins, most frequent first, and forgets after 90 days", async () => {
    expect((await get(missesRoute, "/search/misses")).location).toBe("/login?redirectTo=%2Fsearch%2Fmisses");
    expect((await get(missesRoute, "/search/misses", await viewer())).status).toBe(403);
    await database.query(`DELETE FROM "SearchMiss"`);
    await database.query(
      `INSERT INTO "SearchMiss" (query, day, count) VALUES
         ('kerstpakket', current_date, 2), ('kerstpakket', current_date - 3, 2), ('paasvuur', current_date, 1),
         ('oud zoekwoord', current_date - 91, 7)`,
    );
    const page = await get(missesRoute, "/search/misses", await viewer("organiser"));
    expect((page.data as { misses: unknown[] }).misses).toEqual([
      { query: "kerstpakket", count: 4, days: 2, lastDay: expect.any(Date) },
      { query: "paasvuur", count: 1, days: 1, lastDay: expect.any(Date) },
    ]);
    expect(await database.query(`SELECT query FROM "SearchMiss" WHERE query = 'oud zoekwoord'`)).toEqual([]);
    expect(await purgeSearchMisses()).toBe(0);
  });
});

describe("/search/synonyms", () => {
  it("lets organisers add a group; a bad one comes back with the typed text and a 400", async () => {
    const organiser = await viewer("organiser");
    const post = (fields: Record<string, string>, who: Viewer = organiser) =>
      outcomeOf(() => synonymsRoute.action({ request: formPost("/search/synonyms", fields), context: routeContext(who), params: {} } as never));
    expect((await post({ intent: "add", terms: "buurtbus, belbus", competence: "" }, await viewer())).status).toBe(403);
    const bad = await post({ intent: "add", terms: "alleen-dit", competence: "" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      result: { initialValue: { terms: "alleen-dit" }, error: { terms: ["search.synonyms.errors.tooFew"] } },
    });
    const added = await post({ intent: "add", terms: "buurtbus, belbus", competence: "" });
    expect(added).toMatchObject({ status: 302, location: "/search/synonyms?done=added" });
    const listed = await get(synonymsRoute, "/search/synonyms", organiser);
    const groups = (listed.data as { page: { groups: { id: number; terms: string[] }[] } }).page.groups;
    expect(groups.map((g) => g.terms)).toEqual([["buurtbus", "belbus"]]);
    const deleted = await post({ intent: "delete", id: String(groups[0]!.id) });
    expect(deleted.location).toBe("/search/synonyms?done=deleted");
    expect((await get(synonymsRoute, "/search/synonyms", await viewer())).status).toBe(403);
  });
});
