import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMember } from "~/accounts/accounts.server";
import { PRIVACY_STATEMENT_VERSION } from "~/accounts/consent.server";
import { createSession, validateSessionToken } from "~/accounts/sessions.server";
import { signUp } from "~/accounts/signup.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type MemberViewer } from "~/guardian/viewer";
import { auditTrail } from "~/moderation/audit-trail.server";
import { db } from "~/platform/db.server";
import { startEventRelay, type EventRelay } from "~/platform/events/relay.server";
import { createDilemma } from "~/dilemmas/dilemmas.server";
import * as archiveRoute from "~/routes/account.data.archive";
import * as eraseOwnRoute from "~/routes/account.erase";
import * as newDilemmaRoute from "~/routes/dilemmas.new";
import * as adminEraseRoute from "~/routes/member.erase";
import * as acceptRoute from "~/routes/privacy.accept";
import { useTestDatabase } from "../support/database";
import { useMailAndJobs } from "../support/mail-and-jobs";
import { formPost, outcomeOf, routeContext } from "../support/route-context";

// Consent to the privacy statement by version, and an admin erasing an account on request
// (issue 21, decision 026), through the real routes and a real database: what is recorded at
// sign-up, who is asked again, what they may not do until they accept, the archive, erasure,
// and the audit trail's entry with the admin's reason.

const database = useTestDatabase();
useMailAndJobs();

let relay: EventRelay;
beforeAll(async () => {
  relay = await startEventRelay({
    connectionString: database.url,
    subscribers: [auditTrail],
    logger: { info: () => {}, warn: () => {}, error: (about: unknown, message: string) => console.error(message, about) } as never,
    pollMs: 100,
    standbyMs: 50,
  });
});
afterAll(() => relay.stop());

