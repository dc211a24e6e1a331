import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { recordEvents } from "~/platform/events/outbox.server";
import { parseOrInvalid } from "~/platform/validate.server";
import { findVisibleDilemmaRef, lockVisibleDilemma } from "./dilemmas.server";
import type { DilemmaEvent } from "./events";
import { HideDilemmaSchema, OptionalModeratorReasonSchema } from "./schemas";

// Staff moderation of a dilemma (the buttons sit on the dilemma page). Each call is
// idempotent: a second click on "Sluiten" leaves the first lock's time as it was, and records
// no second event.
//  - Locked: the thread takes no new replies and the text no edits; still listed and readable.
//  - Hidden: out of every list, feed and search for members and visitors (the Guardian's
//    visibility filter); staff and the asker still see it, the asker with the reason.

type State = { lockedAt: Date | null; hiddenAt: Date | null; hiddenReason: string | null; heldAt: Date | null };

/** Under the dilemma's row lock: the Guardian's check, the change, and its event if anything changed. */
async function moderate(
  guardian: Guardian,
  id: number,
  ensure: (ref: Awaited<ReturnType<typeof lockVisibleDilemma>>) => void,
  change: (state: State, at: Date) => { data: Partial<State> & { createdAt?: Date; lastActivityAt?: Date }; event: DilemmaEvent["type"]; payload?: object } | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const ref = await lockVisibleDilemma(tx, guardian, id);
    ensure(ref);
    const state = await tx.dilemma.findUniqueOrThrow({ where: { id }, select: { lockedAt: true, hiddenAt: true, hiddenReason: true, heldAt: true } });
    const outcome = change(state, new Date());
    if (!outcome) return;
    await tx.dilemma.update({ where: { id }, data: outcome.data });
    await recordEvents(tx, [
      { type: outcome.event, subjectId: id, actorId: guardian.userId, payload: { authorId: ref.authorId, ...outcome.payload } } as DilemmaEvent,
    ]);
  });
}

/** Locks the thread; the reason (optional here, asked by the moderation page) is told to the asker. */
export async function lockDilemma(guardian: Guardian, id: number, rawReason?: string): Promise<void> {
  const reason = reasonOf(rawReason);
  await moderate(guardian, id, guardian.ensureCanLockDilemma, (s, at) =>
    s.lockedAt ? null : { data: { lockedAt: at }, event: "dilemma.locked", payload: { reason } },
  );
}

export async function unlockDilemma(guardian: Guardian, id: number, rawReason?: string): Promise<void> {
  const reason = reasonOf(rawReason);
  await moderate(guardian, id, guardian.ensureCanLockDilemma, (s) =>
    s.lockedAt ? { data: { lockedAt: null }, event: "dilemma.unlocked", payload: { reason } } : null,
  );
}

/** A cleaned reason, or null when none was given (Invalid when it is too long). */
function reasonOf(raw: string | undefined): string | null {
  return parseOrInvalid(OptionalModeratorReasonSchema, { reason: raw }).reason || null;
}

/**
 * An organiser approves a held dilemma (decision 037): published as if asked now (new at the
 * top of the lists and in the next digest), and "dilemma.approved" tells whoever would have
 * heard of it. A second click changes nothing.
 */
export async function approveDilemma(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanHideDilemma(await findVisibleDilemmaRef(guardian, id)); // staff only, before anything is read
  await moderate(
    guardian,
    id,
    () => {},
    (s, at) => {
      if (!s.heldAt) return null;
      guardian.ensureCanApprovePost(s);
      return { data: { hiddenAt: null, heldAt: null, createdAt: at, lastActivityAt: at }, event: "dilemma.approved", payload: {} };
    },
  );
}

/**
 * Hides the dilemma with a reason the asker will read (required: "why is my question gone?"
 * deserves an answer). Hiding again only changes the reason.
 */
export async function hideDilemma(guardian: Guardian, id: number, reason: string): Promise<void> {
  guardian.ensureCanHideDilemma(await findVisibleDilemmaRef(guardian, id)); // a stranger learns nothing from the reason's check
  const value = parseOrInvalid(HideDilemmaSchema, { reason });
  await moderate(guardian, id, guardian.ensureCanHideDilemma, (s, at) =>
    s.hiddenAt && s.hiddenReason === value.reason
      ? null
      : {
          // A held dilemma hidden is turned down (decision 037): no longer waiting, hidden with the reason.
          data: { hiddenAt: s.hiddenAt ?? at, hiddenReason: value.reason, heldAt: null },
          event: "dilemma.hidden",
          payload: { reason: value.reason, previousReason: s.hiddenAt ? s.hiddenReason : null, ...(s.heldAt ? { rejected: true } : {}) },
        },
  );
}

export async function unhideDilemma(guardian: Guardian, id: number): Promise<void> {
  await moderate(guardian, id, guardian.ensureCanHideDilemma, (s) => {
    guardian.ensureCanRestorePost(s); // a held dilemma is approved, not restored
    return s.hiddenAt ? { data: { hiddenAt: null, hiddenReason: null }, event: "dilemma.unhidden", payload: { reason: s.hiddenReason } } : null;
  });
}
