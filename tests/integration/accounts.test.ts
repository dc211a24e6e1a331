import { domainToASCII } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import {
  LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT,
  LOGIN_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_BROWSERS,
  LOGIN_FAILURES_PER_IP,
  liftLoginPause,
  logIn,
  logOutEverywhere,
} from "~/accounts/accounts.server";
import { setJoinMode } from "~/accounts/join-mode.server";
import { changePassword, confirmEmailChange, requestEmailChange } from "~/accounts/own-account.server";
import { inspectResetLink, requestPasswordReset, resetPassword } from "~/accounts/password-reset.server";
import { SignUpSchema } from "~/accounts/schemas";
import { sessionIdFromToken, validateSessionToken } from "~/accounts/sessions.server";
import { confirmSignUp, SIGN_UPS_PER_IP_PER_HOUR, signUp } from "~/accounts/signup.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, RateLimited } from "~/platform/errors.server";
import { useTestDatabase } from "../support/database";
import { tokenOf, useMailAndJobs } from "../support/mail-and-jobs";

// Accounts by e-mail, end to end below the browser: the real queue delivers real SMTP, and
// every link a test follows is the one in the mail.
const database = useTestDatabase();
const mail = useMailAndJobs();

const visitor = new Guardian(anonymousViewer);
const admin = new Guardian({ kind: "member", id: -1, handle: "beheer", displayName: "Beheer", role: "admin", locale: "nl" });
let n = 0;
const newMember = (overrides: Partial<{ email: string; password: string; displayName: string; motivation: string }> = {}) => ({
  displayName: "Test Lid",
  email: `lid${++n}-${Date.now()}@voorbeeld.nl`,
  password: "correct paard batterij nietje",
  organisation: "Buurtwerk",
  consent: "on" as const,
  locale: "nl",
  redirectTo: undefined as string | undefined,
  ...overrides,
});
const ip = () => `10.0.${n % 250}.${Math.floor(Math.random() * 250)}`;

// Open unless a test says otherwise (a new installation's default, approval, has its own tests).
beforeEach(() => setJoinMode(admin, "open"));

async function guardianOf(token: string) {
  const session = await validateSessionToken(token);
  if (!session) throw new Error("no session");
  const viewer: Viewer = { kind: "member", ...session.member };
  return new Guardian(viewer);
}

/** Sign up, read the confirmation mail, use its link: the member's session. */
async function joined(input = newMember()) {
  await signUp(visitor, input, { ip: ip() });
  const message = await mail.smtp.nextMailTo(input.email);
  const result = await confirmSignUp(visitor, tokenOf(message.link("/signup/confirm/")));
  if (result.state !== "valid") throw new Error(`confirmation ${result.state}`);
  const userId = (await validateSessionToken(result.session.token))!.member.id;
  return { ...result, token: result.session.token, userId, input };
}

