import { beforeEach, describe, expect, it } from "vitest";
import { approveJoinRequest, declineJoinRequest, listJoinRequests } from "~/accounts/join-requests.server";
import { setJoinMode } from "~/accounts/join-mode.server";
import { validateSessionToken } from "~/accounts/sessions.server";
import { confirmSignUp, signUp } from "~/accounts/signup.server";
import { acceptInvitation, inspectInvitation, inviteMembers, listOpenInvitations, resendInvitation, withdrawInvitation } from "~/circle/invitations.server";
import { getMail, listMail, sendMailAgain } from "~/circle/mail-log.server";
import { freshSetupLink, inspectSetupLink, setUpFirstAdmin } from "~/circle/setup.server";
import type { Role } from "~/generated/prisma/enums";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { changeMemberRole } from "~/members/profiles.server";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound } from "~/platform/errors.server";
import { useTestDatabase } from "../support/database";
import { tokenOf, useMailAndJobs } from "../support/mail-and-jobs";

// Running the circle, below the browser: invitations, join requests, the set-up link, role
// changes, the admins' mail log. Mail goes the real way (queue → SMTP) and is read back.
useTestDatabase();
const mail = useMailAndJobs();

const visitor = new Guardian(anonymousViewer);
let n = 0;
const address = (label: string) => `${label}-${++n}-${Date.now()}@voorbeeld.nl`;
const PASSWORD = "een lange zin als wachtwoord";

async function person(role: Role, name = `Persoon ${n}`): Promise<{ guardian: Guardian; id: number; email: string; handle: string }> {
  const email = address(role);
  const user = await db.user.create({ data: { handle: `p-${++n}`, displayName: name, email, role } });
  return { guardian: new Guardian({ kind: "member", id: user.id, handle: user.handle, displayName: name, role, locale: "nl" }), id: user.id, email, handle: user.handle };
}

const newMember = (displayName: string) => ({ displayName, password: PASSWORD, organisation: "Wijkteam", consent: "on" as const, locale: "nl" });

