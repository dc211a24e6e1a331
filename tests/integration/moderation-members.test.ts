import { describe, expect, it } from "vitest";
import { createSession, validateSessionToken } from "~/accounts/sessions.server";
import { hideDilemma, lockDilemma, unhideDilemma } from "~/dilemmas/moderation.server";
import { Guardian } from "~/guardian/guardian.server";
import { getMemberModeration, getOwnStanding, liftFromForm, suspendFromForm, warnMember } from "~/moderation/members.server";
import { hideFromQueue, warnFromQueue } from "~/moderation/queue.server";
import { listNotifications } from "~/notifications/inbox.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { createReply, hideReply } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";
import { useMailAndJobs } from "../support/mail-and-jobs";
import { peopleMaker, useModerationRelay } from "../support/moderation-relay";

// Acting on members and telling them (issue 25, decision 027): suspensions that end by
// themselves and refuse writes through the Guardian, lifting early, warnings; every decision
// reaches the member under the bell and in real mail (never who flagged), and the trail keeps
// it with the state before and after.
const database = useTestDatabase();
const mail = useMailAndJobs();

const { settled } = useModerationRelay(database);

let n = 0;
const person = peopleMaker("mm");

async function dilemmaBy(authorId: number, title = `Een vraag over de wijk ${++n}`): Promise<number> {
  return (await db.dilemma.create({ data: { title, bodyMd: "Wat doe je?", bodyHtml: "<p>Wat doe je?</p>", authorId } })).id;
}

/** The last day of a suspension n days from now, as a date field sends it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The member as their next request sees them (the session reads the suspension). */
async function asSignedIn(memberId: number): Promise<Guardian> {
  const { token } = await createSession(memberId);
  const session = await validateSessionToken(token);
  return new Guardian({ kind: "member", ...session!.member });
}

