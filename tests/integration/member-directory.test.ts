import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { DIRECTORY_PAGE_SIZE, directoryQueryFromSearchParams, type DirectoryQuery } from "~/members/directory-query";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import { listMembers } from "~/members/directory.server";
import { searchRequestFromParams } from "~/search/params";
import { search } from "~/search/search.server";
import { getMemberProfile } from "~/members/profiles.server";
import { db } from "~/platform/db.server";
import { Forbidden, NotFound } from "~/platform/errors.server";
import * as memberRoute from "~/routes/member";
import * as membersRoute from "~/routes/members";
import { useTestDatabase } from "../support/database";
import { outcomeOf, routeContext } from "../support/route-context";

// The member directory and profiles: for the circle's members only, never an e-mail address,
// never an erased member; the filters (words without regard to accents or case, competence,
// organisers), the order and the pages. Each test makes its own members under a label of its
// own ("t3-…") and filters on it, so tests in this file do not see each other's members.

useTestDatabase();

let n = 0;
type TestMember = { id: number; handle: string; email: string; viewer: MemberViewer; guardian: Guardian };

async function member(
  displayName: string,
  opts: { role?: Role; organisation?: string; erased?: boolean; expertise?: number[]; handle?: string } = {},
): Promise<TestMember> {
  const role = opts.role ?? "member";
  const handle = opts.handle ?? `lid-${++n}`;
  const email = `${handle}@voorbeeld.nl`;
  const user = await db.user.create({
    data: {
      handle,
      displayName,
      email: opts.erased ? null : email,
      role,
      organisation: opts.organisation ?? null,
      erasedAt: opts.erased ? new Date() : null,
      expertise: { create: (opts.expertise ?? []).map((competenceId) => ({ competenceId })) },
    },
  });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName, role, locale: "nl" };
  return { id: user.id, handle, email, viewer, guardian: new Guardian(viewer) };
}

async function competence(nameNl: string, opts: { retired?: boolean } = {}) {
  const slug = `comp-${++n}`;
  return db.competence.create({ data: { slug, nameNl, nameEn: `${nameNl} (en)`, retiredAt: opts.retired ? new Date() : null } });
}

const query = (overrides: Partial<DirectoryQuery> = {}): DirectoryQuery => ({ text: "", competence: null, staffOnly: false, page: 1, ...overrides });
const names = (page: Awaited<ReturnType<typeof listMembers>>) => page.entries.map((e) => e.displayName);

