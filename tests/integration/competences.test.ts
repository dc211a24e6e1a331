import { describe, expect, it } from "vitest";
import {
  createCompetence,
  listCompetenceOptions,
  listCompetences,
  setCompetenceRetired,
  unusableCompetenceIds,
  updateCompetence,
} from "~/competences/competences.server";
import { getCompetencePage, type CompetencePage } from "~/dilemmas/competence-page.server";
import { CompetenceSchema, type CompetenceInput } from "~/competences/schemas";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import * as competenceEditRoute from "~/routes/competence-edit";
import * as competenceNewRoute from "~/routes/competence-new";
import * as competenceRoute from "~/routes/competence";
import { useTestDatabase } from "../support/database";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

useTestDatabase();

const visitor = new Guardian(anonymousViewer);
let n = 0;

async function memberWith(role: Role): Promise<{ id: number; viewer: MemberViewer; guardian: Guardian }> {
  const handle = `${role}-${++n}`;
  const user = await db.user.create({ data: { handle, displayName: `Test ${handle}`, email: `${handle}@voorbeeld.nl`, role } });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: "nl" };
  return { id: user.id, viewer, guardian: new Guardian(viewer) };
}

/** A unique Dutch and English name per test, so tests in this file never clash on names. */
function input(nameNl: string, overrides: Partial<CompetenceInput> = {}): CompetenceInput {
  return { nameNl, nameEn: `${nameNl} (en)`, synonyms: [], descriptionMd: "", updateSlug: false, ...overrides };
}

async function dilemmaWith(competenceId: number, authorId: number, options: { hidden?: boolean; minutesAgo?: number } = {}) {
  const at = new Date(Date.now() - (options.minutesAgo ?? 0) * 60_000);
  return db.dilemma.create({
    data: {
      title: `Dilemma ${++n}`,
      bodyMd: "Tekst",
      bodyHtml: "<p>Tekst</p>",
      authorId,
      hiddenAt: options.hidden ? new Date() : null,
      lastActivityAt: at,
      competences: { create: [{ competenceId }] },
    },
  });
}

async function idOf(slug: string): Promise<number> {
  return (await db.competence.findUniqueOrThrow({ where: { slug } })).id;
}

function page(result: CompetencePage | { movedTo: string }): CompetencePage {
  if ("movedTo" in result) throw new Error(`moved to ${result.movedTo}`);
  return result;
}

describe("creating a competence", () => {
  it("derives a lowercase ASCII slug from the Dutch name, accents stripped", async () => {
    const { guardian } = await memberWith("organiser");
    const { slug } = await createCompetence(guardian, input("Één-op-één gesprekken voeren"));
    expect(slug).toBe("een-op-een-gesprekken-voeren");
    const page1 = page(await getCompetencePage(visitor, slug));
    expect(page1.competence.nameNl).toBe("Één-op-één gesprekken voeren");
  });

  it("adds -2 when another competence has that slug", async () => {
    const { guardian } = await memberWith("admin");
    expect((await createCompetence(guardian, input("Buurt verbinden"))).slug).toBe("buurt-verbinden");
    expect((await createCompetence(guardian, input("Buurt, verbinden!"))).slug).toBe("buurt-verbinden-2");
  });

  it("stores the description as sanitised HTML and the synonyms as a list", async () => {
    const { guardian } = await memberWith("organiser");
    const parsed = CompetenceSchema.parse({
      nameNl: "Grenzen stellen",
      nameEn: "Setting limits",
      synonyms: " nee zeggen, grenzen,, Nee zeggen ",
      descriptionMd: "Gebruik dit **vaak**. <script>alert(1)</script>",
    });
    const { slug } = await createCompetence(guardian, parsed);
    const row = await db.competence.findUniqueOrThrow({ where: { slug } });
    expect(row.synonyms).toEqual(["nee zeggen", "grenzen"]);
    expect(row.descriptionHtml).toContain("<strong>vaak</strong>");
    expect(row.descriptionHtml).not.toContain("<script");
  });

  it("refuses a name another competence has, whatever its capitals", async () => {
    const { guardian } = await memberWith("organiser");
    await createCompetence(guardian, input("Netwerken"));
    const again = createCompetence(guardian, input("NETWERKEN", { nameEn: "Something else" }));
    await expect(again).rejects.toBeInstanceOf(Invalid);
    await expect(again).rejects.toMatchObject({ fieldErrors: { nameNl: ["competences.errors.nameTaken"] } });
  });

  it("is refused to members and visitors", async () => {
    const { guardian } = await memberWith("member");
    await expect(createCompetence(guardian, input("Mag niet"))).rejects.toBeInstanceOf(Forbidden);
    await expect(createCompetence(visitor, input("Mag ook niet"))).rejects.toBeInstanceOf(Forbidden);
    expect(await db.competence.count({ where: { nameNl: { startsWith: "Mag" } } })).toBe(0);
  });

  it("answers a member's POST with 403 and creates nothing", async () => {
    const { viewer } = await memberWith("member");
    const outcome = await outcomeOf(() =>
      competenceNewRoute.action({
        request: formPost("/competences/new", { nameNl: "Stiekem", nameEn: "Sneaky" }),
        context: routeContext(viewer),
        params: {},
      } as never),
    );
    expect(outcome.status).toBe(403);
    expect(await db.competence.count({ where: { nameNl: "Stiekem" } })).toBe(0);
  });
});