describe("suspending a member", () => {
  it("refuses every write until the end date, tells the member why in the forum and by mail, and records it", async () => {
    const organiser = await person("organiser");
    const member = await person();
    const dilemmaId = await dilemmaBy(organiser.id);
    await suspendFromForm(organiser.guardian, member.id, { reason: "Je bleef onaardig tegen collega's.", until: dayFromNow(5) });

    const suspended = await asSignedIn(member.id);
    expect(suspended.isSuspended).toBe(true);
    expect(suspended.canAskDilemma()).toBe(false);
    await expect(createReply(suspended, dilemmaId, { body: "Toch nog even dit", submissionId: `sub-${++n}-abcdefgh` })).rejects.toThrow(Forbidden);
    expect(await db.reply.count({ where: { authorId: member.id } })).toBe(0);

    const message = await mail.smtp.nextMailTo(member.email);
    expect(message.subject).toBe("Je bent tijdelijk geschorst");
    expect(message.text).toContain("Je bleef onaardig tegen collega's.");
    expect(message.text).toContain("tot en met");
    expect(message.text).toContain("/standing");
    expect(message.text).not.toContain(organiser.name);

    await settled();
    const inbox = await listNotifications(member.guardian, null);
    expect(inbox.items.map((i) => [i.kind, i.href])).toContainEqual(["member_suspended", "/standing"]);
    const standing = await getOwnStanding(member.guardian);
    expect(standing.suspension?.reason).toBe("Je bleef onaardig tegen collega's.");
    expect(standing.history.map((h) => [h.kind, h.byName])).toEqual([["account.suspended", null]]);

    const [entry] = await db.auditEntry.findMany({ where: { kind: "account.suspended", subjectId: member.id } });
    expect(entry).toMatchObject({ actorId: organiser.id, subjectKind: "member", reason: "Je bleef onaardig tegen collega's.", before: { until: null } });
    expect((entry!.after as { until: string }).until).toBe(standing.suspension!.until.toISOString());
  });

  it("ends by itself after the last day, without anyone lifting it", async () => {
    const organiser = await person("organiser");
    const member = await person();
    await suspendFromForm(organiser.guardian, member.id, { reason: "Even afkoelen.", until: dayFromNow(1) });
    expect((await asSignedIn(member.id)).isSuspended).toBe(true);
    // The clock passes the end (as if days went by): the next request may write again.
    await db.user.update({ where: { id: member.id }, data: { suspendedUntil: new Date(Date.now() - 1000) } });
    const next = await asSignedIn(member.id);
    expect(next.isSuspended).toBe(false);
    expect(next.canAskDilemma()).toBe(true);
    expect((await getOwnStanding(member.guardian)).suspension).toBeNull();
  });

  it("can be lifted early, with a word for the member; lifting twice says it is gone", async () => {
    const organiser = await person("organiser");
    const member = await person();
    await suspendFromForm(organiser.guardian, member.id, { reason: "Spam geplaatst.", until: dayFromNow(30) });
    await mail.smtp.nextMailTo(member.email);
    await liftFromForm(organiser.guardian, member.id, { reason: "Uitgepraat, dank je." });
    await expect(liftFromForm(organiser.guardian, member.id, { reason: "" })).rejects.toThrow(NotFound);
    await expect(liftFromForm(member.guardian, member.id, { reason: "" })).rejects.toThrow(Forbidden);
    expect((await asSignedIn(member.id)).canAskDilemma()).toBe(true);
    const message = await mail.smtp.nextMailTo(member.email);
    expect(message.subject).toBe("Je schorsing is opgeheven");
    expect(message.text).toContain("Uitgepraat, dank je.");
    await settled();
    const page = await getMemberModeration(organiser.guardian, member.handle);
    expect(page.suspension).toBeNull();
    expect(page.history.map((h) => [h.kind, h.byName])).toEqual([
      ["account.suspension_lifted", organiser.name],
      ["account.suspended", organiser.name],
    ]);
    const lifted = await db.auditEntry.findFirst({ where: { kind: "account.suspension_lifted", subjectId: member.id } });
    expect(lifted).toMatchObject({ reason: "Uitgepraat, dank je.", after: { until: null } });
  });

  it("refuses bad input beside the field, and members, staff targets and oneself", async () => {
    const organiser = await person("organiser");
    const admin = await person("admin");
    const member = await person();
    const invalid = async (input: { reason: string; until: string }) => {
      const error = await suspendFromForm(organiser.guardian, member.id, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Invalid);
      return (error as Invalid).fieldErrors;
    };
    expect((await invalid({ reason: "  \u200b ", until: dayFromNow(3) })).reason).toEqual(["errors.required"]);
    expect((await invalid({ reason: "Reden", until: "" })).until).toEqual(["moderation.errors.untilRequired"]);
    expect((await invalid({ reason: "Reden", until: "31-02-2027" })).until).toEqual(["moderation.errors.untilInvalid"]);
    expect((await invalid({ reason: "Reden", until: dayFromNow(-2) })).until).toEqual(["moderation.errors.untilPast"]);
    expect((await invalid({ reason: "Reden", until: dayFromNow(400) })).until).toEqual(["moderation.errors.untilTooFar?max=365"]);
    // "20-12-2026" as a text field sends it works as well as the date field's form.
    const dutch = dayFromNow(3).split("-").reverse().join("-");
    await suspendFromForm(organiser.guardian, member.id, { reason: "Reden", until: dutch });
    expect((await getOwnStanding(member.guardian)).suspension).not.toBeNull();

    await expect(suspendFromForm(member.guardian, organiser.id, { reason: "Reden", until: dayFromNow(3) })).rejects.toThrow(Forbidden);
    await expect(suspendFromForm(organiser.guardian, admin.id, { reason: "Reden", until: dayFromNow(3) })).rejects.toThrow(Forbidden);
    await expect(suspendFromForm(organiser.guardian, organiser.id, { reason: "Reden", until: dayFromNow(3) })).rejects.toThrow(Forbidden);
    await expect(getMemberModeration(member.guardian, organiser.handle)).rejects.toThrow(Forbidden);
    await expect(getMemberModeration(organiser.guardian, "niemand-hier")).rejects.toThrow(NotFound);
    expect(await db.user.findUnique({ where: { id: admin.id }, select: { suspendedUntil: true } })).toEqual({ suspendedUntil: null });
  });
});

