import { Trans } from "react-i18next";
import { AttachmentList } from "~/components/attachments/AttachmentList";
import type { AttachmentView } from "~/attachments/schemas";
import { useTranslation } from "~/components/use-translation";
import { AuthorName } from "~/components/AuthorName";
import { RelativeTime } from "~/components/RelativeTime";
import { RoutedLink } from "~/components/RoutedLink";
import type { AuthorView } from "~/members/author";
import { replyAnchor, replyPermalink, replyRevisionsPath } from "~/replies/paths";
import type { ThreadReply } from "~/replies/thread.server";
import { HeldNote } from "~/components/moderation/HeldNote";
import { ReplyActions, type HideFormError } from "./ReplyActions";

// One reply as the thread shows it. What the viewer may not read arrives without its text
// (content null) and shows as a placeholder, so replies to it keep their place and sense.

export type ReplyItemOptions = {
  viewerIsAsker: boolean;
  hideError: HideFormError | null;
  replyHref: (replyId: number) => string;
  /** "Citeer": the thread's form with the reply quoted in it (decision 038). */
  quoteHref?: (replyId: number) => string;
  /** Replies written after this moment are marked "new since your last visit" (notifications). */
  newSince?: Date | null;
  /** The replies' photos and documents, by reply id (decision 045), for replies whose text is shown. */
  attachments?: Record<number, AttachmentView[]>;
};

function useAuthorName() {
  const { t } = useTranslation();
  return (author: AuthorView) => author?.displayName ?? t("member.former");
}

export function ReplyItem({
  reply,
  inReplyTo,
  options,
  anchored = true,
}: {
  reply: ThreadReply;
  /** Set when the nesting cannot show whom this reply answers. */
  inReplyTo: number | null;
  options: ReplyItemOptions;
  /** false for the copy of the answer shown above the thread: one element per id. */
  anchored?: boolean;
}) {
  const { t } = useTranslation();
  const nameOf = useAuthorName();
  const { content } = reply;
  const authorName = content ? nameOf(content.author) : "";
  const label = content ? t("replies.reply.label", { name: authorName }) : t("replies.reply.labelPlaceholder");
  return (
    <article
      id={anchored ? replyAnchor(reply.id) : undefined}
      className={`reply reply--${reply.state}${reply.isAnswer ? " reply--answer" : ""}`}
      aria-label={label}
    >
      <p className="reply__meta meta">
        {content ? (
          <>
            <AuthorName author={content.author} avatar="thread" /> ·{" "}
          </>
        ) : null}
        <RoutedLink href={replyPermalink(reply.id)} title={t("replies.reply.permalink")}>
          <RelativeTime at={reply.createdAt} />
          <span className="visually-hidden"> · {t("replies.reply.permalink")}</span>
        </RoutedLink>
        {content && reply.edited ? (
          <>
            {" "}
            · <RoutedLink href={replyRevisionsPath(reply.id)}>{t("replies.reply.edited")}</RoutedLink>
          </>
        ) : null}
        {options.newSince && anchored && new Date(reply.createdAt) > new Date(options.newSince) ? (
          <>
            {" "}
            <strong className="new-mark">{t("notifications.thread.new")}</strong>
          </>
        ) : null}
        {reply.isAnswer && anchored ? (
          <>
            {" "}
            · <strong className="badge badge--answer">✓ {t("replies.reply.isAnswer")}</strong>
          </>
        ) : null}
      </p>
      {inReplyTo !== null ? (
        <p className="reply__parent meta">
          <Trans
            i18nKey={reply.parentAuthor === "unreadable" ? "replies.reply.inReplyToUnreadable" : "replies.reply.inReplyTo"}
            values={{ name: reply.parentAuthor === "unreadable" ? "" : nameOf(reply.parentAuthor) }}
            components={{ parentLink: <RoutedLink href={replyPermalink(inReplyTo)} /> }}
          />
        </p>
      ) : null}
      {content && reply.state === "held" ? <HeldNote staff={reply.can.approve} /> : null}
      {content && reply.state === "hidden" ? (
        <p className="alert alert--info">
          {t(reply.can.unhide ? "replies.reply.hiddenNoticeStaff" : "replies.reply.hiddenNotice", {
            reason: reply.hiddenReason ?? "",
          })}
        </p>
      ) : null}
      {content ? (
        <>
          <div className="prose reply__body" dangerouslySetInnerHTML={{ __html: content.bodyHtml }} />
          <AttachmentList attachments={options.attachments?.[reply.id]} />
        </>
      ) : (
        <p className="reply__placeholder">
          {reply.state === "deleted" ? t("replies.reply.deleted") : t("replies.reply.hiddenPlaceholder")}
        </p>
      )}
      {anchored ? (
        <ReplyActions
          reply={reply}
          authorName={authorName}
          replyHref={options.replyHref(reply.id)}
          quoteHref={options.quoteHref?.(reply.id)}
          viewerIsAsker={options.viewerIsAsker}
          hideError={options.hideError}
        />
      ) : null}
    </article>
  );
}