describe("invitations", () => {
  it("one form invites many, with the organiser's name and message; members are skipped", async () => {
    const organiser = await person("organiser", "Ingrid Inviter");
    const member = await person("member");
    const [a, b] = [address("a"), address("b")];
    const result = await inviteMembers(organiser.guardian, {
      addresses: `Anna <${a}>\n${b}, ${member.email.toUpperCase()}; ${a}`,
      message: "Hoi!\nKom je ook?",
    });
    expect(result).toEqual({ invited: 2, alreadyMembers: 1 });
    for (const to of [a, b]) {
      const message = await mail.smtp.nextMailTo(to);
      expect(message.subject).toBe("Ingrid Inviter nodigt je uit voor de Kenniskring");
      expect(message.text).toContain("Bericht van Ingrid Inviter:\n> Hoi!\n> Kom je ook?");
      expect(message.link("/invitations/")).toMatch(/^http:\/\/kring\.test\/invitations\/[a-z2-7]{32}$/);
      expect(message.text).not.toContain(to === a ? b : a);
    }
    expect(mail.smtp.mailTo(member.email)).toEqual([]);
    const open = await listOpenInvitations(organiser.guardian);
    expect(open.items.filter((i) => [a, b].includes(i.email)).map((i) => i.invitedBy)).toEqual(["Ingrid Inviter", "Ingrid Inviter"]);
  });

  it("refuses what is not an address, naming it, and invites nobody", async () => {
    const organiser = await person("organiser");
    const good = address("goed");
    const attempt = inviteMembers(organiser.guardian, { addresses: `${good}\ngeen-adres\njan@@x.nl` });
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { addresses: [expect.stringContaining("circle.errors.notAddresses?list=")] } });
    expect(decodeURIComponent(((await attempt.catch((e: Invalid) => e)) as Invalid).fieldErrors.addresses![0]!)).toContain("geen-adres, jan@@x.nl");
    expect(await db.invitation.count({ where: { email: good } })).toBe(0);
    await expect(inviteMembers(organiser.guardian, { addresses: " \n , " })).rejects.toMatchObject({ fieldErrors: { addresses: ["circle.errors.noAddresses"] } });
  });

  it("is for organisers and admins only", async () => {
    const member = await person("member");
    await expect(inviteMembers(member.guardian, { addresses: address("x") })).rejects.toBeInstanceOf(Forbidden);
    await expect(listOpenInvitations(visitor)).rejects.toBeInstanceOf(Forbidden);
  });

  it("accepting makes an active member at once, even where organisers approve; the link works once", async () => {
    await setJoinMode((await person("admin")).guardian, "approval");
    const organiser = await person("organiser");
    const to = address("gast");
    await inviteMembers(organiser.guardian, { addresses: to });
    const token = tokenOf((await mail.smtp.nextMailTo(to)).link("/invitations/"));
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", email: to });
    await expect(acceptInvitation(visitor, token, { ...newMember("Gast Gastvrij"), password: "qwerty123456" })).rejects.toBeInstanceOf(Invalid);
    const result = await acceptInvitation(visitor, token, newMember("Gast Gastvrij"));
    expect(result.state).toBe("valid");
    const session = await validateSessionToken((result as { session: { token: string } }).session.token);
    expect(session?.member).toMatchObject({ displayName: "Gast Gastvrij", pending: false });
    expect((await db.user.findUniqueOrThrow({ where: { email: to } })).status).toBe("active");
    expect(await acceptInvitation(visitor, token, newMember("Nog Eens"))).toEqual({ state: "unknown" });
  });

  it("sending again makes a new link (the old one stops working); withdrawing ends it; expired says so", async () => {
    const organiser = await person("organiser");
    const [again, away, late] = [address("opnieuw"), address("weg"), address("laat")];
    await inviteMembers(organiser.guardian, { addresses: `${again} ${away} ${late}` });
    const first = tokenOf((await mail.smtp.nextMailTo(again)).link("/invitations/"));
    const ids = Object.fromEntries((await db.invitation.findMany({ where: { email: { in: [again, away, late] } } })).map((i) => [i.email, i.id]));
    await resendInvitation(organiser.guardian, ids[again]!);
    const second = tokenOf((await mail.smtp.nextMailTo(again)).link("/invitations/"));
    expect(await inspectInvitation(first)).toEqual({ state: "unknown" });
    expect((await inspectInvitation(second)).state).toBe("valid");

    await withdrawInvitation(organiser.guardian, ids[away]!);
    expect(await inspectInvitation(tokenOf((await mail.smtp.nextMailTo(away)).link("/invitations/")))).toEqual({ state: "unknown" });
    await expect(withdrawInvitation(organiser.guardian, ids[away]!)).rejects.toBeInstanceOf(NotFound);

    const lateToken = tokenOf((await mail.smtp.nextMailTo(late)).link("/invitations/"));
    await db.invitation.update({ where: { id: ids[late]! }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectInvitation(lateToken)).toMatchObject({ state: "expired" });
    expect(await acceptInvitation(visitor, lateToken, newMember("Te Laat"))).toEqual({ state: "expired" });
    const open = await listOpenInvitations(organiser.guardian);
    expect(open.items.find((i) => i.email === late)?.expired).toBe(true);
    expect(open.items.find((i) => i.email === away)).toBeUndefined();
  });
});