describe("bad input in the competence form", () => {
  async function post(fields: Record<string, string>) {
    const { viewer } = await memberWith("organiser");
    return outcomeOf(() =>
      competenceNewRoute.action({
        request: formPost("/competences/new", fields),
        context: routeContext(viewer),
        params: {},
      } as never),
    );
  }
  type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };

  it("puts messages beside empty and too long names, 400, and keeps what was typed", async () => {
    const long = "x".repeat(61);
    const outcome = await post({ nameNl: "", nameEn: long, synonyms: "een, twee", descriptionMd: "Mijn tekst" });
    expect(outcome.status).toBe(400);
    const { result } = outcome.data as Reply;
    expect(result.error.nameNl).toEqual(["errors.required"]);
    expect(result.error.nameEn).toEqual(["errors.tooLong"]);
    expect(result.initialValue).toMatchObject({ nameEn: long, synonyms: "een, twee", descriptionMd: "Mijn tekst" });
  });

  it("refuses a description over 5 000 characters", async () => {
    const outcome = await post({ nameNl: "Lang verhaal", nameEn: "Long story", descriptionMd: "a".repeat(5001) });
    expect(outcome.status).toBe(400);
    expect((outcome.data as Reply).result.error.descriptionMd).toEqual(["errors.tooLong"]);
    expect(await db.competence.count({ where: { nameNl: "Lang verhaal" } })).toBe(0);
  });

  it("puts 'name taken' beside the name with a 400", async () => {
    await post({ nameNl: "Dubbel", nameEn: "Double" });
    const outcome = await post({ nameNl: "dubbel", nameEn: "Twice" });
    expect(outcome.status).toBe(400);
    const { result } = outcome.data as Reply;
    expect(result.error.nameNl).toEqual(["competences.errors.nameTaken"]);
    expect(result.initialValue.nameEn).toBe("Twice");
  });

  it("answers 404 for the edit page of a competence that does not exist", async () => {
    const { viewer } = await memberWith("organiser");
    const outcome = await outcomeOf(() =>
      competenceEditRoute.loader({
        request: new Request("http://localhost/competences/bestaat-niet/edit"),
        context: routeContext(viewer),
        params: { slug: "bestaat-niet" },
      } as never),
    );
    expect(outcome.status).toBe(404);
  });
});

