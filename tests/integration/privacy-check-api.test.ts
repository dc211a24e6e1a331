import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/accounts/sessions.server";
import { db } from "~/platform/db.server";
import { PRIVACY_TEXT_MAX, type PrivacyCheck } from "~/privacy/kinds";
import { PRIVACY_CHECKS_PER_MINUTE } from "~/privacy/privacy.server";
import { useTestDatabase } from "../support/database";
import { type ServerProcess, startServer } from "../support/server-process";

// POST /api/privacy-check over real HTTP against the production build: what a form's script
// (or an integration) sends and gets back, and every way of asking wrongly (a JSON message
// and a 4xx, never a 500).
const database = useTestDatabase();
let server: ServerProcess;

async function member(handle: string, displayName: string, organisation: string | null = null): Promise<string> {
  const user = await db.user.create({ data: { handle, displayName, organisation, email: `${handle}@voorbeeld.nl` } });
  const { token } = await createSession(user.id);
  return `kk_session=${token}`;
}

function post(body: string, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/privacy-check`, {
    method: "POST",
    headers: { Origin: server.url, "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body,
  });
}

async function errorOf(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toContain("application/json");
  const body = (await response.json()) as { error: string };
  expect(body.error).toMatch(/\S/);
  return body.error;
}

let sanne: string;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url });
  sanne = await member("sanne", "Sanne de Boer", "Welzijn Noord");
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe("POST /api/privacy-check", () => {
  it("marks someone else's data with offsets into the text as sent, and leaves the writer's own name alone", async () => {
    const text =
      "Ik ben Sanne van Welzijn Noord. 👋 **Mevrouw Jansen** (87) woont op de Kerkstraat 12 en heeft dementie. " +
      "Bel haar dochter op 06-12345678.\n\nGroet, Sanne";
    const response = await post(JSON.stringify({ text }), sanne);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const check = (await response.json()) as PrivacyCheck;
    expect(check.warn).toBe(true);
    expect(check.marks.map((m) => [m.kind, text.slice(m.start, m.end), m.replacement])).toEqual([
      ["name", "Mevrouw Jansen", "bewoner A"],
      ["age", "87", "[leeftijd]"],
      ["address", "Kerkstraat 12", "[adres]"],
      ["special", "dementie", "[gezondheid]"],
      ["phone", "06-12345678", "[telefoonnummer]"],
    ]);
  });

  it("answers a clean text with no marks", async () => {
    const text = "Hoe houden jullie vrijwilligers vast? De wethouder wil cijfers, de bijeenkomst is op 2 juli 2009.";
    expect(await (await post(JSON.stringify({ text }), sanne)).json()).toEqual({ warn: false, marks: [] });
  });

  it("is for signed-in members only", async () => {
    expect(await errorOf(await post(JSON.stringify({ text: "Henk de Vries" })), 401)).toMatch(/Log in/);
    expect(await errorOf(await post(JSON.stringify({ text: "Henk de Vries" }), "kk_session=verzonnen"), 401)).toMatch(/Log in/);
  });

  it("refuses what is not a JSON request with a text, in the member's language", async () => {
    expect(await errorOf(await post("text=Henk", sanne, { "Content-Type": "application/x-www-form-urlencoded" }), 415)).toMatch(/JSON/);
    expect(await errorOf(await post("{niet json", sanne), 400)).toMatch(/geen geldige JSON/);
    expect(await errorOf(await post(JSON.stringify({ tekst: "Henk" }), sanne), 400)).toMatch(/"text"/);
    expect(await errorOf(await post(JSON.stringify({ text: 42 }), sanne), 400)).toMatch(/"text"/);
    expect(await errorOf(await post(JSON.stringify(["Henk"]), sanne), 400)).toMatch(/"text"/);
    expect(await errorOf(await post("null", sanne), 400)).toMatch(/"text"/);
    const english = await post("{", sanne, { Cookie: `${sanne}; kk_lang=en` });
    expect(await errorOf(english, 400)).toBe("This is not valid JSON.");
    const get = await fetch(`${server.url}/api/privacy-check`, { headers: { Cookie: sanne } });
    expect(await errorOf(get, 405)).toMatch(/POST/);
    expect(get.headers.get("Allow")).toBe("POST");
  });

  it("limits the size: a text over the maximum, and a body far over it", async () => {
    expect(await errorOf(await post(JSON.stringify({ text: "a".repeat(PRIVACY_TEXT_MAX + 1) }), sanne), 413)).toMatch(/te lang/);
    const ok = await post(JSON.stringify({ text: `${"Kerkstraat 12 en 06-12345678. ".repeat(1600)}`.slice(0, PRIVACY_TEXT_MAX) }), sanne);
    expect(ok.status).toBe(200);
    expect(await errorOf(await post(JSON.stringify({ text: "b".repeat(PRIVACY_TEXT_MAX * 7) }), sanne), 413)).toMatch(/te groot/);
  }, 30_000);

  it("reads any text without failing: control characters, lone surrogates, only digits", async () => {
    for (const text of ["\u0000\u0007\u200b\ud800 Henk\ud83d", "0".repeat(5000), "@@@ http:// www. 06- NL00", "", "   \n\n\t"]) {
      const response = await post(JSON.stringify({ text }), sanne);
      expect(response.status, JSON.stringify(text.slice(0, 20))).toBe(200);
      const check = (await response.json()) as PrivacyCheck;
      for (const m of check.marks) expect(m.end).toBeLessThanOrEqual(text.length);
    }
  });

  it("is rate-limited per member, with Retry-After", async () => {
    const busy = await member("druk", "Druk Baasje");
    const body = JSON.stringify({ text: "Henk" });
    const statuses: number[] = [];
    for (let i = 0; i < PRIVACY_CHECKS_PER_MINUTE; i++) statuses.push((await post(body, busy)).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const refused = await post(body, busy);
    expect(await errorOf(refused, 429)).toMatch(/seconden/);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another member is not affected.
    expect((await post(body, sanne)).status).toBe(200);
  }, 60_000);
});
