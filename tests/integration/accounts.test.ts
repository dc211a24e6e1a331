import { describe, expect, it } from "vitest";
import { logIn, logOutEverywhere, SIGN_UPS_PER_IP_PER_HOUR, signUp } from "~/accounts/accounts.server";
import { sessionIdFromToken, validateSessionToken } from "~/accounts/sessions.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer, type Viewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { Forbidden, Invalid, RateLimited } from "~/platform/errors.server";
import { useTestDatabase } from "../support/database";

useTestDatabase();

const visitor = new Guardian(anonymousViewer);
let n = 0;
const newMember = (overrides: Partial<{ email: string; password: string }> = {}) => ({
  displayName: "Test Lid",
  email: `lid${++n}-${Date.now()}@voorbeeld.nl`,
  password: "correct paard batterij nietje",
  organisation: "Buurtwerk",
  consent: "on" as const,
  ...overrides,
});
const ip = () => `10.0.${n}.${Math.floor(Math.random() * 250)}`;

async function guardianOf(token: string) {
  const session = await validateSessionToken(token);
  if (!session) throw new Error("no session");
  const viewer: Viewer = { kind: "member", ...session.member };
  return new Guardian(viewer);
}

describe("sign-up", () => {
  it("stores an argon2id hash and only the SHA-256 of the session token", async () => {
    const input = newMember();
    const { token, userId } = await signUp(visitor, input, { ip: ip() });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(input.password);
    expect(user.consentAt).not.toBeNull();
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 random bytes, base32
    const sessions = await db.session.findMany({ where: { userId } });
    expect(sessions.map((s) => s.id)).toEqual([sessionIdFromToken(token)]);
    expect(sessions[0]!.id).not.toContain(token);
  });

  it("refuses a second account with the same address, whatever its capitals", async () => {
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    const again = signUp(visitor, { ...input, email: input.email.toUpperCase() }, { ip: ip() });
    await expect(again).rejects.toBeInstanceOf(Invalid);
    await expect(again).rejects.toMatchObject({ fieldErrors: { email: ["errors.emailTaken"] } });
  });

  it("gives a handle from the name, unique", async () => {
    const a = await signUp(visitor, newMember(), { ip: ip() });
    const b = await signUp(visitor, newMember(), { ip: ip() });
    const handles = await db.user.findMany({ where: { id: { in: [a.userId, b.userId] } }, select: { handle: true } });
    expect(new Set(handles.map((h) => h.handle)).size).toBe(2);
    for (const h of handles) expect(h.handle).toMatch(/^test-lid(-\d+)?$/);
  });

  it("is refused to a signed-in member", async () => {
    const { token } = await signUp(visitor, newMember(), { ip: ip() });
    await expect(signUp(await guardianOf(token), newMember(), { ip: ip() })).rejects.toBeInstanceOf(Forbidden);
  });

  it("is limited per IP address", async () => {
    const address = "192.0.2.77";
    for (let i = 0; i < SIGN_UPS_PER_IP_PER_HOUR; i++) await signUp(visitor, newMember(), { ip: address });
    await expect(signUp(visitor, newMember(), { ip: address })).rejects.toBeInstanceOf(RateLimited);
    await expect(signUp(visitor, newMember(), { ip: "192.0.2.78" })).resolves.toBeTruthy();
  });
});

describe("login", () => {
  it("gives one message for a wrong password and for an unknown address", async () => {
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    const wrong = logIn(visitor, { email: input.email, password: "fout fout fout" }, { ip: ip() });
    const unknown = logIn(visitor, { email: `x${input.email}`, password: input.password }, { ip: ip() });
    // Both awaited at once: whichever fails first must already have its handler.
    await Promise.all([
      expect(wrong).rejects.toMatchObject({ fieldErrors: { "": ["errors.wrongCredentials"] } }),
      expect(unknown).rejects.toMatchObject({ fieldErrors: { "": ["errors.wrongCredentials"] } }),
    ]);
  });

  it("locks an account after 8 failures, even for the right password from another IP", async () => {
    const input = newMember();
    await signUp(visitor, input, { ip: ip() });
    for (let i = 0; i < 8; i++) {
      await expect(logIn(visitor, { email: input.email, password: `fout ${i}` }, { ip: `198.51.100.${i}` })).rejects.toBeInstanceOf(
        Invalid,
      );
    }
    const blocked = logIn(visitor, { email: input.email, password: input.password }, { ip: "198.51.100.200" });
    await expect(blocked).rejects.toBeInstanceOf(RateLimited);
    await expect(blocked).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it("limits one IP trying many accounts", async () => {
    const address = "203.0.113.9";
    const attempts = [];
    for (let i = 0; i < 30; i++) {
      attempts.push(
        logIn(visitor, { email: `niemand${i}@voorbeeld.nl`, password: "x" }, { ip: address }).catch((e: unknown) => e),
      );
    }
    const results = await Promise.all(attempts);
    expect(results.every((r) => r instanceof Invalid)).toBe(true);
    await expect(logIn(visitor, { email: "nog-een@voorbeeld.nl", password: "x" }, { ip: address })).rejects.toBeInstanceOf(
      RateLimited,
    );
  });

  it("creates a new session on success", async () => {
    const input = newMember();
    const { userId } = await signUp(visitor, input, { ip: ip() });
    const { token } = await logIn(visitor, { email: input.email, password: input.password }, { ip: ip() });
    expect((await validateSessionToken(token))?.member.id).toBe(userId);
  });
});

describe("sessions", () => {
  it("expire after 30 days and are deleted when seen expired", async () => {
    const { token } = await signUp(visitor, newMember(), { ip: ip() });
    const id = sessionIdFromToken(token);
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
  });

  it("slide: a session used in its second half is extended to 30 days", async () => {
    const { token } = await signUp(visitor, newMember(), { ip: ip() });
    const id = sessionIdFromToken(token);
    const soon = new Date(Date.now() + 5 * 24 * 3600 * 1000);
    await db.session.update({ where: { id }, data: { expiresAt: soon } });
    const session = await validateSessionToken(token);
    expect(session?.extended).toBe(true);
    const days = (session!.expiresAt.getTime() - Date.now()) / (24 * 3600 * 1000);
    expect(days).toBeGreaterThan(29.9);
    // A fresh session is not rewritten on every request.
    expect((await validateSessionToken(token))?.extended).toBe(false);
  });

  it("ignore tokens that are not ours without a query", async () => {
    expect(await validateSessionToken("<script>")).toBeNull();
    expect(await validateSessionToken("a".repeat(32))).toBeNull();
  });

  it("all end with log out everywhere", async () => {
    const input = newMember();
    const first = await signUp(visitor, input, { ip: ip() });
    const second = await logIn(visitor, { email: input.email, password: input.password }, { ip: ip() });
    const ended = await logOutEverywhere(await guardianOf(second.token));
    expect(ended).toBe(2);
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await validateSessionToken(second.token)).toBeNull();
  });
});