describe("who may see the directory", () => {
  it("a visitor is sent to log in, and comes back to the same filtered directory", async () => {
    const outcome = await outcomeOf(() =>
      membersRoute.loader({ request: new Request("http://localhost/members?q=jan&page=2"), context: routeContext(anonymousViewer), params: {} } as never),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/login?redirectTo=${encodeURIComponent("/members?q=jan&page=2")}`);
    await expect(listMembers(new Guardian(anonymousViewer), query())).rejects.toThrow(Forbidden);
  });

  it("a visitor asking for a profile is sent to log in; a member sees it", async () => {
    const someone = await member("Profiel Persoon");
    const visitor = await outcomeOf(() =>
      memberRoute.loader({ request: new Request(`http://localhost/members/${someone.handle}`), context: routeContext(anonymousViewer), params: { handle: someone.handle } } as never),
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toBe(`/login?redirectTo=${encodeURIComponent(`/members/${someone.handle}`)}`);
    const reader = await member("Lezer");
    const page = await outcomeOf(() =>
      memberRoute.loader({ request: new Request(`http://localhost/members/${someone.handle}`), context: routeContext(reader.viewer), params: { handle: someone.handle } } as never),
    );
    expect(page.status).toBe(200);
  });

  it("every member, organiser and admin sees it; an erased member is in no one's list and has no profile", async () => {
    const gone = await member("t1 Vertrokken Lid", { erased: true });
    const here = await member("t1 Aanwezig Lid");
    for (const role of ["member", "organiser", "admin"] as const) {
      const viewer = await member(`Kijker ${role}`, { role });
      expect(names(await listMembers(viewer.guardian, query({ text: "t1" })))).toEqual(["t1 Aanwezig Lid"]);
      await expect(getMemberProfile(viewer.guardian, gone.handle)).rejects.toThrow(NotFound);
    }
    expect(here.handle).toBeTruthy();
  });

  it("lists only members admitted to the circle: no unconfirmed sign-up, no request still waiting (decision 016)", async () => {
    const waiting = await member("t16 Wachtend Lid");
    const unconfirmed = await member("t16 Onbevestigd Lid");
    await member("t16 Echt Lid");
    await db.user.update({ where: { id: waiting.id }, data: { status: "pending" } });
    await db.user.update({ where: { id: unconfirmed.id }, data: { status: "unverified" } });
    const viewer = await member("Kijkende Persoon");
    expect(names(await listMembers(viewer.guardian, query({ text: "t16" })))).toEqual(["t16 Echt Lid"]);
    await expect(getMemberProfile(viewer.guardian, waiting.handle)).rejects.toThrow(NotFound);
    const organiser = await member("Organiserende Persoon", { role: "organiser" });
    await expect(getMemberProfile(organiser.guardian, waiting.handle)).resolves.toMatchObject({ displayName: "t16 Wachtend Lid" });
  });

  it("someone still waiting for approval sees their own profile, not who the members are", async () => {
    const waiting = await member("t17 Wachtend Persoon");
    await db.user.update({ where: { id: waiting.id }, data: { status: "pending" } });
    const self = new Guardian({ ...waiting.viewer, pending: true });
    const other = await member("t17 Echt Lid");
    const list = await outcomeOf(() =>
      membersRoute.loader({ request: new Request("http://localhost/members"), context: routeContext({ ...waiting.viewer, pending: true }), params: {} } as never),
    );
    expect(list.status).toBe(403);
    await expect(getMemberProfile(self, other.handle)).rejects.toThrow(Forbidden);
    await expect(getMemberProfile(self, waiting.handle)).resolves.toMatchObject({ displayName: "t17 Wachtend Persoon" });
  });

  it("never puts an e-mail address in the page, not even for an admin", async () => {
    const someone = await member("t2 Iemand Met Adres", { organisation: "Buurthuis" });
    const admin = await member("t2 Beheerder", { role: "admin" });
    const outcome = await outcomeOf(() =>
      membersRoute.loader({ request: new Request("http://localhost/members?q=t2"), context: routeContext(admin.viewer), params: {} } as never),
    );
    expect(outcome.status).toBe(200);
    const json = JSON.stringify(outcome.data);
    expect(json).toContain("t2 Iemand Met Adres");
    expect(json).not.toContain(someone.email);
    expect(json).not.toContain("@voorbeeld.nl");
  });
});

describe("filters", () => {
  it("finds by part of a name, organisation or handle, without regard to accents or case", async () => {
    const viewer = await member("Kijker");
    await member("t3 José Álvarez", { organisation: "Wijkteam Zuid" });
    await member("t3 Émile Zoë Dubois", { organisation: "Stichting Ĳsselzicht" });
    await member("t3 Jan Smit", { organisation: "Buurthuis De Linde", handle: "t3-jansmit" });
    await member("t3 Marjan Bakker", { organisation: "Gemeente Sørlandet" });
    const find = async (text: string) => names(await listMembers(viewer.guardian, query({ text: `t3 ${text}` })));

    expect(await find("jose")).toEqual(["t3 José Álvarez"]);
    expect(await find("ÁLVAREZ")).toEqual(["t3 José Álvarez"]);
    expect(await find("emile zoe")).toEqual(["t3 Émile Zoë Dubois"]); // every word must match
    expect(await find("ijssel")).toEqual(["t3 Émile Zoë Dubois"]); // the Dutch ĳ is "ij"
    expect(await find("sorlandet")).toEqual(["t3 Marjan Bakker"]);
    expect(await find("linde")).toEqual(["t3 Jan Smit"]); // organisation
    expect(await find("jansmit")).toEqual(["t3 Jan Smit"]); // handle
    expect(await find("zuid jose")).toEqual(["t3 José Álvarez"]); // organisation and name together
    expect(await find("niemand")).toEqual([]);
  });

  it("puts members whose name has a word starting with what was typed first", async () => {
    const viewer = await member("Kijker");
    await member("t4 Marjan Bakker");
    await member("t4 Jan Smit");
    await member("t4 Anna Janssen");
    expect(names(await listMembers(viewer.guardian, query({ text: "jan t4" })))).toEqual(["t4 Anna Janssen", "t4 Jan Smit", "t4 Marjan Bakker"]);
  });

  it("takes typed %, _ and \\ as themselves, and control and zero-width characters as nothing", async () => {
    const viewer = await member("Kijker");
    await member("t5 Honderd%Procent");
    await member("t5 Onder_Streep");
    await member("t5 Gewoon Lid");
    const find = async (text: string) => names(await listMembers(viewer.guardian, directoryQueryFromSearchParams(new URLSearchParams({ q: `t5 ${text}` }))));
    expect(await find("%")).toEqual(["t5 Honderd%Procent"]);
    expect(await find("_")).toEqual(["t5 Onder_Streep"]);
    expect(await find("\\")).toEqual([]);
    expect(await find("gewoon\u0000")).toEqual(["t5 Gewoon Lid"]); // Postgres refuses NUL; it never gets there
    expect(await find("gew\u200Boon")).toEqual(["t5 Gewoon Lid"]); // a zero-width space pasted along
    expect(await find("\u202Egewoon\u202C")).toEqual(["t5 Gewoon Lid"]); // direction marks
  });

  it("filters on a competence, and counts its members (erased ones not)", async () => {
    const viewer = await member("Kijker");
    const luisteren = await competence("Luisteren");
    const doorvragen = await competence("Doorvragen");
    await member("t6 Alice", { expertise: [luisteren.id, doorvragen.id] });
    await member("t6 Bob", { expertise: [doorvragen.id] });
    await member("t6 Weg", { expertise: [luisteren.id], erased: true });
    const page = await listMembers(viewer.guardian, query({ competence: luisteren.slug }));
    expect(names(page)).toEqual(["t6 Alice"]);
    expect(page.entries[0]!.expertise.map((c) => c.nameNl)).toEqual(["Doorvragen", "Luisteren"]);
    expect(page.competences.find((c) => c.slug === luisteren.slug)?.members).toBe(1);
    expect(page.competences.find((c) => c.slug === doorvragen.slug)?.members).toBe(2);
  });

  it("drops a competence the circle does not have, and keeps a retired one chosen by a link", async () => {
    const viewer = await member("Kijker");
    const oud = await competence("Oude aanpak", { retired: true });
    await member("t7 Veteraan", { expertise: [oud.id] });
    const unknown = await listMembers(viewer.guardian, query({ competence: "bestaat-niet", text: "t7" }));
    expect(unknown.filter.competence).toBeNull();
    expect(names(unknown)).toEqual(["t7 Veteraan"]);
    const retired = await listMembers(viewer.guardian, query({ competence: oud.slug }));
    expect(names(retired)).toEqual(["t7 Veteraan"]);
    expect(retired.competences.map((c) => c.slug)).toContain(oud.slug);
    const plain = await listMembers(viewer.guardian, query());
    expect(plain.competences.map((c) => c.slug)).not.toContain(oud.slug);
  });

  it("shows only organisers and admins when asked", async () => {
    const viewer = await member("Kijker");
    await member("t8 Gewoon Lid");
    await member("t8 Organisator", { role: "organiser" });
    await member("t8 Beheerder", { role: "admin" });
    expect(names(await listMembers(viewer.guardian, query({ text: "t8", staffOnly: true })))).toEqual(["t8 Beheerder", "t8 Organisator"]);
  });

  it("reads anything a hand-made address holds as a valid query", () => {
    const q = directoryQueryFromSearchParams(new URLSearchParams("q=%20%20a%0Ab%20&competence=../etc&role=admin&page=-3"));
    expect(q).toEqual({ text: "a b", competence: null, staffOnly: false, page: 1 });
    expect(directoryQueryFromSearchParams(new URLSearchParams(`q=${"x".repeat(500)}&page=99999`)).text).toHaveLength(100);
    expect(directoryQueryFromSearchParams(new URLSearchParams("page=99999")).page).toBe(500);
  });
});

describe("order and pages", () => {
  it("lists alphabetically by name, accents folded, in pages of 24", async () => {
    const viewer = await member("Kijker");
    const made: string[] = [];
    for (let i = 0; i < DIRECTORY_PAGE_SIZE + 5; i++) {
      const name = `t9 ${i === 3 ? "Éva" : i === 4 ? "eric" : `Lid ${String(i).padStart(2, "0")}`}`;
      made.push(name);
      await member(name);
    }
    const first = await listMembers(viewer.guardian, query({ text: "t9" }));
    const second = await listMembers(viewer.guardian, query({ text: "t9", page: 2 }));
    expect([first.total, first.pageCount, first.entries.length, second.entries.length]).toEqual([29, 2, 24, 5]);
    const all = [...names(first), ...names(second)];
    expect(all.slice(0, 2)).toEqual(["t9 eric", "t9 Éva"]);
    expect(new Set(all)).toEqual(new Set(made)); // every member once, none lost between pages
    expect(all.length).toBe(29);

    const beyond = await listMembers(viewer.guardian, query({ text: "t9", page: 3 }));
    expect([beyond.entries.length, beyond.total, beyond.pageCount]).toEqual([0, 29, 2]);
  });
});

describe("authors in search results", () => {
  it("name who wrote each dilemma (with what a link and avatar need), and 'voormalig lid' once erased", async () => {
    const tag = await competence("Zoekproef");
    const asker = await member("t10 Sanne Schrijver", { organisation: "Wijkteam Oost" });
    const reader = await member("t10 Lezer");
    await createDilemma(asker.guardian, {
      title: "Hoe vind je de zeldzame kwartelkoning in de wijk?",
      body: "**Situatie:** een vraag over de kwartelkoning.\n\n**Mijn vraag:** wie weet raad?",
      competences: [tag.slug],
    });
    const hits = async () => (await search(reader.guardian, searchRequestFromParams(new URLSearchParams({ q: "kwartelkoning" })))).hits;
    expect((await hits()).map((h) => h.author)).toEqual([
      { member: { handle: asker.handle, displayName: "t10 Sanne Schrijver", organisation: "Wijkteam Oost", photoId: null } },
    ]);
    await db.user.update({ where: { id: asker.id }, data: { erasedAt: new Date(), displayName: "", organisation: null } });
    expect((await hits()).map((h) => h.author)).toEqual([{ member: null }]);
  });
});
