import { describe, expect, it } from "vitest";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { changeMemberRole, getMemberProfile, getOwnProfile, updateOwnProfile } from "~/members/profiles.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import * as accountProfileRoute from "~/routes/account-profile";
import * as memberRoute from "~/routes/member";
import { useTestDatabase } from "../support/database";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

useTestDatabase();

const visitor = new Guardian(anonymousViewer);
/** Another member of the circle, reading a profile (visitors may not: member-directory.test.ts). */
const aReader = async () => (await memberWith("member")).guardian;
let n = 0;

type TestMember = { id: number; handle: string; email: string; viewer: MemberViewer; guardian: Guardian };

async function memberWith(role: Role, extra: { organisation?: string } = {}): Promise<TestMember> {
  const handle = `${role}-${++n}`;
  const email = `${handle}@voorbeeld.nl`;
  const user = await db.user.create({
    data: { handle, displayName: `Test ${handle}`, email, role, organisation: extra.organisation ?? null },
  });
  const viewer: MemberViewer = { kind: "member", id: user.id, handle, displayName: user.displayName, role, locale: "nl" };
  return { id: user.id, handle, email, viewer, guardian: new Guardian(viewer) };
}

async function competence(nameNl: string, retired = false) {
  const slug = `c-${++n}`;
  return db.competence.create({ data: { slug, nameNl, nameEn: `${nameNl} (en)`, retiredAt: retired ? new Date() : null } });
}

const profileInput = (overrides: Partial<Parameters<typeof updateOwnProfile>[1]> = {}) => ({
  displayName: "Nieuwe Naam",
  organisation: "Buurthuis",
  expertise: [] as number[],
  locale: "nl" as const,
  ...overrides,
});

describe("a member's profile", () => {
  it("shows name, organisation and the expertise they chose", async () => {
    const me = await memberWith("member");
    const a = await competence("Luisteren");
    const b = await competence("Doorvragen");
    await updateOwnProfile(me.guardian, profileInput({ displayName: "Fatima de Vries", expertise: [a.id, b.id] }));

    const profile = await getMemberProfile(await aReader(), me.handle);
    expect(profile.displayName).toBe("Fatima de Vries");
    expect(profile.organisation).toBe("Buurthuis");
    expect(profile.expertise.map((e) => e.nameNl)).toEqual(["Doorvragen", "Luisteren"]);
  });

  it("shows the e-mail address only to the member and to admins", async () => {
    const me = await memberWith("member");
    const other = await memberWith("member");
    const organiser = await memberWith("organiser");
    const admin = await memberWith("admin");
    await expect(getMemberProfile(visitor, me.handle)).rejects.toBeInstanceOf(Forbidden); // the circle is closed
    expect((await getMemberProfile(other.guardian, me.handle)).email).toBeNull();
    expect((await getMemberProfile(organiser.guardian, me.handle)).email).toBeNull();
    expect((await getMemberProfile(me.guardian, me.handle)).email).toBe(me.email);
    expect((await getMemberProfile(admin.guardian, me.handle)).email).toBe(me.email);
  });

  it("never puts the address in another member's page data", async () => {
    const me = await memberWith("member");
    const other = await memberWith("member");
    const outcome = await outcomeOf(() =>
      memberRoute.loader({
        request: new Request(`http://localhost/members/${me.handle}`),
        context: routeContext(other.viewer),
        params: { handle: me.handle },
      } as never),
    );
    expect(outcome.status).toBe(200);
    expect(JSON.stringify(outcome.data)).not.toContain(me.email);
  });

  it("of an erased member is not found (404)", async () => {
    const gone = await memberWith("member");
    await db.user.update({ where: { id: gone.id }, data: { erasedAt: new Date(), email: null, displayName: "" } });
    await expect(getMemberProfile(await aReader(), gone.handle)).rejects.toBeInstanceOf(NotFound);
    const admin = await memberWith("admin");
    const outcome = await outcomeOf(() =>
      memberRoute.loader({
        request: new Request(`http://localhost/members/${gone.handle}`),
        context: routeContext(admin.viewer),
        params: { handle: gone.handle },
      } as never),
    );
    expect(outcome.status).toBe(404);
  });

  it("lists visible dilemmas and replies; hidden, deleted and in-hidden-dilemma replies stay out", async () => {
    const me = await memberWith("member");
    const asker = await memberWith("member");
    const organiser = await memberWith("organiser");
    const make = (title: string, authorId: number, hidden = false) =>
      db.dilemma.create({
        data: { title, bodyMd: "x", bodyHtml: "<p>x</p>", authorId, hiddenAt: hidden ? new Date() : null },
      });
    await make("Mijn open dilemma", me.id);
    await make("Mijn verborgen dilemma", me.id, true);
    const open = await make("Vraag van een ander", asker.id);
    const hidden = await make("Verborgen vraag van een ander", asker.id, true);
    let path = 0;
    const reply = (dilemmaId: number, bodyMd: string, extra: { hiddenAt?: Date; deletedByAuthorAt?: Date } = {}) =>
      db.reply.create({
        data: {
          dilemmaId,
          authorId: me.id,
          bodyMd,
          bodyHtml: "",
          path: String(++path).padStart(6, "0"),
          depth: 0,
          ...extra,
        },
      });
    const shown = await reply(open.id, "Probeer **eerst** te *luisteren*. [Meer](https://example.org)");
    await reply(open.id, "Weggehaald door de staf", { hiddenAt: new Date() });
    await reply(open.id, "Zelf verwijderd", { deletedByAuthorAt: new Date() });
    await reply(hidden.id, "In een verborgen dilemma");

    const seen = await getMemberProfile(await aReader(), me.handle);
    expect(seen.dilemmas.items.map((d) => d.title)).toEqual(["Mijn open dilemma"]);
    expect(seen.replies.items).toHaveLength(1);
    expect(seen.replies.items[0]).toMatchObject({
      id: shown.id,
      excerpt: "Probeer eerst te luisteren. Meer",
      dilemma: { id: open.id, title: "Vraag van een ander" },
    });

    // The author sees their own hidden dilemma; staff see hidden dilemmas (and replies in them).
    expect((await getMemberProfile(me.guardian, me.handle)).dilemmas.count).toBe(2);
    expect((await getMemberProfile(organiser.guardian, me.handle)).replies.count).toBe(2);
  });
});