describe("sign-up", () => {
  it("mails a link; using it confirms the address and signs in; only hashes are stored", async () => {
    await setJoinMode(admin, "open");
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    const user = await db.user.findUniqueOrThrow({ where: { email: input.email } });
    expect(user.status).toBe("unverified");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    const message = await mail.smtp.nextMailTo(input.email);
    expect(message.subject).toBe("Bevestig je e-mailadres voor de Kenniskring");
    expect(message.text).toContain("Hallo Test Lid,");
    const link = message.link("/signup/confirm/");
    expect(link).toMatch(/^http:\/\/kring\.test\/signup\/confirm\/[a-z2-7]{32}$/);
    const [stored] = await database.query<{ id: string }>(`SELECT id FROM "AccountToken" WHERE "userId" = $1`, [user.id]);
    expect(stored!.id).toBe(sessionIdFromToken(tokenOf(link)));
    expect(stored!.id).not.toContain(tokenOf(link));

    const result = await confirmSignUp(visitor, tokenOf(link));
    expect(result).toMatchObject({ state: "valid", status: "active" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("active");
    // Single use.
    expect(await confirmSignUp(visitor, tokenOf(link))).toEqual({ state: "unknown" });
  });

  it("answers the same for an address that has an account; its owner gets a mail instead", async () => {
    await setJoinMode(admin, "open");
    const { input } = await joined();
    const usersBefore = await db.user.count();
    await expect(signUp(visitor, { ...newMember(), email: input.email.toUpperCase() }, { ip: ip() })).resolves.toBeUndefined();
    expect(await db.user.count()).toBe(usersBefore);
    const message = await mail.smtp.nextMailTo(input.email);
    expect(message.subject).toBe("Je hebt al een account bij de Kenniskring");
    expect(message.links).toContain("http://kring.test/login");
    expect(message.links).toContain("http://kring.test/password/forgot");
  });

  it("signing up again before confirming replaces the first: only the newest link works", async () => {
    await setJoinMode(admin, "open");
    const first = newMember({ displayName: "Eerste Poging" });
    await signUp(visitor, first, { ip: ip() });
    const oldLink = (await mail.smtp.nextMailTo(first.email)).link("/signup/confirm/");
    await signUp(visitor, { ...first, displayName: "Tweede Poging", password: "een heel ander lang wachtwoord" }, { ip: ip() });
    const newLink = (await mail.smtp.nextMailTo(first.email)).link("/signup/confirm/");
    expect(await confirmSignUp(visitor, tokenOf(oldLink))).toEqual({ state: "unknown" });
    const result = await confirmSignUp(visitor, tokenOf(newLink));
    expect(result.state).toBe("valid");
    const user = await db.user.findUniqueOrThrow({ where: { email: first.email } });
    expect(user.displayName).toBe("Tweede Poging");
    await expect(logIn(visitor, { email: first.email, password: "een heel ander lang wachtwoord" }, { ip: ip() })).resolves.toBeTruthy();
  });

  it("an expired link says so", async () => {
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    const link = (await mail.smtp.nextMailTo(input.email)).link("/signup/confirm/");
    await db.accountToken.updateMany({ where: { id: sessionIdFromToken(tokenOf(link)) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await confirmSignUp(visitor, tokenOf(link))).toEqual({ state: "expired" });
    expect(await confirmSignUp(visitor, "niet-een-token")).toEqual({ state: "unknown" });
  });

  it("with approval: confirmed members are pending, organisers get a mail, a pending member cannot post", async () => {
    const organiser = await db.user.create({
      data: { handle: `org-${++n}`, displayName: "Olga Organisator", email: `org${n}@voorbeeld.nl`, role: "organiser" },
    });
    await setJoinMode(admin, "approval");
    const input = newMember({ displayName: "Petra Wachtend", motivation: "Ik ben wijkwerker in Noord." });
    const result = await joined(input);
    expect(result.status).toBe("pending");
    const guardian = await guardianOf(result.token);
    expect(guardian.isPending).toBe(true);
    expect(guardian.canAskDilemma()).toBe(false);
    const notice = await mail.smtp.nextMailTo(organiser.email!);
    expect(notice.subject).toBe("Nieuwe aanmelding voor de Kenniskring");
    expect(notice.text).toContain("Petra Wachtend wil lid worden");
    expect(notice.text).not.toContain(input.email); // organisers do not see addresses
    expect(notice.link("/circle/requests")).toBe("http://kring.test/circle/requests");
    expect((await db.joinRequest.findUniqueOrThrow({ where: { userId: result.userId } })).motivation).toBe("Ik ben wijkwerker in Noord.");
  });

  it("refuses the passwords people really pick, with the reason", async () => {
    const cases: [string, string][] = [
      ["1234567890", "accounts.weakPassword.common"],
      ["aaaaaaaaaa", "accounts.weakPassword.repeat"],
      ["wachtwoord", "accounts.weakPassword.common"],
      ["Amsterdam1", "accounts.weakPassword.common"],
      ["password12", "accounts.weakPassword.common"],
      ["          ", "accounts.weakPassword.repeat"],
      ["Welkom2024!", "accounts.weakPassword.guessable"],
      ["19-05-1985x", "accounts.weakPassword.date"],
      ["qwertyuiop", "accounts.weakPassword.common"],
      ["testlid1234", "accounts.weakPassword.personal"],
    ];
    for (const [password, reason] of cases) {
      const input = newMember({ password });
      const attempt = signUp(visitor, input, { ip: ip() });
      await expect(attempt, password).rejects.toBeInstanceOf(Invalid);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { password: [expect.stringMatching(/^accounts\.weakPassword\./)] } });
      const error = (await attempt.catch((e: unknown) => e)) as Invalid;
      expect([password, error.fieldErrors.password![0]]).toEqual([password, reason]);
      expect(await db.user.count({ where: { email: input.email } })).toBe(0);
    }
    await expect(signUp(visitor, newMember({ password: "fiets regen koffie balkon" }), { ip: ip() })).resolves.toBeUndefined();
  });

  it("takes addresses with plus-addressing and international domain names", async () => {
    for (const raw of ["anna+kenniskring@voorbeeld.nl", "jörg@bücher.example"]) {
      const parsed = SignUpSchema.parse({ ...newMember(), email: ` ${raw} ` });
      expect(parsed.email).toBe(raw);
      await signUp(visitor, { ...parsed, locale: "nl" }, { ip: ip() });
      // On the wire an international domain may travel in its ASCII form (xn--…).
      const [local, domain] = raw.split("@") as [string, string];
      const ascii = `${local}@${domainToASCII(domain)}`;
      const message = await Promise.any([mail.smtp.nextMailTo(raw), mail.smtp.nextMailTo(ascii)]);
      expect(message.subject).toBe("Bevestig je e-mailadres voor de Kenniskring");
      expect((await confirmSignUp(visitor, tokenOf(message.link("/signup/confirm/")))).state).toBe("valid");
      expect(await db.user.count({ where: { email: raw, status: "active" } })).toBe(1);
    }
  });

  it("is closed when joining is by invitation only", async () => {
    await setJoinMode(admin, "invitation");
    await expect(signUp(visitor, newMember(), { ip: ip() })).rejects.toBeInstanceOf(Forbidden);
  });

  it("gives a handle from the name, unique", async () => {
    const a = await joined();
    const b = await joined();
    const handles = await db.user.findMany({ where: { id: { in: [a.userId, b.userId] } }, select: { handle: true } });
    expect(new Set(handles.map((h) => h.handle)).size).toBe(2);
    for (const h of handles) expect(h.handle).toMatch(/^test-lid(-\d+)?$/);
  });

  it("is refused to a signed-in member", async () => {
    const { token } = await joined();
    await expect(signUp(await guardianOf(token), newMember(), { ip: ip() })).rejects.toBeInstanceOf(Forbidden);
  });

  it("is limited per IP address", async () => {
    const address = "192.0.2.77";
    for (let i = 0; i < SIGN_UPS_PER_IP_PER_HOUR; i++) await signUp(visitor, newMember(), { ip: address });
    await expect(signUp(visitor, newMember(), { ip: address })).rejects.toBeInstanceOf(RateLimited);
    await expect(signUp(visitor, newMember(), { ip: "192.0.2.78" })).resolves.toBeUndefined();
  });
});

describe("login", () => {
  it("gives one message for a wrong password and for an unknown address", async () => {
    const { input } = await joined();
    const wrong = logIn(visitor, { email: input.email, password: "fout fout fout" }, { ip: ip() });
    const unknown = logIn(visitor, { email: `x${input.email}`, password: input.password }, { ip: ip() });
    await Promise.all([
      expect(wrong).rejects.toMatchObject({ fieldErrors: { "": ["errors.wrongCredentials"] } }),
      expect(unknown).rejects.toMatchObject({ fieldErrors: { "": ["errors.wrongCredentials"] } }),
    ]);
  });

  it("an unconfirmed account does not log in; the right password brings a new link", async () => {
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    await mail.smtp.nextMailTo(input.email);
    const attempt = logIn(visitor, { email: input.email, password: input.password }, { ip: ip() });
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { "": ["accounts.errors.notConfirmed"] } });
    const again = await mail.smtp.nextMailTo(input.email);
    expect((await confirmSignUp(visitor, tokenOf(again.link("/signup/confirm/")))).state).toBe("valid");
  });

  it("8 wrong passwords pause that address for that account, not the owner elsewhere", async () => {
    const { input } = await joined();
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_AND_CLIENT; i++) {
      await expect(logIn(visitor, { email: input.email, password: `fout ${i}` }, { ip: "198.51.100.7" })).rejects.toBeInstanceOf(Invalid);
    }
    const blocked = logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.7" });
    await expect(blocked).rejects.toBeInstanceOf(RateLimited);
    await expect(blocked).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number), messageKey: "edge.errors.loginPaused" });
    await expect(logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.200" })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it("guesses from many addresses pause unknown browsers; the owner's own browser still gets in, and a reset lifts the pause", async () => {
    const { input } = await joined();
    const own = await logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.1" });
    expect(own.newDevice?.token).toEqual(expect.any(String));
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_BROWSERS; i++) {
      await expect(logIn(visitor, { email: input.email, password: `fout ${i}` }, { ip: `198.18.${i >> 8}.${i & 255}` })).rejects.toBeInstanceOf(Invalid);
    }
    await expect(logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.2" })).rejects.toBeInstanceOf(RateLimited);
    const again = await logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.2", device: own.newDevice!.token });
    expect(again.newDevice).toBeNull(); // already known
    // Another member's cookie is no key to this account.
    const other = await joined();
    const theirs = await logIn(visitor, { email: other.input.email, password: other.input.password }, { ip: "198.51.100.3" });
    await expect(logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.3", device: theirs.newDevice!.token })).rejects.toBeInstanceOf(RateLimited);
    await liftLoginPause(input.email);
    await expect(logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.4" })).resolves.toMatchObject({ newDevice: expect.anything() });
  });

  it("limits one IP trying many accounts", async () => {
    const address = "203.0.113.9";
    const attempts = [];
    for (let i = 0; i < 30; i++) {
      attempts.push(logIn(visitor, { email: `niemand${i}@voorbeeld.nl`, password: "x" }, { ip: address }).catch((e: unknown) => e));
    }
    const results = await Promise.all(attempts);
    expect(results.every((r) => r instanceof Invalid)).toBe(true);
    await expect(logIn(visitor, { email: "nog-een@voorbeeld.nl", password: "x" }, { ip: address })).rejects.toBeInstanceOf(RateLimited);
  });

  it("counts only failures per IP: a whole office behind one address logs in freely", async () => {
    const address = "203.0.113.10";
    const { input } = await joined();
    for (let i = 0; i < LOGIN_FAILURES_PER_IP + 5; i++) {
      await logIn(visitor, { email: input.email, password: input.password }, { ip: address });
    }
    await expect(logIn(visitor, { email: input.email, password: input.password }, { ip: address })).resolves.toMatchObject({ token: expect.any(String) });
  });

  it("creates a new session on success", async () => {
    const { input, userId } = await joined();
    const { token } = await logIn(visitor, { email: input.email, password: input.password }, { ip: ip() });
    expect((await validateSessionToken(token))?.member.id).toBe(userId);
  });
});

