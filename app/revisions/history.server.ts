import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";
import { renderMarkdown } from "~/platform/markdown.server";

// The edit history of anything that keeps Revisions (dilemmas, replies, reports): each edit
// with who made it, when, and the title and text before and after it. A Revision row holds
// the text its edit replaced; what replaced it is the next row's text, or today's.
// Texts are Markdown source (for the diff); the earlier text is also rendered as a post is
// (the one sanitising renderer), so a reader sees the old version as it looked.
// Callers check first that the viewer may see the subject.

export type Version = { title: string; bodyMd: string };

export type Edit = {
  id: number;
  at: Date;
  editor: AuthorView;
  /** Why an organiser changed another member's words (decision 033); null for the author's own edit. */
  reason: string | null;
  before: Version;
  after: Version;
  /** The text before this edit, rendered and sanitised like a post. */
  beforeHtml: string;
};

/** Newest edit first. */
export async function loadEdits(subjectType: string, subjectId: number, current: Version): Promise<Edit[]> {
  const revisions = await db.revision.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, bodyMd: true, reason: true, createdAt: true, editor: authorSelect },
  });
  const edits = revisions.map((revision, n): Edit => {
    const next = revisions[n + 1];
    return {
      id: revision.id,
      at: revision.createdAt,
      editor: toAuthorView(revision.editor),
      reason: revision.reason,
      before: { title: revision.title ?? "", bodyMd: revision.bodyMd },
      after: next ? { title: next.title ?? "", bodyMd: next.bodyMd } : current,
      beforeHtml: renderMarkdown(revision.bodyMd),
    };
  });
  return edits.reverse();
}
