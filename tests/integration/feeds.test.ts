import { randomUUID } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { hideDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { resetEnvCache } from "~/platform/env.server";
import * as competenceFeed from "~/routes/feeds.competences.$slug";
import * as dilemmasFeed from "~/routes/feeds.dilemmas";
import * as reportsFeed from "~/routes/feeds.reports";
import * as settingsPage from "~/routes/notifications.settings";
import { useTestDatabase } from "../support/database";
import { formPost, routeContext } from "../support/route-context";

// Atom feeds (issue 20, decision 028): valid Atom 1.0 read by a real XML parser, permalinks on
// PUBLIC_URL, only what the Guardian lets the key's member read (never hidden posts or draft
// reports, not even for staff), and a key that a reset, a removal or an erasure voids.
useTestDatabase();
const PUBLIC = "https://kring.voorbeeld.nl";
beforeAll(() => {
  process.env.PUBLIC_URL = PUBLIC;
  resetEnvCache();
});
afterAll(() => {
  delete process.env.PUBLIC_URL;
  resetEnvCache();
});

let n = 0;
async function member(role: Role = "member") {
  const i = ++n;
  const user = await db.user.create({ data: { handle: `lezer-${i}`, displayName: `Lezer ${i}`, role, email: `lezer${i}@kring.test` } });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl" };
  return { id: user.id, viewer, guardian: new Guardian(viewer) };
}

type Loader = (args: never) => Promise<Response>;
async function read(route: { loader: Loader }, path: string, viewer: MemberViewer | typeof anonymousViewer = anonymousViewer, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`);
  const response = await (route.loader as (args: unknown) => Promise<Response>)({ request, context: routeContext(viewer), params });
  return { status: response.status, type: response.headers.get("Content-Type"), body: await response.text() };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "author"].includes(name) });
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Parses and checks what RFC 4287 requires; returns the entries' titles and links. */
function atom(body: string) {
  expect(XMLValidator.validate(body)).toBe(true);
  const feed = parser.parse(body).feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  for (const field of ["id", "title", "updated"]) expect(feed[field], field).toBeTruthy();
  expect(String(feed.updated)).toMatch(RFC3339);
  expect(feed.link.some((l: Record<string, string>) => l["@rel"] === "self")).toBe(true);
  const entries: Record<string, unknown>[] = feed.entry ?? [];
  const ids = new Set<string>();
  for (const entry of entries) {
    for (const field of ["id", "title", "updated"]) expect(entry[field], field).toBeTruthy();
    expect(String(entry.updated)).toMatch(RFC3339);
    ids.add(String(entry.id));
    // An author in every entry, or one for the feed.
    expect((entry.author as { name: string }[] | undefined)?.[0]?.name ?? feed.author?.[0]?.name).toBeTruthy();
    const alternate = (entry.link as Record<string, string>[]).find((l) => !l["@rel"] || l["@rel"] === "alternate")!;
    expect(alternate["@href"]!.startsWith(`${PUBLIC}/`)).toBe(true);
  }
  expect(ids.size).toBe(entries.length); // ids unique
  return {
    feed,
    titles: entries.map((e) => String(typeof e.title === "object" ? (e.title as { "#text": string })["#text"] : e.title)),
    contents: entries.map((e) => String((e.content as { "#text": string })?.["#text"] ?? e.content ?? "")),
  };
}

async function feedKeyOf(viewer: MemberViewer) {
  const result = (await settingsPage.action({ request: formPost("/notifications/settings", { intent: "feed-key" }), context: routeContext(viewer), params: {} } as never)) as {
    feeds: { dilemmas: string; reports: string; competences: { name: string; url: string }[] };
  };
  const key = new URL(result.feeds.dilemmas).searchParams.get("key")!;
  return { key, links: result.feeds };
}

let word = "";
let slugA = "";
let slugB = "";
const titles = { a: "", b: "", hidden: "", ownHidden: "" };
let reader: Awaited<ReturnType<typeof member>>;
let organiser: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  word = randomUUID().slice(0, 6);
  slugA = `opvoeding-${word}`;
  slugB = `schulden-${word}`;
  await db.competence.create({ data: { slug: slugA, nameNl: "Opvoeding", nameEn: "Parenting" } });
  await db.competence.create({ data: { slug: slugB, nameNl: "Schulden", nameEn: "Debts" } });
  reader = await member();
  organiser = await member("organiser");
  const asker = await member();
  const ask = async (who: Guardian, title: string, slug: string, body = "Wat zou jij doen?") =>
    (await createDilemma(who, { title, body, competences: [slug], submissionId: randomUUID() })).id;
  titles.a = `Opvoeden met <tags> & “quotes” ${word}`;
  titles.b = `Schulden en schaamte ${word}`;
  titles.hidden = `Verborgen dilemma ${word}`;
  titles.ownHidden = `Mijn verborgen dilemma ${word}`;
  await ask(asker.guardian, titles.a, slugA, "Een **vet** punt <script>alert(1)</script> en [een link](https://voorbeeld.nl).");
  await ask(asker.guardian, titles.b, slugB);
  await hideDilemma(organiser.guardian, await ask(asker.guardian, titles.hidden, slugA), "Bevat een naam");
  await hideDilemma(organiser.guardian, await ask(reader.guardian, titles.ownHidden, slugA), "Bevat een naam");
  await db.meeting.create({
    data: { title: `Verslag voorjaar ${word}`, heldOn: new Date("2026-04-01"), status: "published", publishedAt: new Date("2026-04-05T10:00:00Z"), summaryHtml: "<p>We spraken over buren.</p>" },
  });
  await db.meeting.create({ data: { title: `Concept najaar ${word}`, heldOn: new Date("2026-10-01"), status: "draft", summaryHtml: "<p>Nog niet af.</p>" } });
});

describe("Atom feeds", () => {
  it("are valid Atom with permalinks on PUBLIC_URL, sanitised HTML, and only what the member may read", async () => {
    const { key, links } = await feedKeyOf(reader.viewer);
    expect(links.dilemmas).toBe(`${PUBLIC}/feeds/dilemmas?key=${key}`);
    expect(links.competences.map((c) => c.url)).toContain(`${PUBLIC}/feeds/competences/${slugA}?key=${key}`);

    const all = await read(dilemmasFeed, `/feeds/dilemmas?key=${key}`);
    expect(all.status).toBe(200);
    expect(all.type).toBe("application/atom+xml; charset=utf-8");
    const parsed = atom(all.body);
    expect(parsed.titles).toEqual(expect.arrayContaining([titles.a, titles.b]));
    // Hidden: never, not even the reader's own (the forum shows it to them, marked; a feed cannot).
    expect(parsed.titles).not.toContain(titles.hidden);
    expect(parsed.titles).not.toContain(titles.ownHidden);
    const content = parsed.contents[parsed.titles.indexOf(titles.a)]!;
    expect(content).toContain("<strong>vet</strong>");
    expect(content).not.toContain("<script");
    expect(parsed.feed.entry[parsed.titles.indexOf(titles.a)].link[0]["@href"]).toMatch(new RegExp(`^${PUBLIC}/dilemmas/\\d+/opvoeden-met`));

    const perCompetence = atom((await read(competenceFeed, `/feeds/competences/${slugA}?key=${key}`, anonymousViewer, { slug: slugA })).body);
    expect(perCompetence.titles).toEqual([titles.a]);
    expect(String(perCompetence.feed.title["#text"] ?? perCompetence.feed.title)).toContain("Opvoeding");
    expect((await read(competenceFeed, `/feeds/competences/bestaat-niet?key=${key}`, anonymousViewer, { slug: "bestaat-niet" })).status).toBe(404);

    const reports = atom((await read(reportsFeed, `/feeds/reports?key=${key}`)).body);
    expect(reports.titles).toContain(`Verslag voorjaar ${word}`);
    expect(reports.titles).not.toContain(`Concept najaar ${word}`);
    expect(reports.feed.entry[0].link[0]["@href"]).toMatch(new RegExp(`^${PUBLIC}/meetings/\\d+`));
  });

  it("never show staff hidden dilemmas or draft reports", async () => {
    const { key } = await feedKeyOf(organiser.viewer);
    expect(atom((await read(dilemmasFeed, `/feeds/dilemmas?key=${key}`)).body).titles).not.toContain(titles.hidden);
    expect(atom((await read(reportsFeed, `/feeds/reports?key=${key}`)).body).titles).not.toContain(`Concept najaar ${word}`);
  });

  it("a reset voids the old key; an unknown, malformed or missing key is a plain 404", async () => {
    const member1 = await member();
    const first = await feedKeyOf(member1.viewer);
    expect((await read(dilemmasFeed, `/feeds/dilemmas?key=${first.key}`)).status).toBe(200);
    const second = await feedKeyOf(member1.viewer);
    expect(second.key).not.toBe(first.key);
    const old = await read(dilemmasFeed, `/feeds/dilemmas?key=${first.key}`);
    expect(old).toMatchObject({ status: 404, body: "Not found\n" });
    expect((await read(dilemmasFeed, `/feeds/dilemmas?key=${second.key}`)).status).toBe(200);
    expect((await read(dilemmasFeed, `/feeds/dilemmas?key=${"x".repeat(32)}`)).status).toBe(404);
    expect((await read(dilemmasFeed, "/feeds/dilemmas?key=%27%3B--")).status).toBe(404);
    expect((await read(dilemmasFeed, "/feeds/dilemmas")).status).toBe(404); // nobody signed in
    // Signed in, without a key: the page's <link rel="alternate"> works in the browser.
    expect(atom((await read(dilemmasFeed, "/feeds/dilemmas", member1.viewer)).body).titles).toContain(titles.b);
    // Only a hash is kept.
    const row = await db.feedToken.findUniqueOrThrow({ where: { userId: member1.id } });
    expect(row.tokenHash).not.toContain(second.key);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a removed (erased) or no longer active member's key stops working", async () => {
    const gone = await member();
    const waiting = await member();
    const goneKey = (await feedKeyOf(gone.viewer)).key;
    const waitingKey = (await feedKeyOf(waiting.viewer)).key;
    await db.user.update({ where: { id: gone.id }, data: { erasedAt: new Date() } });
    await db.user.update({ where: { id: waiting.id }, data: { status: "pending" } });
    expect((await read(dilemmasFeed, `/feeds/dilemmas?key=${goneKey}`)).status).toBe(404);
    expect((await read(reportsFeed, `/feeds/reports?key=${waitingKey}`)).status).toBe(404);
  });
});
