import { composeMail } from "~/accounts/mail/compose.server";
import { dilemmaPath } from "~/dilemmas/paths";
import type { ModeratedPost } from "~/generated/prisma/enums";
import { absoluteUrl } from "~/platform/env.server";
import type { Tx } from "~/platform/events/event";
import { queueMail } from "~/platform/mail.server";
import { replyPermalink } from "~/replies/paths";

// Telling a post's author what an organiser did to it, and why, by mail in their language
// (decision 015: the mail is a row and a job in the caller's transaction, so it goes out once).
// The organiser's reason is quoted; who flagged the post is never said, and not known here.

export type AuthorNews = {
  authorId: number;
  post: ModeratedPost;
  postId: number;
  what: "hidden" | "restored" | "locked" | "unlocked" | "warned";
  /** The organiser's words (hidden, warned); null otherwise. */
  reason: string | null;
};

export async function tellAuthor(tx: Tx, news: AuthorNews): Promise<void> {
  const author = await tx.user.findUnique({ where: { id: news.authorId }, select: { email: true, displayName: true, locale: true, erasedAt: true } });
  if (!author?.email || author.erasedAt) return;
  const link = await linkTo(tx, news.post, news.postId);
  const reason = news.what === "hidden" || news.what === "warned" ? news.reason : null;
  const mail = composeMail({ name: author.displayName, locale: author.locale }, (t) => ({
    subject: t(`moderation.mail.${news.what}.subject`),
    blocks: [
      { paragraph: t(`moderation.mail.${news.what}.body`, { post: t(`moderation.posts.${news.post}`) }) },
      ...(reason ? [{ paragraph: t("moderation.mail.reasonIntro") }, { quote: reason }] : []),
      { paragraph: t(`moderation.mail.${news.what}.next`) },
      ...(link ? [{ button: { label: t("moderation.mail.button"), url: absoluteUrl(link) } }] : []),
    ],
  }));
  await queueMail({ to: author.email, toUserId: news.authorId, kind: `moderation.${news.what}`, ...mail }, { tx });
}

async function linkTo(tx: Tx, post: ModeratedPost, postId: number): Promise<string | null> {
  if (post === "reply") return replyPermalink(postId);
  if (post === "dilemma") {
    const dilemma = await tx.dilemma.findUnique({ where: { id: postId }, select: { id: true, title: true } });
    return dilemma ? dilemmaPath(dilemma) : null;
  }
  return null;
}