describe("warning a member", () => {
  it("records the warning, tells the member by mail and under the bell, and lists it on both pages", async () => {
    const organiser = await person("organiser");
    const member = await person();
    await warnMember(organiser.guardian, member.id, { reason: "Let op je toon in reacties." });
    await expect(warnMember(organiser.guardian, member.id, { reason: "" })).rejects.toThrow(Invalid);
    await expect(warnMember(member.guardian, organiser.id, { reason: "Jij ook" })).rejects.toThrow(Forbidden);
    const message = await mail.smtp.nextMailTo(member.email);
    expect(message.subject).toBe("Een waarschuwing van de organisatoren");
    expect(message.text).toContain("Let op je toon in reacties.");
    await settled();
    expect((await listNotifications(member.guardian, null)).items.map((i) => i.kind)).toContain("member_warned");
    expect((await getOwnStanding(member.guardian)).history).toMatchObject([{ kind: "moderation.member_warned", reason: "Let op je toon in reacties." }]);
    const entry = await db.auditEntry.findFirst({ where: { kind: "moderation.member_warned", subjectId: member.id } });
    expect(entry).toMatchObject({ actorId: organiser.id, reason: "Let op je toon in reacties.", after: null });
  });
});

describe("the author told in the forum", () => {
  it("gets a notification for hide, restore, lock and a warning about a post, leading to the post; never the flagger's name", async () => {
    const organiser = await person("organiser");
    const author = await person();
    const other = await person();
    const dilemmaId = await dilemmaBy(author.id, "Buurman met veel post");
    // The author muted their own thread: a decision about their post still reaches them.
    await db.watch.create({ data: { userId: author.id, targetType: "dilemma", targetId: dilemmaId, level: "muted" } });
    await hideFromQueue(organiser.guardian, "dilemma", dilemmaId, "Er staat een huisnummer in.");
    await unhideDilemma(organiser.guardian, dilemmaId);
    await lockDilemma(organiser.guardian, dilemmaId);
    await settled();
    const items = (await listNotifications(author.guardian, null)).items;
    expect(items.map((i) => [i.kind, i.title, i.href])).toEqual([
      ["thread_locked", "Buurman met veel post", expect.stringContaining(`/dilemmas/${dilemmaId}`)],
      ["post_restored", "Buurman met veel post", expect.stringContaining(`/dilemmas/${dilemmaId}`)],
      ["post_hidden", "Buurman met veel post", expect.stringContaining(`/dilemmas/${dilemmaId}`)],
    ]);
    // Nobody else hears of it.
    expect((await listNotifications(other.guardian, null)).items.filter((i) => i.title === "Buurman met veel post")).toEqual([]);
  });

  it("tells a reply's author of a hidden reply, which they still see and others do not", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const replier = await person();
    const dilemmaId = await dilemmaBy(asker.id);
    const { id: replyId } = await createReply(replier.guardian, dilemmaId, { body: "Bel de woningcorporatie, meneer De Vries op nummer 12.", submissionId: `sub-${++n}-abcdefgh` });
    await hideReply(organiser.guardian, replyId, "Een naam en huisnummer van een bewoner.");
    await settled();
    const [item] = (await listNotifications(replier.guardian, null)).items.filter((i) => i.kind === "post_hidden");
    expect(item?.href).toContain(String(replyId));
    const message = await mail.smtp.nextMailTo(replier.email);
    expect(message.text).toContain("Een naam en huisnummer van een bewoner.");
    await warnFromQueue(organiser.guardian, "reply", replyId, "Let op namen van bewoners.");
    await settled();
    expect((await listNotifications(replier.guardian, null)).items.map((i) => i.kind)).toContain("member_warned");
    // hideDilemma by the author's own hand (an organiser on their own post) tells nobody.
    const own = await dilemmaBy(organiser.id);
    await hideDilemma(organiser.guardian, own, "Dubbel geplaatst");
    await settled();
    expect(await db.notification.count({ where: { userId: organiser.id, kind: "post_hidden" } })).toBe(0);
  });
});