async function auditSettled(): Promise<void> {
  const [{ last }] = await db.$queryRaw<[{ last: bigint | null }]>`SELECT max(id) AS last FROM "DomainEvent"`;
  for (let i = 0; i < 300 && last !== null; i++) {
    const [cursor] = await db.$queryRaw<{ eventId: bigint }[]>`SELECT "eventId" FROM "DomainEventCursor" WHERE subscriber = 'audit'`;
    if (cursor && cursor.eventId >= last) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (last !== null) throw new Error("the audit trail did not catch up");
}

let n = 0;
async function member(name: string, role: "member" | "admin" = "member") {
  const i = ++n;
  const email = `lid-${i}@voorbeeld.nl`;
  const { id, handle } = await insertMember({ displayName: name, email, passwordHash: "x", role });
  return { id, handle, email, name };
}

/** The viewer as the session lookup makes it (consentNeeded from the newest record). */
async function signedIn(userId: number): Promise<MemberViewer> {
  const { token } = await createSession(userId);
  const session = await validateSessionToken(token);
  return { kind: "member", ...session!.member };
}

async function competence(): Promise<string> {
  const slug = `toestemming-${++n}`;
  await db.competence.create({ data: { slug, nameNl: `Competentie ${n}`, nameEn: `Competence ${n}` } });
  return slug;
}

/** As when the statement changed after they accepted: their newest record names an older version. */
async function acceptedOlderVersion(userId: number) {
  await db.consentRecord.updateMany({ where: { userId }, data: { version: "2026-12-06", acceptedAt: new Date("2026-12-06T10:00:00Z") } });
}

describe("consent to the privacy statement, by version", () => {
  it("is recorded at sign-up with the version shown, and for members made by invitation, set-up or the console", async () => {
    await signUp(
      new Guardian(anonymousViewer),
      { displayName: "Fenna Aanmelder", email: "fenna.aanmelder@voorbeeld.nl", password: "een heel lang wachtwoord 42", consent: "on", locale: "nl" } as never,
      { ip: "192.0.2.10" },
    );
    const signedUp = await db.user.findUniqueOrThrow({ where: { email: "fenna.aanmelder@voorbeeld.nl" }, include: { consents: true } });
    expect(signedUp.consents).toMatchObject([{ version: PRIVACY_STATEMENT_VERSION, acceptedAt: expect.any(Date) }]);
    expect(signedUp.consentAt).toEqual(signedUp.consents[0]!.acceptedAt);

    const made = await member("Console Lid");
    expect(await db.consentRecord.findMany({ where: { userId: made.id } })).toMatchObject([{ version: PRIVACY_STATEMENT_VERSION }]);
  });

  it("asks a member whose newest acceptance is of an older version; not one who accepted the current", async () => {
    const current = await member("Actueel Lid");
    expect((await signedIn(current.id)).consentNeeded).toBe(false);
    const older = await member("Ouder Akkoord");
    await acceptedOlderVersion(older.id);
    expect((await signedIn(older.id)).consentNeeded).toBe(true);
  });

  it("refuses writes until the member accepts (403), says what changed, then lets them write again", async () => {
    const me = await member("Wendelien Schrijver");
    await acceptedOlderVersion(me.id);
    const slug = await competence();
    const viewer = await signedIn(me.id);
    const fields = { intent: "publish", title: "Hoe houd je een buurtkamer open zonder vaste vrijwilligers?", body: "We zoeken een manier om de buurtkamer open te houden als niemand vast kan.", competences: slug };

    const refused = await outcomeOf(() => newDilemmaRoute.action({ request: formPost("/dilemmas/new", fields), context: routeContext(viewer), params: {} } as never));
    expect(refused.status).toBe(403);
    await expect(createDilemma(new Guardian(viewer), { title: fields.title, body: fields.body, competences: [slug] })).rejects.toThrow(/has not accepted the current privacy statement/);
    expect(await db.dilemma.count({ where: { authorId: me.id } })).toBe(0);

    // The accept page says what changed since their version.
    const page = await outcomeOf(() => acceptRoute.loader({ request: new Request("http://localhost/privacy/accept?redirectTo=%2Fdilemmas%2Fnew"), context: routeContext(viewer), params: {} } as never));
    expect(page).toMatchObject({ status: 200, data: { needed: true, accepted: "2026-12-06", current: PRIVACY_STATEMENT_VERSION, newer: [PRIVACY_STATEMENT_VERSION], redirectTo: "/dilemmas/new" } });

    // Accepting goes back where they were; a second click adds nothing.
    const accepted = await outcomeOf(() => acceptRoute.action({ request: formPost("/privacy/accept", { redirectTo: "/dilemmas/new" }), context: routeContext(viewer), params: {} } as never));
    expect(accepted).toMatchObject({ status: 302, location: "/dilemmas/new" });
    await acceptRoute.action({ request: formPost("/privacy/accept", {}), context: routeContext(viewer), params: {} } as never);
    const history = await db.consentRecord.findMany({ where: { userId: me.id }, orderBy: { acceptedAt: "asc" } });
    expect(history.map((h) => h.version)).toEqual(["2026-12-06", PRIVACY_STATEMENT_VERSION]);

    const now = await signedIn(me.id);
    expect(now.consentNeeded).toBe(false);
    const posted = await outcomeOf(() => newDilemmaRoute.action({ request: formPost("/dilemmas/new", fields), context: routeContext(now), params: {} } as never));
    expect(posted.status).toBe(302);
    expect(await db.dilemma.count({ where: { authorId: me.id } })).toBe(1);
  });

  it("a redirect after accepting never leaves the site", async () => {
    const me = await member("Veilig Terug");
    await acceptedOlderVersion(me.id);
    const viewer = await signedIn(me.id);
    const answer = await outcomeOf(() => acceptRoute.action({ request: formPost("/privacy/accept", { redirectTo: "https://elders.example/" }), context: routeContext(viewer), params: {} } as never));
    expect(answer.location).toBe("/privacy/accept?accepted=1");
  });

  it("sends a visitor to log in", async () => {
    const page = await outcomeOf(() => acceptRoute.loader({ request: new Request("http://localhost/privacy/accept"), context: routeContext(anonymousViewer), params: {} } as never));
    expect(page).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fprivacy%2Faccept" });
  });

  it("is in the member's archive, every acceptance, and goes with their account (so do their known browsers and their flags' notes)", async () => {
    const me = await member("Archief Akkoord");
    await acceptedOlderVersion(me.id);
    const viewer = await signedIn(me.id);
    await acceptRoute.action({ request: formPost("/privacy/accept", {}), context: routeContext(viewer), params: {} } as never);
    await db.moderationFlag.create({ data: { postKind: "dilemma", postId: 999_999, flaggerId: me.id, reason: "other", note: "Mijn eigen woorden bij de melding" } });

    const response = (await archiveRoute.loader({ request: new Request("http://localhost/account/data/archive.zip"), context: routeContext(viewer), params: {} } as never)) as Response;
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const data = JSON.parse(strFromU8(files["data.json"]!));
    expect(data.privacyConsents).toMatchObject([{ version: "2026-12-06" }, { version: PRIVACY_STATEMENT_VERSION }]);
    expect(strFromU8(files["index.html"]!)).toContain(`Versie ${PRIVACY_STATEMENT_VERSION}, op`);

    expect(data.mailSettings).toBeNull(); // none chosen yet: the defaults apply
    expect(data.follows).toEqual([]);
    expect(data.flags).toMatchObject([{ postKind: "dilemma", reason: "other", note: "Mijn eigen woorden bij de melding" }]);

    await db.knownDevice.create({ data: { id: `browser-${me.id}`, userId: me.id } });
    await eraseOwnRoute.action({ request: formPost("/account/erase", { posts: "keep", confirm: "yes" }), context: routeContext(viewer), params: {} } as never).catch((r) => r);
    expect(await db.consentRecord.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.knownDevice.count({ where: { userId: me.id } })).toBe(0);
    // The flag still counts for the post; the note, their words, is gone.
    expect(await db.moderationFlag.findMany({ where: { flaggerId: me.id } })).toMatchObject([{ reason: "other", note: null }]);
  });
});

describe("an admin erases an account on the member's request", () => {
  it("needs a reason without the member's name, a choice and a confirmation; the trail says who, what, when and why", async () => {
    const admin = await member("Beheerder Anne", "admin");
    const adminViewer = await signedIn(admin.id);
    const target = await member("Gijsbert Vermeulen");
    const slug = await competence();
    const dilemma = await createDilemma(new Guardian(await signedIn(target.id)), { title: "Wie regelt de sleutel van het buurthuis in de vakantie?", body: "Elke zomer is het onduidelijk wie de sleutel heeft.", competences: [slug] });
    const post = (fields: Record<string, string>) =>
      outcomeOf(() => adminEraseRoute.action({ request: formPost(`/members/${target.handle}/erase`, fields), context: routeContext(adminViewer), params: { handle: target.handle } } as never));

    const page = await outcomeOf(() => adminEraseRoute.loader({ request: new Request(`http://localhost/members/${target.handle}/erase`), context: routeContext(adminViewer), params: { handle: target.handle } } as never));
    expect(page).toMatchObject({ status: 200, data: { allowed: true, member: { displayName: "Gijsbert Vermeulen" } } });

    const noReason = await post({ reason: "  ", posts: "remove", confirm: "yes" });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.data)).toContain("avg.erase.errors.reasonRequired");
    const unconfirmed = await post({ reason: "Verzoek per e-mail van 3 december", posts: "remove" });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.data)).toContain("avg.adminErase.errors.confirm");
    const named = await post({ reason: "Gijsbert vroeg het per e-mail", posts: "remove", confirm: "yes" });
    expect(named.status).toBe(400);
    expect(JSON.stringify(named.data)).toContain("avg.adminErase.errors.reasonNamesMember");
    // The typed reason comes back with the message.
    expect(JSON.stringify(named.data)).toContain("Gijsbert vroeg het per e-mail");
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ erasedAt: null });

    const done = await post({ reason: "Verzoek per e-mail van 3 december", posts: "remove", confirm: "yes" });
    expect(done).toMatchObject({ status: 302, location: "/members?erased=1" });
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ displayName: "Voormalig lid", email: null, erasedAt: expect.any(Date) });
    expect(await db.dilemma.findUniqueOrThrow({ where: { id: dilemma.id } })).toMatchObject({ title: "Verwijderd dilemma", bodyMd: "" });

    await auditSettled();
    const [entry] = await db.auditEntry.findMany({ where: { kind: "account.erased", subjectId: target.id } });
    expect(entry).toMatchObject({ actorId: admin.id, subjectKind: "member", reason: "Verzoek per e-mail van 3 december", after: { erased: true, byAdmin: true, removePosts: true } });
    expect(entry!.occurredAt).toBeInstanceOf(Date);

    // Gone: the page is a 404 now.
    const after = await outcomeOf(() => adminEraseRoute.loader({ request: new Request(`http://localhost/members/${target.handle}/erase`), context: routeContext(adminViewer), params: { handle: target.handle } } as never));
    expect(after.status).toBe(404);
  });

  it("is for admins only; another admin is made a member first; an admin's own goes through /account/erase", async () => {
    const admin = await member("Beheerder Bram", "admin");
    const other = await member("Beheerder Cor", "admin");
    const plain = await member("Gewoon Lid");
    const target = await member("Doelwit Lid");
    const load = async (viewer: MemberViewer, handle: string) =>
      outcomeOf(() => adminEraseRoute.loader({ request: new Request(`http://localhost/members/${handle}/erase`), context: routeContext(viewer), params: { handle } } as never));
    expect((await load(await signedIn(plain.id), target.handle)).status).toBe(403);
    expect(await load(await signedIn(admin.id), other.handle)).toMatchObject({ status: 200, data: { allowed: false } });
    expect(await load(await signedIn(admin.id), admin.handle)).toMatchObject({ status: 302, location: "/account/erase" });
    const forced = await outcomeOf(() =>
      adminEraseRoute.action({ request: formPost(`/members/${other.handle}/erase`, { reason: "Verzoek per brief", posts: "keep", confirm: "yes" }), context: routeContext(adminViewer(admin)), params: { handle: other.handle } } as never),
    );
    expect(forced.status).toBe(403);
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ erasedAt: null });
  });

  it("the circle's last admin cannot erase their own account; with a second admin they can", async () => {
    // Only admins of this test count: earlier tests' admins are erased or demoted here.
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "member" } });
    const only = await member("Enige Beheerder", "admin");
    const viewer = await signedIn(only.id);
    const page = await outcomeOf(() => eraseOwnRoute.loader({ request: new Request("http://localhost/account/erase"), context: routeContext(viewer), params: {} } as never));
    expect(page).toMatchObject({ status: 200, data: { allowed: false } });
    const refused = await outcomeOf(() => eraseOwnRoute.action({ request: formPost("/account/erase", { posts: "keep", confirm: "yes" }), context: routeContext(viewer), params: {} } as never));
    expect(refused.status).toBe(403);
    expect(await db.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ erasedAt: null });

    await member("Tweede Beheerder", "admin");
    const done = await outcomeOf(() => eraseOwnRoute.action({ request: formPost("/account/erase", { posts: "keep", confirm: "yes" }), context: routeContext(viewer), params: {} } as never));
    expect(done).toMatchObject({ status: 302, location: "/account/erase?done=1" });
  });
});

function adminViewer(who: { id: number; handle: string; name: string }): MemberViewer {
  return { kind: "member", id: who.id, handle: who.handle, displayName: who.name, role: "admin", locale: "nl" };
}