describe("editing one's own profile", () => {
  it("saves name, organisation, language and expertise", async () => {
    const me = await memberWith("member", { organisation: "Oud" });
    const a = await competence("Samenwerken");
    const b = await competence("Plannen");
    await updateOwnProfile(me.guardian, profileInput({ expertise: [a.id, b.id] }));
    await updateOwnProfile(me.guardian, profileInput({ organisation: "", locale: "en", expertise: [b.id] }));
    const own = await getOwnProfile(me.guardian);
    expect(own).toMatchObject({ displayName: "Nieuwe Naam", organisation: null, locale: "en", expertiseIds: [b.id] });
  });

  it("offers active competences, and a retired one only to who chose it before", async () => {
    const me = await memberWith("member");
    const other = await memberWith("member");
    const old = await competence("Van vroeger");
    await updateOwnProfile(me.guardian, profileInput({ expertise: [old.id] }));
    await db.competence.update({ where: { id: old.id }, data: { retiredAt: new Date() } });

    expect((await getOwnProfile(me.guardian)).competenceOptions.find((o) => o.id === old.id)).toMatchObject({ retired: true });
    expect((await getOwnProfile(other.guardian)).competenceOptions.map((o) => o.id)).not.toContain(old.id);
    // Keeping it works; choosing it anew does not.
    await expect(updateOwnProfile(me.guardian, profileInput({ expertise: [old.id] }))).resolves.toBeTruthy();
    const choose = updateOwnProfile(other.guardian, profileInput({ expertise: [old.id] }));
    await expect(choose).rejects.toMatchObject({ fieldErrors: { expertise: ["members.errors.unknownCompetence"] } });
  });

  it("refuses an unknown competence", async () => {
    const me = await memberWith("member");
    const attempt = updateOwnProfile(me.guardian, profileInput({ expertise: [987654] }));
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
  });

  it("is for signed-in members only", async () => {
    await expect(updateOwnProfile(visitor, profileInput())).rejects.toBeInstanceOf(Forbidden);
  });

  type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
  async function post(me: TestMember, fields: Record<string, string | string[]>) {
    return outcomeOf(() =>
      accountProfileRoute.action({
        request: formPost("/account/profile", fields),
        context: routeContext(me.viewer),
        params: {},
      } as never),
    );
  }

  it("answers bad input with messages beside the fields, 400, and keeps what was typed", async () => {
    const me = await memberWith("member");
    const many = await Promise.all(Array.from({ length: 11 }, (_, i) => competence(`Veel ${i}`)));
    const outcome = await post(me, {
      displayName: "J",
      organisation: "o".repeat(101),
      expertise: many.map((c) => String(c.id)),
      locale: "nl",
    });
    expect(outcome.status).toBe(400);
    const { result } = outcome.data as Reply;
    expect(result.error.displayName).toEqual(["errors.displayNameTooShort"]);
    expect(result.error.organisation).toEqual(["errors.tooLong"]);
    expect(result.error.expertise).toEqual(["members.errors.tooManyExpertise?max=10"]);
    expect(result.initialValue).toMatchObject({ displayName: "J", expertise: many.map((c) => String(c.id)) });
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).displayName).toBe(`Test ${me.handle}`);
  });

  it("puts 'unknown competence' beside the checkboxes with a 400", async () => {
    const me = await memberWith("member");
    const outcome = await post(me, { displayName: "Jan Jansen", expertise: ["987654"], locale: "nl" });
    expect(outcome.status).toBe(400);
    expect((outcome.data as Reply).result.error.expertise).toEqual(["members.errors.unknownCompetence"]);
  });

  it("saves and goes to the profile, with the language cookie following the choice", async () => {
    const me = await memberWith("member");
    const c = await competence("Verbinden");
    const outcome = await outcomeOf(() =>
      accountProfileRoute.action({
        request: formPost("/account/profile", { displayName: "Jan Jansen", expertise: String(c.id), locale: "en" }),
        context: routeContext(me.viewer),
        params: {},
      } as never),
    );
    expect(outcome).toMatchObject({ status: 302, location: `/members/${me.handle}?done=saved` });
    expect((await getMemberProfile(await aReader(), me.handle)).expertise.map((e) => e.nameNl)).toEqual(["Verbinden"]);
  });
});