describe("renaming", () => {
  it("keeps the slug unless the organiser asks for a new one", async () => {
    const { guardian } = await memberWith("organiser");
    const { slug } = await createCompetence(guardian, input("Oude naam A"));
    const renamed = await updateCompetence(guardian, slug, input("Nieuwe naam A"));
    expect(renamed.slug).toBe("oude-naam-a");
    expect(page(await getCompetencePage(visitor, "oude-naam-a")).competence.nameNl).toBe("Nieuwe naam A");
  });

  it("with a new slug, redirects the old address with 301 (query kept)", async () => {
    const { guardian, viewer } = await memberWith("organiser");
    const { slug } = await createCompetence(guardian, input("Oude naam B"));
    const renamed = await updateCompetence(guardian, slug, input("Nieuwe naam B", { updateSlug: true }));
    expect(renamed.slug).toBe("nieuwe-naam-b");
    expect(await getCompetencePage(visitor, "oude-naam-b")).toEqual({ movedTo: "nieuwe-naam-b" });

    const outcome = await outcomeOf(() =>
      competenceRoute.loader({
        request: new Request("http://localhost/competences/oude-naam-b?page=2"),
        context: routeContext(viewer),
        params: { slug: "oude-naam-b" },
      } as never),
    );
    expect(outcome).toMatchObject({ status: 301, location: "/competences/nieuwe-naam-b?page=2" });
  });

  it("renamed back, takes its old slug back and the other one redirects", async () => {
    const { guardian } = await memberWith("organiser");
    await createCompetence(guardian, input("Heen"));
    await updateCompetence(guardian, "heen", input("Terug", { updateSlug: true }));
    const back = await updateCompetence(guardian, "terug", input("Heen", { updateSlug: true }));
    expect(back.slug).toBe("heen");
    expect(await getCompetencePage(visitor, "terug")).toEqual({ movedTo: "heen" });
    expect(page(await getCompetencePage(visitor, "heen")).competence.nameNl).toBe("Heen");
  });

  it("never hands another competence's old slug to a new one (the old links keep working)", async () => {
    const { guardian } = await memberWith("organiser");
    await createCompetence(guardian, input("Verhuisd"));
    await updateCompetence(guardian, "verhuisd", input("Verhuisd en hernoemd", { updateSlug: true }));
    const { slug } = await createCompetence(guardian, input("Verhuisd"));
    expect(slug).toBe("verhuisd-2");
    expect(await getCompetencePage(visitor, "verhuisd")).toEqual({ movedTo: "verhuisd-en-hernoemd" });
  });

  it("is refused to a member", async () => {
    const staff = await memberWith("organiser");
    const member = await memberWith("member");
    await createCompetence(staff.guardian, input("Van de staf"));
    await expect(updateCompetence(member.guardian, "van-de-staf", input("Gekaapt"))).rejects.toBeInstanceOf(Forbidden);
    expect(page(await getCompetencePage(visitor, "van-de-staf")).competence.nameNl).toBe("Van de staf");
  });

  it("says 404 for a slug that never existed", async () => {
    await expect(getCompetencePage(visitor, "nooit-bestaan")).rejects.toBeInstanceOf(NotFound);
  });
});

