import { composeMail } from "~/accounts/mail/compose.server";
import { dilemmaPath } from "~/dilemmas/paths";
import type { ModeratedPost } from "~/generated/prisma/enums";
import { absoluteUrl } from "~/platform/env.server";
import type { Tx } from "~/platform/events/event";
import { queueMail } from "~/platform/mail.server";
import { replyPermalink } from "~/replies/paths";
import { STANDING_PATH } from "./paths";
import { lastDayOf } from "./schemas";

// Telling a member what an organiser did to their post or to their membership, and why, by
// mail in their language (decision 015: the mail is a row and a job in the caller's
// transaction, so it goes out once). The organiser's reason is quoted; who flagged the post is
// never said, and not known here. These mails are not notification settings' to turn off: a
// decision about your own post or account is service mail, like a password reset.

export type AuthorNews = {
  authorId: number;
  /** The post it is about; null for news about the membership (a warning, a suspension). */
  post: ModeratedPost | null;
  postId: number | null;
  /** approved, rejected: a post that waited for approval (decision 037). */
  what: "hidden" | "restored" | "locked" | "unlocked" | "edited" | "retagged" | "warned" | "suspended" | "lifted" | "approved" | "rejected";
  /** The organiser's words (all but restored; optional for locked, unlocked, retagged); null otherwise. */
  reason: string | null;
  /** A suspension's end (suspended). */
  until?: Date;
};

const WITH_REASON = new Set<AuthorNews["what"]>(["hidden", "rejected", "locked", "unlocked", "edited", "retagged", "warned", "suspended", "lifted"]);

export async function tellAuthor(tx: Tx, news: AuthorNews): Promise<void> {
  const author = await tx.user.findUnique({ where: { id: news.authorId }, select: { email: true, displayName: true, locale: true, erasedAt: true } });
  if (!author?.email || author.erasedAt) return;
  const link = news.post && news.postId ? await linkTo(tx, news.post, news.postId) : STANDING_PATH;
  const reason = WITH_REASON.has(news.what) ? news.reason : null;
  const key = news.what === "warned" && !news.post ? "warnedMember" : news.what;
  const mail = composeMail({ name: author.displayName, locale: author.locale }, (t, locale) => ({
    subject: t(`moderation.mail.${key}.subject`),
    blocks: [
      {
        paragraph: t(`moderation.mail.${key}.body`, {
          post: news.post ? t(`moderation.posts.${news.post}`) : "",
          date: news.until ? lastDay(news.until, locale) : "",
        }),
      },
      ...(reason ? [{ paragraph: t("moderation.mail.reasonIntro") }, { quote: reason }] : []),
      { paragraph: t(`moderation.mail.${key}.next`) },
      ...(link ? [{ button: { label: t(news.post ? "moderation.mail.button" : "moderation.mail.standingButton"), url: absoluteUrl(link) } }] : []),
    ],
  }));
  await queueMail({ to: author.email, toUserId: news.authorId, kind: `moderation.${news.what}`, ...mail }, { tx });
}

/** "20 december 2026": the last day of a suspension, in Dutch time. */
function lastDay(until: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(lastDayOf(until));
}

async function linkTo(tx: Tx, post: ModeratedPost, postId: number): Promise<string | null> {
  if (post === "reply") return replyPermalink(postId);
  if (post === "dilemma") {
    const dilemma = await tx.dilemma.findUnique({ where: { id: postId }, select: { id: true, title: true } });
    return dilemma ? dilemmaPath(dilemma) : null;
  }
  return null;
}
