// Drafts kept while typing (issue 22, decision 038): the composers' text in the browser's
// localStorage, per member and per place (a new dilemma; a reply to a dilemma or to one reply),
// so a reload, a crash or a closed tab loses nothing. Never sent to the server. Cleared once
// the post is in (the page it leads to says "asked" or "replied"), by "Verwijder concept", and
// after a week. Plain module for the browser; every access tolerates a storage that refuses
// (private mode, full, disabled): then there are simply no drafts.

const PREFIX = "kk-draft:";
const PENDING = "kk-draft-posting";
/** A draft older than this is stale: a week covers "I'll finish it tomorrow". */
const MAX_AGE_MS = 7 * 24 * 3600_000;

export type Draft = { fields: Record<string, string>; savedAt: number };

export const draftKey = (memberHandle: string, place: string) => `${PREFIX}${memberHandle}:${place}`;

/** The place of the "share a dilemma" form's draft: one per member. */
export const ASK_DRAFT_PLACE = "dilemma:new";

function storage(kind: "local" | "session"): Storage | null {
  try {
    return kind === "local" ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = storage("local")?.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    if (typeof draft?.savedAt !== "number" || Date.now() - draft.savedAt > MAX_AGE_MS) {
      forgetDraft(key);
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

/** Saves the fields; an all-empty form is no draft (it removes one). */
export function saveDraft(key: string, fields: Record<string, string>): void {
  try {
    if (Object.values(fields).every((value) => value.trim() === "")) return forgetDraft(key);
    storage("local")?.setItem(key, JSON.stringify({ fields, savedAt: Date.now() } satisfies Draft));
  } catch {
    // Full or refused: the text is still in the form.
  }
}

export function forgetDraft(key: string): void {
  try {
    storage("local")?.removeItem(key);
  } catch {
    // Nothing kept, nothing to forget.
  }
}

function pending(): string[] {
  try {
    return JSON.parse(storage("session")?.getItem(PENDING) ?? "[]") as string[];
  } catch {
    return [];
  }
}

/** The form was sent: its draft goes once the post is in (draftsPosted), not before. */
export function markDraftPosting(key: string): void {
  try {
    storage("session")?.setItem(PENDING, JSON.stringify([...new Set([...pending(), key])]));
  } catch {
    // Then the draft stays until "Verwijder concept": better than losing text.
  }
}

/** Typing again after a refused post: that draft is not posted yet. */
export function unmarkDraftPosting(key: string): void {
  const left = pending().filter((k) => k !== key);
  try {
    storage("session")?.setItem(PENDING, JSON.stringify(left));
  } catch {
    // See markDraftPosting.
  }
}

/** The post is in ("asked", "replied"): the drafts of the forms just sent are done. */
export function draftsPosted(): void {
  for (const key of pending()) forgetDraft(key);
  try {
    storage("session")?.removeItem(PENDING);
  } catch {
    // See markDraftPosting.
  }
}