describe("join requests", () => {
  beforeEach(async () => setJoinMode((await person("admin")).guardian, "approval"));

  async function pendingApplicant(name: string) {
    const email = address("aanmelder");
    await signUp(visitor, { ...newMember(name), email, motivation: "Ik werk in de wijk.", redirectTo: undefined }, { ip: `10.9.${n}.1` });
    const confirmed = await confirmSignUp(visitor, tokenOf((await mail.smtp.nextMailTo(email)).link("/signup/confirm/")));
    if (confirmed.state !== "valid") throw new Error(confirmed.state);
    const userId = (await db.user.findUniqueOrThrow({ where: { email } })).id;
    return { email, userId, session: confirmed.session.token };
  }

  it("approving makes the member active and tells them; the list shows name and motivation, the address only to admins", async () => {
    const organiser = await person("organiser");
    const admin = await person("admin");
    const applicant = await pendingApplicant("Petra Wachtend");
    const forOrganiser = (await listJoinRequests(organiser.guardian)).find((r) => r.userId === applicant.userId);
    expect(forOrganiser).toMatchObject({ displayName: "Petra Wachtend", organisation: "Wijkteam", motivation: "Ik werk in de wijk.", email: null });
    expect((await listJoinRequests(admin.guardian)).find((r) => r.userId === applicant.userId)?.email).toBe(applicant.email);
    await expect(listJoinRequests((await person("member")).guardian)).rejects.toBeInstanceOf(Forbidden);

    expect((await validateSessionToken(applicant.session))?.member.pending).toBe(true);
    await approveJoinRequest(organiser.guardian, applicant.userId);
    expect((await validateSessionToken(applicant.session))?.member.pending).toBe(false);
    expect((await mail.smtp.nextMailTo(applicant.email)).subject).toBe("Welkom bij de Kenniskring");
    await expect(approveJoinRequest(organiser.guardian, applicant.userId)).rejects.toBeInstanceOf(NotFound);
  });

  it("declining removes the account and mails the reason", async () => {
    const organiser = await person("organiser");
    const applicant = await pendingApplicant("Xander Onbekend");
    await declineJoinRequest(organiser.guardian, applicant.userId, "We kennen je niet uit het werkveld.");
    expect(await db.user.findUnique({ where: { id: applicant.userId } })).toBeNull();
    expect(await validateSessionToken(applicant.session)).toBeNull();
    const message = await mail.smtp.nextMailTo(applicant.email);
    expect(message.subject).toBe("Je aanmelding bij de Kenniskring");
    expect(message.text).toContain("De organisator gaf deze reden:\n> We kennen je niet uit het werkveld.");
  });
});

describe("the first admin's set-up link", () => {
  it("exists only while there is no admin, makes one admin, and works once", async () => {
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "member" } });
    const link = await freshSetupLink();
    expect(link).toMatch(/^http:\/\/kring\.test\/setup\/[a-z2-7]{32}$/);
    const token = tokenOf(link!);
    // A newer start makes a newer link; the older stops working.
    const newer = tokenOf((await freshSetupLink())!);
    expect(await inspectSetupLink(token)).toBe("done");
    const input = { ...newMember("Eerste Beheerder"), email: address("beheer") };
    const [one, two] = await Promise.all([setUpFirstAdmin(visitor, newer, input), setUpFirstAdmin(visitor, newer, { ...input, email: address("tweede") })]);
    expect([one.state, two.state].sort()).toEqual(["done", "valid"]);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await freshSetupLink()).toBeNull();
    expect(await inspectSetupLink(newer)).toBe("done");
  });
});

describe("role changes", () => {
  it("are mailed to the member", async () => {
    const admin = await person("admin");
    const member = await person("member", "Roos Rolmail");
    await db.user.update({ where: { id: member.id }, data: { locale: "en" } });
    await changeMemberRole(admin.guardian, member.handle, "organiser");
    const message = await mail.smtp.nextMailTo(member.email);
    expect(message.subject).toBe("Your role in Kenniskring has changed"); // in the member's language
    expect(message.text).toContain("You are now: Organiser.");
  });
});

describe("the admins' mail log", () => {
  it("lists what was sent, keeps no body of a delivered message, and sends a failed one again", async () => {
    const admin = await person("admin");
    const to = address("log");
    mail.smtp.refuse((rcpt) => (rcpt === to ? { code: 550, message: "5.1.1 Unknown user" } : null));
    try {
      await inviteMembers(admin.guardian, { addresses: to });
      let failed;
      for (let i = 0; i < 100 && !failed; i++) {
        failed = (await listMail(admin.guardian, { filter: "failed" })).items.find((m) => m.toAddress === to);
        if (!failed) await new Promise((r) => setTimeout(r, 100));
      }
      expect(failed).toMatchObject({ status: "failed", kind: "circle.invitation" });
      expect(failed!.lastError).toContain("Unknown user");
      expect((await getMail(admin.guardian, failed!.id)).text).toContain("/invitations/");
      mail.smtp.refuse(null);
      await sendMailAgain(admin.guardian, failed!.id);
      await mail.smtp.nextMailTo(to);
      let sent;
      for (let i = 0; i < 100 && sent?.status !== "sent"; i++) {
        sent = await getMail(admin.guardian, failed!.id);
        if (sent.status !== "sent") await new Promise((r) => setTimeout(r, 100));
      }
      expect(sent).toMatchObject({ status: "sent", text: "", html: "" });
    } finally {
      mail.smtp.refuse(null);
    }
    await expect(listMail((await person("organiser")).guardian)).rejects.toBeInstanceOf(Forbidden);
  });
});
