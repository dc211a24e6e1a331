import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { loadEdits, type Edit, type Version } from "~/revisions/history.server";
import { findVisibleDilemmaRef } from "./dilemmas.server";
import { REVISION_SUBJECT } from "./edit.server";

// A dilemma's history for everyone who can see the dilemma (app/revisions/history.server.ts).

export type DilemmaVersion = Version;
export type DilemmaEdit = Edit;

export type DilemmaHistory = {
  id: number;
  title: string;
  /** Newest first. */
  edits: DilemmaEdit[];
};

export async function getDilemmaHistory(guardian: Guardian, id: number): Promise<DilemmaHistory> {
  const ref = await findVisibleDilemmaRef(guardian, id);
  // Deleted by its asker: its earlier words are gone with its text, as a deleted reply's (038).
  if (ref.deletedByAuthorAt) throw new NotFound("dilemma history");
  const dilemma = await db.dilemma.findUniqueOrThrow({ where: { id }, select: { title: true, bodyMd: true } });
  return { id, title: dilemma.title, edits: await loadEdits(REVISION_SUBJECT, id, dilemma) };
}
