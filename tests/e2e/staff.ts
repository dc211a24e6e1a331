import { type ChildProcess, execFile, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import type { AccountAnswer, AccountRequest } from "../support/account-factory-process";
import { uniqueEmail } from "./fixtures";

// Accounts for browser tests. Nobody can sign up as an organiser or admin, so a test makes one
// the way a real circle does: `npm run user:create` (scripts/user-create.ts) against the e2e
// server's database, whose port and password the embedded Postgres wrote into
// ${E2E_DATA_DIR}/postgres.json. Tests about something else than joining use the same way for
// an active member (joinAsMember); joining itself is tested through the mail (accounts.spec.ts).
//
// createAccount makes an account with the same call as that command, in one process per worker
// that stays up (tests/support/account-factory-process.ts): the command's start costs seconds
// per account. signIn gives a walk about something else a session without the login form.

const run = promisify(execFile);

export function e2eDatabaseUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run this through playwright.config.ts");
  const { port, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as {
    port: number;
    password: string;
  };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/kenniskring`;
}

export type StaffAccount = { email: string; password: string; name: string };

/** Also an ordinary member ("member"): sign-ups are limited per IP address, this is not. */
export async function createStaff(role: "member" | "organiser" | "admin", name: string): Promise<StaffAccount> {
  return createAccountAtConsole(role, { email: uniqueEmail(role), password: "een lang wachtwoord voor de staf", name });
}

async function createAccountAtConsole(role: "member" | "organiser" | "admin", account: StaffAccount): Promise<StaffAccount> {
  await run(
    "npx",
    ["--no-install", "tsx", "scripts/user-create.ts", "--email", account.email, "--role", role, "--name", account.name, "--password", account.password],
    { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn" } },
  );
  return account;
}

export async function createAccount(role: "member" | "organiser" | "admin", account: StaffAccount): Promise<StaffAccount> {
  await accountFactory().make({ role, ...account });
  return account;
}

let factory: { make(request: Omit<AccountRequest, "id">): Promise<string> } | undefined;

function accountFactory() {
  if (factory) return factory;
  const child: ChildProcess = fork("tests/support/account-factory-process.ts", {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let output = "";
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const pending = new Map<number, { resolve: (handle: string) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  child.on("message", (answer: AccountAnswer) => {
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.error !== undefined) waiting?.reject(new Error(`user:create failed: ${answer.error}`));
    else waiting?.resolve(answer.handle);
  });
  child.on("exit", (code) => {
    factory = undefined;
    for (const { reject } of pending.values()) reject(new Error(`account process exited with ${code}: ${output}`));
    pending.clear();
  });
  // It must not keep the worker alive, and it ends itself when the worker's channel closes.
  child.unref();
  child.channel?.unref();
  const made = {
    make(request: Omit<AccountRequest, "id">) {
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, ...request } satisfies AccountRequest);
      });
    },
  };
  factory = made;
  return made;
}

/**
 * Signed in in `page` as `account`, on the home page, as logIn leaves it; with a session made as
 * logging in makes one, without the login form (accounts.spec.ts tests that), so a walk about
 * something else neither spends its seconds nor the form's per-IP budget on it.
 */
export async function signIn(page: Page, account: { email: string }) {
  await addSession(page, account.email);
  await page.goto("/");
  await expect(page.locator('header a[href="/account"]')).toBeAttached();
}

async function addSession(page: Page, email: string) {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT $1, id, now() + interval '1 day' FROM "User" WHERE email = $2`,
      [createHash("sha256").update(token).digest("hex"), email],
    );
    if (rowCount !== 1) throw new Error(`no account ${email} to sign in`);
  } finally {
    await client.end();
  }
  await page.context().addCookies([{ name: "kk_session", value: token, url: test.info().project.use.baseURL! }]);
}

export async function logIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(account.email);
  await page.getByLabel("Wachtwoord").fill(account.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  // On a phone the account link sits in the closed menu, so wait for it in the page, not on screen.
  await expect(page.locator('header a[href="/account"]')).toBeAttached();
}

/**
 * An active member of the circle, signed in in `page` (a session made as logging in makes one,
 * so the suite does not spend the login form's per-IP budget on it), on their account page.
 */
export async function joinAsMember(page: Page, account: { name: string; email: string; password: string }) {
  await createAccountAtConsole("member", account);
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT $1, id, now() + interval '1 day' FROM "User" WHERE email = $2`,
      [createHash("sha256").update(token).digest("hex"), account.email],
    );
  } finally {
    await client.end();
  }
  await page.context().addCookies([{ name: "kk_session", value: token, url: test.info().project.use.baseURL! }]);
  await page.goto("/account");
  await expect(page.getByText(`Je bent ingelogd als ${account.name}.`)).toBeVisible();
}

/** The daily or weekly digest for one member now, as the 06:00 cron would (scripts/digest-now.ts). */
export async function sendDigestNow(email: string, period: "daily" | "weekly"): Promise<string> {
  const { stdout } = await run("npx", ["--no-install", "tsx", "scripts/digest-now.ts", "--period", period, "--email", email], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), LOG_LEVEL: "warn", KK_LANG: "nl" },
  });
  return stdout.trim();
}

/** A dilemma by the member with this address, written straight into the database (the ask form
 *  has its own tests); with the first competence when `competence` is set. */
export async function dilemmaBy(email: string, title: string, body: string, { competence = false } = {}): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Dilemma" (title, "bodyMd", "bodyHtml", "authorId")
       SELECT $1, $2, '<p>' || $2 || '</p>', id FROM "User" WHERE email = $3
       RETURNING id`,
      [title, body, email],
    );
    const id = rows[0]!.id;
    if (competence) {
      await client.query(`INSERT INTO "DilemmaCompetence" ("dilemmaId", "competenceId") SELECT $1, id FROM "Competence" WHERE "retiredAt" IS NULL ORDER BY id LIMIT 1`, [id]);
    }
    return id;
  } finally {
    await client.end();
  }
}
