import type { AccountTokenPurpose, Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";
import { generateSessionToken, sessionIdFromToken } from "./sessions.server";

// Single-use links (decision 016), made as login sessions are (decision 002): 20 random bytes
// in the link, only their SHA-256 in the database. Using a link deletes its row in the same
// statement that reads it, so two clicks at once cannot both succeed.

const HOUR_MS = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  reset_password: HOUR_MS,
  confirm_signup: 24 * HOUR_MS,
  change_email: 24 * HOUR_MS,
  // Printed at every start while there is no admin; a new start makes a new one.
  setup_admin: 7 * 24 * HOUR_MS,
};

export type TokenState = "valid" | "expired" | "unknown";

type Client = Prisma.TransactionClient;

/** A new link for `purpose`; earlier links of the member for the same purpose stop working. */
export async function issueToken(
  tx: Client,
  purpose: AccountTokenPurpose,
  fields: { userId?: number | null; email?: string | null; returnTo?: string | null } = {},
): Promise<string> {
  const token = generateSessionToken();
  if (fields.userId) await tx.accountToken.deleteMany({ where: { userId: fields.userId, purpose } });
  await tx.accountToken.create({
    data: {
      id: sessionIdFromToken(token),
      purpose,
      userId: fields.userId ?? null,
      email: fields.email ?? null,
      returnTo: fields.returnTo ?? null,
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
    },
  });
  return token;
}

export type TokenRow = { userId: number | null; email: string | null; returnTo: string | null; expiresAt: Date };

/** What a link from a mail is, without using it (the page before the button). */
export async function inspectToken(purpose: AccountTokenPurpose, token: string): Promise<{ state: TokenState; row: TokenRow | null }> {
  if (!isWellFormed(token)) return { state: "unknown", row: null };
  const row = await db.accountToken.findUnique({
    where: { id: sessionIdFromToken(token) },
    select: { purpose: true, userId: true, email: true, returnTo: true, expiresAt: true },
  });
  if (!row || row.purpose !== purpose) return { state: "unknown", row: null };
  return { state: row.expiresAt.getTime() <= Date.now() ? "expired" : "valid", row };
}

/** Uses a link: its row, deleted; or why it cannot be used. */
export async function consumeToken(
  tx: Client,
  purpose: AccountTokenPurpose,
  token: string,
): Promise<{ state: "valid"; row: TokenRow } | { state: "expired" | "unknown"; row: null }> {
  if (!isWellFormed(token)) return { state: "unknown", row: null };
  const [row] = await tx.$queryRaw<TokenRow[]>`
    DELETE FROM "AccountToken" WHERE id = ${sessionIdFromToken(token)} AND purpose = ${purpose}::"AccountTokenPurpose"
    RETURNING "userId", email::text AS email, "returnTo", "expiresAt"`;
  if (!row) return { state: "unknown", row: null };
  if (row.expiresAt.getTime() <= Date.now()) return { state: "expired", row: null };
  return { state: "valid", row };
}

function isWellFormed(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}
