import { useFormAction } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { PUBLISH_ANYWAY_PARAM, PUBLISH_ANYWAY_VALUE } from "~/privacy/published-anyway";

// "Toch plaatsen": shown after the server's check marked something. It sends the same form,
// with the same button name and value as the form's own publish button, to this page's own
// address with `?privacy=anyway` (the button's formaction), so it works without JavaScript.
export function PublishAnyway({ intent, label }: { intent?: { name: string; value: string }; label?: string }) {
  const { t } = useTranslation();
  const action = useFormAction();
  const url = new URL(action, "http://x");
  url.searchParams.set(PUBLISH_ANYWAY_PARAM, PUBLISH_ANYWAY_VALUE);
  return (
    <div className="privacy-anyway" role="group" aria-labelledby="privacy-anyway-hint">
      <p id="privacy-anyway-hint" className="field__hint">
        {t("avg.guard.anywayHint")}
      </p>
      <button
        type="submit"
        className="button button--secondary"
        formAction={`${url.pathname}${url.search}`}
        name={intent?.name}
        value={intent?.value}
      >
        {label ?? t("avg.guard.anyway")}
      </button>
    </div>
  );
}
