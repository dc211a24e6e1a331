import { dilemmaPath } from "~/dilemmas/paths";
import type { ModeratedPost } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { meetingPath } from "~/meetings/paths";
import { db } from "~/platform/db.server";
import { NotFound } from "~/platform/errors.server";
import { replyPermalink } from "~/replies/paths";

// The posts moderation acts on, read the same way for every kind: who wrote it, whether it
// is hidden, a title to show and where it lives. Only what the viewer may see: a post the
// Guardian hides from them is NotFound, so neither a flag form nor the queue can leak it.

export type PostRef = {
  kind: ModeratedPost;
  id: number;
  /** The member who wrote it; null for a meeting report (the organisers' shared text). */
  authorId: number | null;
  authorName: string | null;
  /** For the organisers' link to the member's moderation page. */
  authorHandle: string | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  lockedAt: Date | null;
  /** The dilemma's title (a reply: its dilemma's), or the meeting's. */
  title: string;
  /** A plain-text taste of a reply (the title says what a dilemma or report is). */
  excerpt: string | null;
  href: string;
  /** The dilemma a reply belongs to (null for others). */
  dilemmaId: number | null;
};

export type { ModeratedPost };

export const POST_KINDS: readonly ModeratedPost[] = ["dilemma", "reply", "report"];

export async function findPost(guardian: Guardian, kind: ModeratedPost, id: number): Promise<PostRef> {
  const post = (await findPosts([{ kind, id }])).get(postKey(kind, id));
  if (!post || !canSee(guardian, post)) throw new NotFound(kind);
  return post;
}

export const postKey = (kind: ModeratedPost, id: number) => `${kind}:${id}`;

type Loaded = PostRef & { dilemmaHiddenAt: Date | null; dilemmaAuthorId: number | null; deleted: boolean; meetingStatus: string | null };

function canSee(guardian: Guardian, post: Loaded): boolean {
  if (post.kind === "report") return post.meetingStatus === "published" || guardian.isStaff;
  const dilemma = { authorId: post.dilemmaAuthorId ?? post.authorId ?? 0, lockedAt: post.lockedAt, hiddenAt: post.dilemmaHiddenAt };
  if (post.kind === "dilemma") return guardian.canSeeDilemma(dilemma);
  return guardian.canSeeReply({ authorId: post.authorId ?? 0, hiddenAt: post.hiddenAt, deletedByAuthorAt: post.deleted ? new Date() : null, dilemma });
}

/** Many posts in three queries at most (the queue's page). Keys: postKey(kind, id). */
export async function findPosts(refs: { kind: ModeratedPost; id: number }[]): Promise<Map<string, Loaded>> {
  const ids = (kind: ModeratedPost) => refs.filter((r) => r.kind === kind && Number.isSafeInteger(r.id)).map((r) => r.id);
  const [dilemmas, replies, reports] = await Promise.all([
    db.dilemma.findMany({
      where: { id: { in: ids("dilemma") } },
      select: { id: true, title: true, authorId: true, hiddenAt: true, hiddenReason: true, lockedAt: true, author: { select: { displayName: true, handle: true } } },
    }),
    db.reply.findMany({
      where: { id: { in: ids("reply") } },
      select: {
        id: true,
        authorId: true,
        bodyMd: true,
        hiddenAt: true,
        hiddenReason: true,
        deletedByAuthorAt: true,
        author: { select: { displayName: true, handle: true } },
        dilemma: { select: { id: true, title: true, authorId: true, hiddenAt: true, lockedAt: true } },
      },
    }),
    db.meeting.findMany({ where: { id: { in: ids("report") } }, select: { id: true, title: true, status: true } }),
  ]);
  const found = new Map<string, Loaded>();
  for (const d of dilemmas) {
    found.set(postKey("dilemma", d.id), {
      kind: "dilemma",
      id: d.id,
      authorId: d.authorId,
      authorName: d.author.displayName,
      authorHandle: d.author.handle,
      hiddenAt: d.hiddenAt,
      hiddenReason: d.hiddenReason,
      lockedAt: d.lockedAt,
      title: d.title,
      excerpt: null,
      href: dilemmaPath(d),
      dilemmaId: d.id,
      dilemmaHiddenAt: d.hiddenAt,
      dilemmaAuthorId: d.authorId,
      deleted: false,
      meetingStatus: null,
    });
  }
  for (const r of replies) {
    found.set(postKey("reply", r.id), {
      kind: "reply",
      id: r.id,
      authorId: r.authorId,
      authorName: r.author.displayName,
      authorHandle: r.author.handle,
      hiddenAt: r.hiddenAt,
      hiddenReason: r.hiddenReason,
      lockedAt: r.dilemma.lockedAt,
      title: r.dilemma.title,
      excerpt: r.deletedByAuthorAt ? null : excerptOf(r.bodyMd),
      href: replyPermalink(r.id),
      dilemmaId: r.dilemma.id,
      dilemmaHiddenAt: r.dilemma.hiddenAt,
      dilemmaAuthorId: r.dilemma.authorId,
      deleted: r.deletedByAuthorAt !== null,
      meetingStatus: null,
    });
  }
  for (const m of reports) {
    found.set(postKey("report", m.id), {
      kind: "report",
      id: m.id,
      authorId: null,
      authorName: null,
      authorHandle: null,
      hiddenAt: null,
      hiddenReason: null,
      lockedAt: null,
      title: m.title,
      excerpt: null,
      href: meetingPath(m),
      dilemmaId: null,
      dilemmaHiddenAt: null,
      dilemmaAuthorId: null,
      deleted: false,
      meetingStatus: m.status,
    });
  }
  return found;
}

/** The first words of a reply's Markdown, as plain text (the queue shows what was flagged). */
function excerptOf(markdown: string): string {
  const plain = markdown.replace(/[*_`>#[\]()!~-]+/g, " ").replace(/\s+/g, " ").trim();
  return plain.length > 240 ? `${plain.slice(0, 239)}…` : plain;
}