describe("sessions", () => {
  it("expire after 30 days and are deleted when seen expired", async () => {
    const { token } = await joined();
    const id = sessionIdFromToken(token);
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
  });

  it("slide: a session used in its second half is extended to 30 days", async () => {
    const { token } = await joined();
    const id = sessionIdFromToken(token);
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 5 * 24 * 3600 * 1000) } });
    const session = await validateSessionToken(token);
    expect(session?.extended).toBe(true);
    expect((session!.expiresAt.getTime() - Date.now()) / (24 * 3600 * 1000)).toBeGreaterThan(29.9);
    expect((await validateSessionToken(token))?.extended).toBe(false);
  });

  it("ignore tokens that are not ours without a query", async () => {
    expect(await validateSessionToken("<script>")).toBeNull();
    expect(await validateSessionToken("a".repeat(32))).toBeNull();
  });

  it("all end with log out everywhere", async () => {
    const first = await joined();
    const second = await logIn(visitor, { email: first.input.email, password: first.input.password }, { ip: ip() });
    expect(await logOutEverywhere(await guardianOf(second.token))).toBe(2);
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await validateSessionToken(second.token)).toBeNull();
  });
});

describe("password reset", () => {
  it("mails a one-hour, single-use link; the new password signs out every session", async () => {
    const member = await joined();
    const otherDevice = await logIn(visitor, { email: member.input.email, password: member.input.password }, { ip: ip() });
    await requestPasswordReset(visitor, member.input.email, { ip: ip() });
    const message = await mail.smtp.nextMailTo(member.input.email);
    expect(message.subject).toBe("Kies een nieuw wachtwoord voor de Kenniskring");
    const token = tokenOf(message.link("/password/reset/"));
    const row = await db.accountToken.findUniqueOrThrow({ where: { id: sessionIdFromToken(token) } });
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000).toBeCloseTo(60, 1);

    // Too weak: refused, and the link still works for a better one.
    await expect(resetPassword(token, "wachtwoord1")).rejects.toBeInstanceOf(Invalid);
    expect(await inspectResetLink(token)).toBe("valid");

    const result = await resetPassword(token, "nieuwe zin voor het wachtwoord");
    expect(result.state).toBe("valid");
    expect(await validateSessionToken(member.token)).toBeNull();
    expect(await validateSessionToken(otherDevice.token)).toBeNull();
    expect(await resetPassword(token, "nog een andere lange zin")).toEqual({ state: "unknown" });
    await expect(logIn(visitor, { email: member.input.email, password: member.input.password }, { ip: ip() })).rejects.toBeInstanceOf(Invalid);
    await expect(logIn(visitor, { email: member.input.email, password: "nieuwe zin voor het wachtwoord" }, { ip: ip() })).resolves.toBeTruthy();
    expect((await mail.smtp.nextMailTo(member.input.email)).subject).toBe("Je wachtwoord voor de Kenniskring is gewijzigd");
  });

  it("answers the same for an unknown address and mails nobody", async () => {
    const nobody = `niemand-${++n}@voorbeeld.nl`;
    await expect(requestPasswordReset(visitor, nobody, { ip: ip() })).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500));
    expect(mail.smtp.mailTo(nobody)).toEqual([]);
  });

  it("an expired link says so", async () => {
    const member = await joined();
    await requestPasswordReset(visitor, member.input.email, { ip: ip() });
    const token = tokenOf((await mail.smtp.nextMailTo(member.input.email)).link("/password/reset/"));
    await db.accountToken.update({ where: { id: sessionIdFromToken(token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await inspectResetLink(token)).toBe("expired");
    expect(await resetPassword(token, "nieuwe zin voor het wachtwoord")).toEqual({ state: "expired" });
  });
});

describe("own account", () => {
  it("changing the password needs the current one, ends other sessions and is mailed", async () => {
    const member = await joined();
    const other = await logIn(visitor, { email: member.input.email, password: member.input.password }, { ip: ip() });
    const guardian = await guardianOf(member.token);
    const sessionId = sessionIdFromToken(member.token);
    const wrong = changePassword(guardian, { currentPassword: "niet mijn wachtwoord", newPassword: "een nieuwe lange zin hier" }, sessionId);
    await expect(wrong).rejects.toMatchObject({ fieldErrors: { currentPassword: ["accounts.errors.wrongPassword"] } });
    const weak = changePassword(guardian, { currentPassword: member.input.password, newPassword: "qwertyuiop" }, sessionId);
    await expect(weak).rejects.toMatchObject({ fieldErrors: { newPassword: ["accounts.weakPassword.common"] } });
    expect(await changePassword(guardian, { currentPassword: member.input.password, newPassword: "een nieuwe lange zin hier" }, sessionId)).toBe(1);
    expect(await validateSessionToken(member.token)).not.toBeNull();
    expect(await validateSessionToken(other.token)).toBeNull();
    expect((await mail.smtp.nextMailTo(member.input.email)).subject).toBe("Je wachtwoord voor de Kenniskring is gewijzigd");
  });

  it("changing the address: the password, a link to the new address, a notice to the old one", async () => {
    const member = await joined();
    const guardian = await guardianOf(member.token);
    const newAddress = `nieuw-${++n}@voorbeeld.nl`;
    await expect(requestEmailChange(guardian, { email: newAddress, password: "fout" })).rejects.toMatchObject({
      fieldErrors: { password: ["accounts.errors.wrongPassword"] },
    });
    await requestEmailChange(guardian, { email: newAddress, password: member.input.password });
    const message = await mail.smtp.nextMailTo(newAddress);
    expect(message.subject).toBe("Bevestig je nieuwe e-mailadres voor de Kenniskring");
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).email).toBe(member.input.email);
    expect(await confirmEmailChange(tokenOf(message.link("/account/email/confirm/")))).toEqual({ state: "valid", email: newAddress });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).email).toBe(newAddress);
    const notice = await mail.smtp.nextMailTo(member.input.email);
    expect(notice.subject).toBe("Je e-mailadres voor de Kenniskring is gewijzigd");
    expect(notice.text).toContain(newAddress);
    expect(await confirmEmailChange(tokenOf(message.link("/account/email/confirm/")))).toEqual({ state: "unknown" });
  });

  it("changing to an address with an account: the same answer, a mail to that address's owner", async () => {
    const member = await joined();
    const other = await joined();
    await requestEmailChange(await guardianOf(member.token), { email: other.input.email, password: member.input.password });
    const message = await mail.smtp.nextMailTo(other.input.email);
    expect(message.subject).toBe("Dit adres heeft al een account bij de Kenniskring");
    expect(message.links.filter((l) => l.includes("/account/email/confirm/"))).toEqual([]);
  });
});
