import { useTranslation } from "~/components/use-translation";

/** A reply that could not be posted (the thread was locked or hidden meanwhile): why, and the text to keep. */
export function ReplyRefused({ body }: { body: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="refused-heading" className="refused">
      <h2 id="refused-heading">{t("replies.form.heading")}</h2>
      <p className="alert alert--error" role="alert">
        {t("replies.form.refused")}
      </p>
      <div className="field">
        <label htmlFor="refused-text">{t("replies.form.refusedText")}</label>
        <textarea id="refused-text" readOnly rows={6} defaultValue={body} />
      </div>
    </section>
  );
}