describe("changing a member's role", () => {
  it("is for admins only", async () => {
    const target = await memberWith("member");
    for (const role of ["member", "organiser"] as const) {
      const asker = await memberWith(role);
      await expect(changeMemberRole(asker.guardian, target.handle, "organiser")).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(changeMemberRole(visitor, target.handle, "organiser")).rejects.toBeInstanceOf(Forbidden);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("member");

    const admin = await memberWith("admin");
    await changeMemberRole(admin.guardian, target.handle, "organiser");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("organiser");
  });

  it("offers the form only to admins, and not on their own profile", async () => {
    const target = await memberWith("member");
    const admin = await memberWith("admin");
    const organiser = await memberWith("organiser");
    expect((await getMemberProfile(admin.guardian, target.handle)).roleChoices).toEqual(["member", "organiser", "admin"]);
    expect((await getMemberProfile(organiser.guardian, target.handle)).roleChoices).toEqual([]);
    expect((await getMemberProfile(admin.guardian, admin.handle)).roleChoices).toEqual([]);
  });

  it("refuses a member's POST with 403", async () => {
    const target = await memberWith("member");
    const member = await memberWith("member");
    const outcome = await outcomeOf(() =>
      memberRoute.action({
        request: formPost(`/members/${target.handle}`, { intent: "change-role", role: "admin" }),
        context: routeContext(member.viewer),
        params: { handle: target.handle },
      } as never),
    );
    expect(outcome.status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("member");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("member");
  });

  it("does not let an admin demote themselves", async () => {
    const admin = await memberWith("admin");
    await expect(changeMemberRole(admin.guardian, admin.handle, "member")).rejects.toBeInstanceOf(Forbidden);
  });
});
