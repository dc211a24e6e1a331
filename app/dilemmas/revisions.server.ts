import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { findVisibleDilemmaRef } from "./dilemmas.server";
import { REVISION_SUBJECT } from "./edit.server";

// A dilemma's history for everyone who can see the dilemma: each edit with who made it, when,
// and the title and text before and after it. Texts are Markdown source, shown as plain text
// (React escapes it); nothing here is rendered as HTML.

export type DilemmaVersion = { title: string; bodyMd: string };

export type DilemmaEdit = {
  id: number;
  at: Date;
  editor: AuthorView;
  before: DilemmaVersion;
  after: DilemmaVersion;
};

export type DilemmaHistory = {
  id: number;
  title: string;
  /** Newest first. */
  edits: DilemmaEdit[];
};

export async function getDilemmaHistory(guardian: Guardian, id: number): Promise<DilemmaHistory> {
  await findVisibleDilemmaRef(guardian, id);
  const [dilemma, revisions] = await Promise.all([
    db.dilemma.findUniqueOrThrow({ where: { id }, select: { title: true, bodyMd: true } }),
    db.revision.findMany({
      where: { subjectType: REVISION_SUBJECT, subjectId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, bodyMd: true, createdAt: true, editor: authorSelect },
    }),
  ]);
  // Revision n holds the text edit n replaced; what replaced it is revision n+1's, or today's.
  const edits = revisions.map((revision, n): DilemmaEdit => {
    const next = revisions[n + 1];
    return {
      id: revision.id,
      at: revision.createdAt,
      editor: toAuthorView(revision.editor),
      before: { title: revision.title ?? "", bodyMd: revision.bodyMd },
      after: next ? { title: next.title ?? "", bodyMd: next.bodyMd } : dilemma,
    };
  });
  return { id, title: dilemma.title, edits: edits.reverse() };
}
