import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { indexDilemma } from "~/search/indexer.server";
import { findVisibleDilemmaRef } from "./dilemmas.server";
import { HideDilemmaSchema } from "./schemas";
import { parseOrInvalid } from "./validate.server";

// Staff moderation of a dilemma (the buttons sit on the dilemma page). Each call is
// idempotent: a second click on "Sluiten" leaves the first lock's time as it was.
//  - Locked: the thread takes no new replies and the text no edits; still listed and readable.
//  - Hidden: out of every list, feed and search for members and visitors (the Guardian's
//    visibility filter); staff and the asker still see it, the asker with the reason.

export async function lockDilemma(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanLockDilemma(await findVisibleDilemmaRef(guardian, id));
  await db.dilemma.updateMany({ where: { id, lockedAt: null }, data: { lockedAt: new Date() } });
}

export async function unlockDilemma(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanLockDilemma(await findVisibleDilemmaRef(guardian, id));
  await db.dilemma.updateMany({ where: { id, lockedAt: { not: null } }, data: { lockedAt: null } });
}

/**
 * Hides the dilemma with a reason the asker will read (required: "why is my question gone?"
 * deserves an answer). Hiding again only changes the reason.
 */
export async function hideDilemma(guardian: Guardian, id: number, reason: string): Promise<void> {
  const ref = await findVisibleDilemmaRef(guardian, id);
  guardian.ensureCanHideDilemma(ref);
  const value = parseOrInvalid(HideDilemmaSchema, { reason });
  await db.dilemma.update({ where: { id }, data: { hiddenAt: ref.hiddenAt ?? new Date(), hiddenReason: value.reason } });
  await indexDilemma(db, id);
}

export async function unhideDilemma(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanHideDilemma(await findVisibleDilemmaRef(guardian, id));
  await db.dilemma.updateMany({ where: { id, hiddenAt: { not: null } }, data: { hiddenAt: null, hiddenReason: null } });
  await indexDilemma(db, id);
}