describe("retiring", () => {
  it("hides a competence from the pickers but keeps it on the dilemmas that have it", async () => {
    const staff = await memberWith("organiser");
    const author = await memberWith("member");
    const { slug } = await createCompetence(staff.guardian, input("Met pensioen"));
    const id = await idOf(slug);
    const dilemma = await dilemmaWith(id, author.id);

    await setCompetenceRetired(staff.guardian, slug, true);

    const options = await listCompetenceOptions(visitor);
    expect(options.map((o) => o.slug)).not.toContain(slug);
    // A dilemma that already carries it gets it offered (marked), so editing does not drop it.
    const keep = await listCompetenceOptions(visitor, { alsoIds: [id] });
    expect(keep.find((o) => o.id === id)).toMatchObject({ slug, retired: true });
    expect(await unusableCompetenceIds([id])).toEqual([id]);
    expect(await unusableCompetenceIds([id], { alsoIds: [id] })).toEqual([]);

    const stillThere = page(await getCompetencePage(visitor, slug));
    expect(stillThere.competence.retiredAt).not.toBeNull();
    expect(stillThere.dilemmas.map((d) => d.id)).toEqual([dilemma.id]);
    expect(await db.dilemmaCompetence.count({ where: { dilemmaId: dilemma.id, competenceId: id } })).toBe(1);

    const { active, retired } = await listCompetences(visitor);
    expect(active.map((c) => c.slug)).not.toContain(slug);
    expect(retired.map((c) => c.slug)).toContain(slug);
  });

  it("can be undone, and neither can be done twice", async () => {
    const { guardian } = await memberWith("admin");
    const { slug } = await createCompetence(guardian, input("Even weg"));
    await expect(setCompetenceRetired(guardian, slug, false)).rejects.toBeInstanceOf(Forbidden);
    await setCompetenceRetired(guardian, slug, true);
    await expect(setCompetenceRetired(guardian, slug, true)).rejects.toBeInstanceOf(Forbidden);
    await setCompetenceRetired(guardian, slug, false);
    expect((await listCompetenceOptions(visitor)).map((o) => o.slug)).toContain(slug);
  });

  it("is refused to a member", async () => {
    const staff = await memberWith("organiser");
    const member = await memberWith("member");
    const { slug } = await createCompetence(staff.guardian, input("Blijft"));
    await expect(setCompetenceRetired(member.guardian, slug, true)).rejects.toBeInstanceOf(Forbidden);
    await expect(setCompetenceRetired(member.guardian, "bestaat-niet", true)).rejects.toBeInstanceOf(Forbidden);
    expect((await listCompetenceOptions(visitor)).map((o) => o.slug)).toContain(slug);
  });
});

describe("counts and lists of dilemmas", () => {
  it("count only the dilemmas the viewer may see", async () => {
    const staff = await memberWith("organiser");
    const author = await memberWith("member");
    const other = await memberWith("member");
    const { slug } = await createCompetence(staff.guardian, input("Tellen"));
    const id = await idOf(slug);
    await dilemmaWith(id, author.id);
    await dilemmaWith(id, author.id);
    await dilemmaWith(id, author.id, { hidden: true });

    const countFor = async (g: Guardian) => (await listCompetences(g)).active.find((c) => c.slug === slug)?.dilemmaCount;
    expect(await countFor(visitor)).toBe(2);
    expect(await countFor(other.guardian)).toBe(2);
    expect(await countFor(author.guardian)).toBe(3); // their own hidden dilemma
    expect(await countFor(staff.guardian)).toBe(3);

    expect(page(await getCompetencePage(other.guardian, slug)).dilemmas).toHaveLength(2);
    const forStaff = page(await getCompetencePage(staff.guardian, slug));
    expect(forStaff.dilemmas.filter((d) => d.hidden)).toHaveLength(1);
  });

  it("list the newest activity first, 20 per page", async () => {
    const staff = await memberWith("organiser");
    const author = await memberWith("member");
    const { slug } = await createCompetence(staff.guardian, input("Veel dilemma's"));
    const id = await idOf(slug);
    const made = [];
    for (let i = 0; i < 23; i++) made.push(await dilemmaWith(id, author.id, { minutesAgo: i }));

    const first = page(await getCompetencePage(visitor, slug, 1));
    expect(first).toMatchObject({ dilemmaCount: 23, page: 1, pageCount: 2 });
    expect(first.dilemmas.map((d) => d.id)).toEqual(made.slice(0, 20).map((d) => d.id));
    const second = page(await getCompetencePage(visitor, slug, 2));
    expect(second.dilemmas.map((d) => d.id)).toEqual(made.slice(20).map((d) => d.id));
    // A page past the end shows the last page rather than nothing.
    expect(page(await getCompetencePage(visitor, slug, 99)).page).toBe(2);
  });
});
