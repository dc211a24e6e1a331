import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { logIn } from "~/accounts/accounts.server";
import { Guardian } from "~/guardian/guardian.server";
import { anonymousViewer } from "~/guardian/viewer";
import { db } from "~/platform/db.server";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();

function userCreate(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("npm run user:create", () => {
  it("creates the first admin with a generated password that logs in", async () => {
    const { code, out } = userCreate("--email", "beheer@voorbeeld.nl", "--role", "admin", "--name", "Beheer");
    expect(code).toBe(0);
    expect(out).toMatch(/Created admin @beheer \(beheer@voorbeeld\.nl\)/);
    const password = /Password \(shown once\): (\S+)/.exec(out)?.[1];
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
    expect(out).toContain("Updated organiser");
    expect((await db.user.findUniqueOrThrow({ where: { email: "lid@voorbeeld.nl" } })).role).toBe("organiser");
  });

  it("explains wrong arguments and exits 2", () => {
    const { code, out } = userCreate("--email", "geen-adres", "--role", "koning");
    expect(code).toBe(2);
    expect(out).toContain("--email must be an e-mail address");
    expect(out).toContain("--role must be member, organiser or admin");
    expect(out).toContain("usage: npm run user:create");
  });
});
