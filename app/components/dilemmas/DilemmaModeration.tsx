import { Form, Link } from "react-router";
import { FieldErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { postModerationPath } from "~/moderation/paths";

/**
 * Staff's buttons for a dilemma (the page shows them when the Guardian's flags allow):
 * lock or unlock, unhide, or hide with a reason the asker will read. The buttons post to the
 * dilemma's page with their intent; a reason that is missing or too long comes back beside
 * its field with what was typed (`hideError`).
 */
export function DilemmaModeration({
  dilemma,
  can,
  hideError,
}: {
  dilemma: { id: number; lockedAt: Date | string | null; hiddenAt: Date | string | null; heldAt?: Date | string | null };
  can: { lock: boolean; hide: boolean };
  hideError: { reason: string; errors: string[] } | null;
}) {
  const { t } = useTranslation();
  if (!can.lock && !can.hide) return null;
  return (
    <section aria-labelledby="moderation-heading" className="moderation">
      <h2 id="moderation-heading">{t("replies.page.moderation")}</h2>
      <div className="reply-form__buttons">
        {can.lock ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value={dilemma.lockedAt ? "unlock" : "lock"} className="button button--secondary">
              {dilemma.lockedAt ? t("replies.page.unlock") : t("replies.page.lock")}
            </button>
          </Form>
        ) : null}
        {/* A dilemma that waits for approval is approved from the queue, not restored (decision 037). */}
        {can.hide && dilemma.hiddenAt && !dilemma.heldAt ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="unhide-dilemma" className="button button--secondary">
              {t("replies.page.unhideDilemma")}
            </button>
          </Form>
        ) : null}
      </div>
      {can.hide && !dilemma.hiddenAt ? (
        <details className="confirm" open={hideError !== null}>
          <summary>{t("replies.page.hideDilemma")}</summary>
          <Form method="post" className="confirm__body field">
            <label htmlFor="hide-dilemma-reason">{t("replies.page.hideDilemmaReason")}</label>
            <textarea
              id="hide-dilemma-reason"
              name="reason"
              rows={2}
              required
              maxLength={DILEMMA_LIMITS.hideReasonMax}
              defaultValue={hideError?.reason}
              aria-invalid={hideError ? true : undefined}
              aria-describedby={hideError ? "hide-dilemma-reason-error" : undefined}
            />
            <FieldErrors id="hide-dilemma-reason-error" errors={hideError?.errors} />
            <button type="submit" name="intent" value="hide-dilemma" className="button button--danger">
              {t("replies.page.hideDilemma")}
            </button>
          </Form>
        </details>
      ) : null}
      {can.lock ? (
        <p>
          <Link to={postModerationPath("dilemma", dilemma.id)}>{t("moderation.post.dilemmaLink")}</Link>
        </p>
      ) : null}
    </section>
  );
}
