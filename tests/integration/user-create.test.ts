import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { logIn } from "~/accounts/accounts.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();

/** The tool as an operator runs it; Dutch unless the shell's language is English. */
function userCreate(...args: string[]) {
  return userCreateIn("nl", ...args);
}

function userCreateIn(language: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent", KK_LANG: "", LC_ALL: "", LC_MESSAGES: "", LANG: language },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("npm run user:create", () => {
  it("creates the first admin with a generated password that logs in", async () => {
    const { code, out } = userCreate("--email", "beheer@voorbeeld.nl", "--role", "admin", "--name", "Beheer");
    expect(code).toBe(0);
    expect(out).toMatch(/Beheerder @beheer \(beheer@voorbeeld\.nl\) is aangemaakt\./);
    const password = /Wachtwoord \(je ziet het maar één keer\): (\S+)/.exec(out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const user = await db.user.findUniqueOrThrow({ where: { email: "beheer@voorbeeld.nl" } });
    expect(user.role).toBe("admin");
    await expect(
      logIn(new Guardian(anonymousViewer), { email: "beheer@voorbeeld.nl", password: password! }, { ip: "127.0.0.9" }),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it("updates the role of an existing member", async () => {
    userCreate("--email", "lid@voorbeeld.nl", "--role", "member", "--password", "een goed wachtwoord");
    const { code, out } = userCreate("--email", "lid@voorbeeld.nl", "--role", "organiser", "--password", "een goed wachtwoord");
    expect(code).toBe(0);
    expect(out).toContain("Organisator @lid (lid@voorbeeld.nl) is bijgewerkt.");
    expect((await db.user.findUniqueOrThrow({ where: { email: "lid@voorbeeld.nl" } })).role).toBe("organiser");
  });

  it("explains wrong arguments and exits 2, in Dutch, or in English for an English shell", () => {
    const dutch = userCreateIn("C.UTF-8", "--email", "geen-adres", "--role", "koning");
    expect(dutch.code).toBe(2);
    expect(dutch.out).toContain("--email moet een e-mailadres zijn");
    expect(dutch.out).toContain("--role moet member, organiser of admin zijn");
    expect(dutch.out).toContain("gebruik: npm run user:create");
    const english = userCreateIn("en_GB.UTF-8", "--email", "geen-adres", "--role", "koning");
    expect(english.code).toBe(2);
    expect(english.out).toContain("--email must be an e-mail address");
    expect(english.out).toContain("--role must be member, organiser or admin");
    expect(english.out).toContain("usage: npm run user:create");
  });
});
