import { insertMember } from "~/accounts/accounts.server";
import { recordConsent } from "~/accounts/consent.server";
import { whyWeakPassword } from "~/accounts/password-strength.server";
import { hashPassword } from "~/accounts/passwords.server";
import type { SetUpAdminInput } from "~/accounts/schemas";
import { createSession } from "~/accounts/sessions.server";
import { consumeToken, inspectToken, issueToken } from "~/accounts/tokens.server";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { absoluteUrl } from "~/platform/env.server";
import { Invalid } from "~/platform/errors.server";

// The first admin (decision 016). While an installation has no admin, every start prints a
// set-up link (as Jupyter prints its token): whoever can read the server's console creates the
// first admin account in the browser, and nobody who merely finds the site can claim it first.

export const setupPath = (token: string) => `/setup/${token}`;

async function hasAdmin(client: Pick<typeof db, "user"> = db): Promise<boolean> {
  return (await client.user.count({ where: { role: "admin", status: "active", erasedAt: null } })) > 0;
}

/** At start-up: a new one-time link while there is no admin (earlier links stop working), else null. */
export async function freshSetupLink(): Promise<string | null> {
  return db.$transaction(async (tx) => {
    await tx.accountToken.deleteMany({ where: { purpose: "setup_admin" } });
    if (await hasAdmin(tx)) return null;
    return absoluteUrl(setupPath(await issueToken(tx, "setup_admin")));
  });
}

export async function inspectSetupLink(token: string): Promise<"valid" | "done"> {
  if (await hasAdmin()) return "done";
  return (await inspectToken("setup_admin", token)).state === "valid" ? "valid" : "done";
}

export type SetupResult = { state: "valid"; session: { token: string; expiresAt: Date } } | { state: "done" };

export async function setUpFirstAdmin(guardian: Guardian, token: string, input: SetUpAdminInput & { locale: string }): Promise<SetupResult> {
  guardian.ensureCanSetUpFirstAdmin();
  if ((await inspectSetupLink(token)) !== "valid") return { state: "done" };
  const weak = whyWeakPassword(input.password, [input.displayName, input.email]);
  if (weak) throw new Invalid({ password: [weak] });
  const passwordHash = await hashPassword(input.password);
  const userId = await db.$transaction(async (tx) => {
    // One set-up at a time: two browsers with the same link cannot both make an admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kenniskring.setup_admin'))`;
    if (await hasAdmin(tx)) return null;
    const used = await consumeToken(tx, "setup_admin", token);
    if (used.state !== "valid") return null;
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    const fields = { displayName: input.displayName, passwordHash, organisation: input.organisation || null, locale: input.locale };
    if (existing) {
      // The operator's own address had an account (a test sign-up): it becomes the admin.
      await tx.user.update({ where: { id: existing.id }, data: { ...fields, role: "admin", status: "active" } });
      await recordConsent(tx, existing.id);
      return existing.id;
    }
    return (await insertMember({ ...fields, email: input.email, role: "admin" }, tx)).id;
  });
  if (userId === null) return { state: "done" };
  return { state: "valid", session: await createSession(userId) };
}
