import type { Guardian } from "~/guardian/guardian.server";
import { memberIdOf } from "~/guardian/guardian.server";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/platform/db.server";

// Consent to the privacy statement, by version (issue 21, decision 026). Every way to become a
// member records the version shown (sign-up, invitation, set-up, `npm run user:create`); when
// the statement changes, PRIVACY_STATEMENT_VERSION changes with it, and a member whose newest
// record names an older version is asked again: until they accept, the Guardian refuses their
// writes (reading stays possible). Each acceptance is a new row: the history is the evidence.

/** The statement's version (a date). Change it with the text, and add what changed to
 *  PRIVACY_STATEMENT_VERSIONS and to `avg.consent.changes` in app/locales/avg.ts. */
export const PRIVACY_STATEMENT_VERSION = "2026-12-07";

/** Every version, oldest first: the accept page lists the changes since the member's own. */
export const PRIVACY_STATEMENT_VERSIONS = ["2026-12-06", "2026-12-07"] as const;

type Client = Prisma.TransactionClient | typeof db;

/** Records that the member accepted the current statement now (in the caller's transaction). */
export async function recordConsent(client: Client, userId: number, at = new Date()): Promise<void> {
  await client.consentRecord.create({ data: { userId, version: PRIVACY_STATEMENT_VERSION, acceptedAt: at } });
  await client.user.update({ where: { id: userId }, data: { consentAt: at } });
}

export type ConsentState = {
  current: string;
  /** The newest version the member accepted; null when no record exists. */
  accepted: string | null;
  acceptedAt: Date | null;
  /** Versions after the member's, up to the current one (what the accept page explains). */
  newer: string[];
};

export async function consentStateOf(guardian: Guardian): Promise<ConsentState> {
  guardian.ensureCanManageOwnAccount();
  const newest = await db.consentRecord.findFirst({
    where: { userId: memberIdOf(guardian) },
    orderBy: [{ acceptedAt: "desc" }, { id: "desc" }],
    select: { version: true, acceptedAt: true },
  });
  const from = newest ? PRIVACY_STATEMENT_VERSIONS.indexOf(newest.version as never) : -1;
  return {
    current: PRIVACY_STATEMENT_VERSION,
    accepted: newest?.version ?? null,
    acceptedAt: newest?.acceptedAt ?? null,
    newer: PRIVACY_STATEMENT_VERSIONS.slice(from + 1).filter((v) => v !== newest?.version),
  };
}

/** "Ik ga akkoord": the member accepts the current statement (a no-op when they did already). */
export async function acceptPrivacyStatement(guardian: Guardian): Promise<void> {
  guardian.ensureCanAcceptPrivacyStatement();
  const userId = memberIdOf(guardian);
  await db.$transaction(async (tx) => {
    // One row per version accepted: a second click (or a second tab) adds nothing.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kenniskring.consent'), ${userId})`;
    const newest = await tx.consentRecord.findFirst({ where: { userId }, orderBy: [{ acceptedAt: "desc" }, { id: "desc" }], select: { version: true } });
    if (newest?.version === PRIVACY_STATEMENT_VERSION) return;
    await recordConsent(tx, userId);
  });
}
