import { useTranslation } from "~/components/use-translation";
import { FieldErrors } from "~/components/FormFields";
import { RoutedForm, RoutedLink } from "~/components/RoutedLink";
import { HIDE_REASON_MAX } from "~/replies/schemas";
import { flagPath, postModerationPath } from "~/moderation/paths";
import { editReplyPath } from "~/replies/paths";
import type { ThreadReply } from "~/replies/thread.server";
import { QuoteLink } from "./QuoteLink";

// The buttons under a reply, each shown only when the loader's permission flags allow it.
// Every action is a plain POST form (works without JavaScript; with it, the router submits
// it: components/RoutedLink.tsx); the two that cannot be undone or need a reason (delete, hide)
// open a <details> first, which needs no script either. All of them are items of one list, in
// one light style, so other areas (moderation) can add an item without changing the row.

export type HideFormError = { replyId: number; reason: string; errors: string[] };

export function ReplyActions({
  reply,
  authorName,
  replyHref,
  quoteHref,
  viewerIsAsker,
  hideError,
}: {
  reply: ThreadReply;
  authorName: string;
  replyHref: string;
  quoteHref?: string;
  viewerIsAsker: boolean;
  hideError: HideFormError | null;
}) {
  const { t } = useTranslation();
  const { can } = reply;
  const about = <span className="visually-hidden"> {t("replies.reply.of", { name: authorName })}</span>;
  const hidden = <input type="hidden" name="replyId" value={reply.id} />;
  const myHideError = hideError?.replyId === reply.id ? hideError : null;
  const reasonId = `hide-reason-${reply.id}`;

  const any = Object.values(can).some(Boolean) || reply.helpfulCount > 0;
  if (!any) return null;
  return (
    <div
      className="reply__actions"
      role={authorName ? "group" : undefined}
      aria-label={authorName ? t("replies.reply.actions", { name: authorName }) : undefined}
    >
      {reply.helpfulCount > 0 ? (
        <p className="reply__helpful meta">{t("replies.reply.helpfulCount", { count: reply.helpfulCount })}</p>
      ) : null}
      <ul className="action-list">
        {can.markHelpful || reply.helpfulByMe ? (
          <li>
            <RoutedForm className="inline-form" preventScrollReset>
              {hidden}
              <input type="hidden" name="helpful" value={reply.helpfulByMe ? "off" : "on"} />
              <button
                type="submit"
                name="intent"
                value="helpful"
                className="button button--small button--secondary"
                aria-pressed={reply.helpfulByMe}
                title={reply.helpfulByMe ? t("replies.reply.helpfulPressed") : undefined}
              >
                {reply.helpfulByMe ? "✓ " : ""}
                {t("replies.reply.helpful")}
                {about}
              </button>
            </RoutedForm>
          </li>
        ) : null}
        {can.reply ? (
          <li>
            <RoutedLink href={replyHref} className="button button--small button--secondary" preventScrollReset>
              {t("replies.reply.reply")}
              <span className="visually-hidden"> {t("replies.reply.replyTo", { name: authorName })}</span>
            </RoutedLink>
          </li>
        ) : null}
        {can.reply && quoteHref ? (
          <li>
            <QuoteLink replyId={reply.id} href={quoteHref} authorName={authorName} />
          </li>
        ) : null}
        {can.markAnswer ? (
          <li>
            <RoutedForm className="inline-form">
              {hidden}
              <button type="submit" name="intent" value="mark-answer" className="button button--small">
                {viewerIsAsker ? t("replies.reply.markAnswerAsker") : t("replies.reply.markAnswerStaff")}
                {about}
              </button>
            </RoutedForm>
          </li>
        ) : null}
        {can.unmarkAnswer ? (
          <li>
            <RoutedForm className="inline-form">
              {hidden}
              <button type="submit" name="intent" value="unmark-answer" className="button button--small button--secondary">
                {t("replies.reply.unmarkAnswer")}
              </button>
            </RoutedForm>
          </li>
        ) : null}
        {can.edit ? (
          <li>
            <RoutedLink href={editReplyPath(reply.id)} className="button button--small button--secondary">
              {t("replies.reply.edit")}
              {about}
            </RoutedLink>
          </li>
        ) : null}
        {can.unhide ? (
          <li>
            <RoutedForm className="inline-form">
              {hidden}
              <button type="submit" name="intent" value="unhide" className="button button--small button--secondary">
                {t("replies.reply.unhide")}
                {about}
              </button>
            </RoutedForm>
          </li>
        ) : null}
        {can.flag ? (
          <li>
            <RoutedLink href={flagPath("reply", reply.id)} className="button button--small button--secondary">
              {t("moderation.flag.link")}
              {about}
            </RoutedLink>
          </li>
        ) : null}
        {can.delete ? (
          <li className="action-list__confirm">
            <details className="confirm">
              <summary>
                {t("replies.reply.delete")}
                {about}
              </summary>
              <RoutedForm className="confirm__body">
                {hidden}
                <p>{t("replies.reply.deleteConfirm")}</p>
                <button type="submit" name="intent" value="delete" className="button button--small button--danger">
                  {t("replies.reply.deleteSubmit")}
                </button>
              </RoutedForm>
            </details>
          </li>
        ) : null}
        {can.hide ? (
          <li className="action-list__confirm">
            <details className="confirm" open={myHideError !== null}>
              <summary>
                {t("replies.reply.hide")}
                {about}
              </summary>
              <RoutedForm className="confirm__body field">
                {hidden}
                <label htmlFor={reasonId}>{t("replies.reply.hideReason")}</label>
                <textarea
                  id={reasonId}
                  name="reason"
                  rows={2}
                  required
                  maxLength={HIDE_REASON_MAX}
                  defaultValue={myHideError?.reason}
                  aria-invalid={myHideError ? true : undefined}
                  aria-describedby={myHideError ? `${reasonId}-error` : undefined}
                />
                <FieldErrors id={`${reasonId}-error`} errors={myHideError?.errors} max={HIDE_REASON_MAX} />
                <button type="submit" name="intent" value="hide" className="button button--small button--danger">
                  {t("replies.reply.hideSubmit")}
                </button>
              </RoutedForm>
            </details>
          </li>
        ) : null}
        {can.hide || can.unhide ? (
          <li>
            <RoutedLink href={postModerationPath("reply", reply.id)} className="button button--small button--secondary">
              {t("moderation.post.replyLink")}
              {about}
            </RoutedLink>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
