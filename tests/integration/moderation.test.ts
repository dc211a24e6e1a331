import { describe, expect, it } from "vitest";
import { approveJoinRequest, declineJoinRequest } from "~/accounts/join-requests.server";
import { setJoinMode } from "~/accounts/join-mode.server";
import { hideDilemma, lockDilemma, unhideDilemma } from "~/dilemmas/moderation.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { auditTrail } from "~/moderation/audit-trail.server";
import { changeMemberRole } from "~/members/profiles.server";
import { auditCsv, listAuditEntries } from "~/moderation/audit-log.server";
import { purgeOldAuditEntries } from "~/moderation/audit-retention.server";
import { flagPost, getFlagPage, listOwnFlags } from "~/moderation/flags.server";
import { countQueue, dismissFromQueue, hideFromQueue, listQueue, warnFromQueue } from "~/moderation/queue.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { recordEvents } from "~/platform/events/outbox.server";
import type { PrivacyEvent } from "~/privacy/events";
import { createReply, hideReply } from "~/replies/replies.server";
import { useTestDatabase } from "../support/database";
import { useMailAndJobs } from "../support/mail-and-jobs";
import { useModerationRelay } from "../support/moderation-relay";

// Moderation below the browser (issue 25): the audit trail from the domain events (with the
// real relay), members' flags, the organisers' queue and its actions, the author told by real
// mail, and the trail's append-only rule in the database.
const database = useTestDatabase();
const mail = useMailAndJobs();

const { settled } = useModerationRelay(database);

let n = 0;
async function person(role: Role = "member", extra: { status?: "pending" } = {}) {
  const i = ++n;
  const user = await db.user.create({
    data: { handle: `mod-${i}`, displayName: `Persoon ${i}`, email: `mod-${i}-${Date.now()}@voorbeeld.nl`, role, ...extra },
  });
  const guardian = new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: user.displayName, role, locale: "nl", ...(extra.status ? { pending: true } : {}) });
  return { guardian, id: user.id, handle: user.handle, email: user.email!, name: user.displayName };
}

async function dilemmaBy(authorId: number, title = `Een dilemma over de wijk ${++n}`): Promise<number> {
  const d = await db.dilemma.create({ data: { title, bodyMd: "Wat doe je?", bodyHtml: "<p>Wat doe je?</p>", authorId } });
  return d.id;
}

describe("the audit trail", () => {
  it("records role changes, join decisions and the join mode with who, before and after", async () => {
    const admin = await person("admin");
    const member = await person();
    const waiting = await person("member", { status: "pending" });
    const declined = await person("member", { status: "pending" });
    await changeMemberRole(admin.guardian, member.handle, "organiser");
    await changeMemberRole(admin.guardian, member.handle, "organiser"); // no change: no entry
    await approveJoinRequest(admin.guardian, waiting.id);
    await declineJoinRequest(admin.guardian, declined.id, "We kennen je organisatie niet");
    await setJoinMode(admin.guardian, "open");
    await setJoinMode(admin.guardian, "open");
    await settled();

    const { rows } = await listAuditEntries(admin.guardian, { actor: admin.handle });
    expect(rows.map((r) => [r.kind, r.subjectId, r.before, r.after, r.reason])).toEqual([
      ["circle.join_mode_changed", admin.id, { joinMode: "approval" }, { joinMode: "open" }, null],
      ["account.join_declined", declined.id, { status: "pending" }, { status: "declined" }, "We kennen je organisatie niet"],
      ["account.join_approved", waiting.id, { status: "pending" }, { status: "active" }, null],
      ["account.role_changed", member.id, { role: "member" }, { role: "organiser" }, null],
    ]);
    expect(rows[0]?.actor).toEqual({ handle: admin.handle, displayName: admin.name });
  });

  it("records hiding and locking with the reason, once per event even when the relay hands it over again", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const id = await dilemmaBy(asker.id);
    await hideDilemma(organiser.guardian, id, "Er staat een adres in");
    await unhideDilemma(organiser.guardian, id);
    await lockDilemma(organiser.guardian, id);
    await settled();
    const entries = await db.auditEntry.findMany({ where: { subjectKind: "dilemma", subjectId: id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, e.reason, e.before, e.after])).toEqual([
      ["dilemma.hidden", "Er staat een adres in", { hidden: false, reason: null }, { hidden: true, reason: "Er staat een adres in" }],
      ["dilemma.unhidden", null, { hidden: true, reason: "Er staat een adres in" }, { hidden: false }],
      ["dilemma.locked", null, { locked: false }, { locked: true }],
    ]);
    // The same event again (a relay that crashed before its commit): still one entry.
    const event = await db.domainEvent.findFirstOrThrow({ where: { type: "dilemma.locked", subjectId: id } });
    await db.$transaction((tx) =>
      auditTrail.handle(tx, { id: Number(event.id), type: event.type, subjectId: event.subjectId, actorId: event.actorId, payload: event.payload as never, occurredAt: event.occurredAt }),
    );
    expect(await db.auditEntry.count({ where: { kind: "dilemma.locked", subjectId: id } })).toBe(1);
  });

  it("is append-only in the database: no UPDATE, no DELETE, except the retention purge of old entries", async () => {
    const admin = await person("admin");
    await setJoinMode(admin.guardian, "invitation");
    await settled();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { actorId: admin.id } });
    await expect(db.auditEntry.update({ where: { id: entry.id }, data: { reason: "anders" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await purgeOldAuditEntries()).toBe(0); // nothing is two years old
    const inThreeYears = new Date(Date.now() + 3 * 365 * 24 * 60 * 60 * 1000);
    expect(await purgeOldAuditEntries(inThreeYears)).toBeGreaterThan(0);
    expect(await db.auditEntry.count({ where: { id: entry.id } })).toBe(0);
  });

  it("filters by kind and period, exports CSV that no spreadsheet runs as a formula, and is for staff only", async () => {
    const organiser = await person("organiser");
    const asker = await person();
    const id = await dilemmaBy(asker.id);
    await hideDilemma(organiser.guardian, id, '=HYPERLINK("http://kwaad.test"), "en" zo');
    await settled();
    const filter = { actor: organiser.handle, kind: "dilemma.hidden" };
    const { rows } = await listAuditEntries(organiser.guardian, filter);
    expect(rows).toHaveLength(1);
    expect((await listAuditEntries(organiser.guardian, { ...filter, to: new Date(Date.now() - 60 * 60 * 1000) })).rows).toHaveLength(0);
    expect((await listAuditEntries(organiser.guardian, { ...filter, actor: "niemand-zo" })).rows).toHaveLength(0);
    const csv = await auditCsv(organiser.guardian, filter, { header: ["tijd", "wie", "actie", "soort", "nummer", "reden", "voor", "na"], operator: "server", erased: "voormalig lid" });
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${organiser.name} (@${organiser.handle}),dilemma.hidden,dilemma,${id},"'=HYPERLINK(""http://kwaad.test""), ""en"" zo"`);
    await expect(listAuditEntries(asker.guardian, {})).rejects.toThrow(Forbidden);
    await expect(auditCsv(asker.guardian, {}, { header: [], operator: "", erased: "" })).rejects.toThrow(Forbidden);
  });
});

describe("flags", () => {
  it("one per member per post; never on your own post, while pending, or on a hidden post; 'other' needs words", async () => {
    const author = await person();
    const flagger = await person();
    const pending = await person("member", { status: "pending" });
    const id = await dilemmaBy(author.id);
    const first = await flagPost(flagger.guardian, "dilemma", id, { reason: "unkind", note: "  Dit is\u200B  gemeen  " });
    expect(first.created).toBe(true);
    expect(first.flag.note).toBe("Dit is gemeen");
    const again = await flagPost(flagger.guardian, "dilemma", id, { reason: "spam" });
    expect(again).toMatchObject({ created: false, flag: { id: first.flag.id, reason: "unkind" } });
    await expect(flagPost(author.guardian, "dilemma", id, { reason: "spam" })).rejects.toThrow(Forbidden);
    await expect(flagPost(pending.guardian, "dilemma", id, { reason: "spam" })).rejects.toThrow(Forbidden);
    const other = await person();
    await expect(flagPost(other.guardian, "dilemma", id, { reason: "other", note: " \u200B " })).rejects.toMatchObject({ fieldErrors: { note: ["moderation.errors.noteRequired"] } });
    await expect(flagPost(other.guardian, "dilemma", id, { reason: "nonsense" as never })).rejects.toThrow(Invalid);
    await expect(flagPost(other.guardian, "dilemma", 2_000_000_000, { reason: "spam" })).rejects.toThrow(NotFound);
    expect(await db.moderationFlag.count({ where: { postKind: "dilemma", postId: id } })).toBe(1);
    expect((await getFlagPage(flagger.guardian, "dilemma", id)).flag?.status).toBe("open");
  });

  it("a hidden dilemma cannot be flagged by those who may not see it (NotFound, not a hint that it exists)", async () => {
    const organiser = await person("organiser");
    const author = await person();
    const stranger = await person();
    const id = await dilemmaBy(author.id);
    await hideDilemma(organiser.guardian, id, "Weg ermee");
    await expect(flagPost(stranger.guardian, "dilemma", id, { reason: "spam" })).rejects.toThrow(NotFound);
  });
});

describe("the queue and its actions", () => {
  it("puts privacy first, hides with a reason, tells the author by mail without naming the flagger, and the flagger sees the outcome", async () => {
    const organiser = await person("organiser");
    const author = await person();
    const flaggers = [await person(), await person()];
    const unkindPost = await dilemmaBy(author.id, "Een vraag over een lastige buurman");
    const privacyPost = await dilemmaBy(author.id, "Een vraag over mevrouw Jansen");
    for (const f of flaggers) await flagPost(f.guardian, "dilemma", unkindPost, { reason: "unkind" });
    await db.$transaction((tx) =>
      recordEvents(tx, [{ type: "privacy.warning_overridden", subjectId: privacyPost, actorId: author.id, payload: { post: "dilemma", dilemmaId: privacyPost, kinds: ["name", "address"] } } satisfies PrivacyEvent]),
    );
    await settled();

    const queue = (await listQueue(organiser.guardian)).filter((e) => [unkindPost, privacyPost].includes(e.postId));
    expect(queue.map((e) => [e.postId, e.privacyUrgent, e.flags.length, e.privacy?.kinds ?? null])).toEqual([
      [privacyPost, true, 0, ["name", "address"]],
      [unkindPost, false, 2, null],
    ]);
    expect(await countQueue(organiser.guardian)).toBeGreaterThanOrEqual(2);
    expect(await countQueue(author.guardian)).toBe(0);
    await expect(listQueue(author.guardian)).rejects.toThrow(Forbidden);

    await hideFromQueue(organiser.guardian, "dilemma", unkindPost, "Dit is niet vriendelijk voor de buurman.");
    const message = await mail.smtp.nextMailTo(author.email);
    expect(message.subject).toBe("Een organisator heeft je bericht verborgen");
    expect(message.text).toContain("Dit is niet vriendelijk voor de buurman.");
    expect(message.text).toContain(`/dilemmas/${unkindPost}`);
    for (const f of flaggers) expect(message.text).not.toContain(f.name);
    const mine = await listOwnFlags(flaggers[0]!.guardian);
    expect(mine[0]).toMatchObject({ status: "upheld", outcome: "hidden", post: { title: "Een vraag over een lastige buurman" } });

    await dismissFromQueue(organiser.guardian, "dilemma", privacyPost, "Verzonnen naam, mag blijven");
    await expect(dismissFromQueue(organiser.guardian, "dilemma", privacyPost)).rejects.toThrow(NotFound);
    await settled();
    expect((await listQueue(organiser.guardian)).map((e) => e.postId)).not.toContain(privacyPost);
    const trail = await db.auditEntry.findMany({ where: { subjectKind: "dilemma", subjectId: { in: [unkindPost, privacyPost] } }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.kind, e.subjectId, e.reason])).toEqual([
      ["privacy.warning_overridden", privacyPost, null],
      ["dilemma.hidden", unkindPost, "Dit is niet vriendelijk voor de buurman."],
      ["moderation.privacy_reviewed", privacyPost, null],
    ]);
  });

  it("a reply hidden on its own page closes its flags too, and a dismissed flag tells the flagger no action was needed", async () => {
    const organiser = await person("organiser");
    const author = await person();
    const flagger = await person();
    const dilemma = await dilemmaBy(author.id);
    const replier = await person();
    const reply = await createReply(replier.guardian, dilemma, { body: "Bel die meneer op 06-12345678", submissionId: `sub-${++n}-abcdefgh` });
    const kept = await createReply(replier.guardian, dilemma, { body: "Gewoon een goed antwoord", submissionId: `sub-${++n}-abcdefgh` });
    await flagPost(flagger.guardian, "reply", reply.id, { reason: "personal_data" });
    await flagPost(flagger.guardian, "reply", kept.id, { reason: "off_topic" });
    await hideReply(organiser.guardian, reply.id, "Er stond een telefoonnummer in");
    await dismissFromQueue(organiser.guardian, "reply", kept.id);
    await settled();
    const mine = await listOwnFlags(flagger.guardian);
    expect(mine.map((f) => [f.status, f.outcome])).toEqual([
      ["dismissed", "dismissed"],
      ["upheld", "hidden"],
    ]);
    const told = await mail.smtp.nextMailTo(replier.email);
    expect(told.text).toContain("Er stond een telefoonnummer in");
    expect(told.text).toContain(`/replies/${reply.id}`);
  });
});

describe("warning a member", () => {
  it("mails the author the warning, leaves the post up, upholds the flags and records it in the trail; members may not", async () => {
    const organiser = await person("organiser");
    const author = await person();
    const flagger = await person();
    const id = await dilemmaBy(author.id);
    await flagPost(flagger.guardian, "dilemma", id, { reason: "off_topic" });
    await expect(warnFromQueue(flagger.guardian, "dilemma", id, "Nee")).rejects.toThrow(Forbidden);
    await expect(warnFromQueue(organiser.guardian, "dilemma", id, " \u200B ")).rejects.toThrow(Invalid);
    await warnFromQueue(organiser.guardian, "dilemma", id, "Houd het bij het werk in de wijk.");
    const message = await mail.smtp.nextMailTo(author.email);
    expect(message.subject).toBe("Een waarschuwing van de organisatoren");
    expect(message.text).toContain("Houd het bij het werk in de wijk.");
    expect(message.text).not.toContain(flagger.name);
    expect((await db.dilemma.findUniqueOrThrow({ where: { id } })).hiddenAt).toBeNull();
    expect((await listOwnFlags(flagger.guardian))[0]).toMatchObject({ status: "upheld", outcome: "warned" });
    await settled();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { kind: "moderation.member_warned", subjectId: author.id } });
    expect(entry).toMatchObject({ actorId: organiser.id, subjectKind: "member", reason: "Houd het bij het werk in de wijk.", after: { warnedAbout: `dilemma ${id}` } });
  });
});
