import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { NOTIFICATION_SETTINGS_PATH } from "~/notifications/paths";
import { readUnsubscribeToken, unsubscribe } from "~/notifications/settings.server";
import type { Route } from "./+types/notifications.unsubscribe";

// /notifications/unsubscribe/:token — a mail's one-click unsubscribe (RFC 8058). Opening the
// link shows one button (a link preview or a virus scanner must not unsubscribe anyone); the
// mail program's own POST (List-Unsubscribe-Post) and the button do it. No login: the token
// is signed with the member's key. A wrong or changed token says so, with a 404.

export async function loader({ params }: Route.LoaderArgs) {
  const link = await readUnsubscribeToken(params.token);
  if (!link) throw data({ invalid: true }, { status: 404 });
  return { scope: link.scope };
}

export async function action({ params }: Route.ActionArgs) {
  const link = await readUnsubscribeToken(params.token);
  if (!link) throw data({ invalid: true }, { status: 404 });
  await unsubscribe(link);
  return { done: true };
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { scope } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const what = scope === "daily" || scope === "weekly" ? t(`notifications.unsubscribe.${scope}`) : t(`notifications.settings.group.${scope}`);
  return (
    <div className="page narrow">
      <title>{`${t("notifications.unsubscribe.title")} · ${t("app.name")}`}</title>
      <h1>{t("notifications.unsubscribe.title")}</h1>
      {result?.done ? (
        <p className="alert alert--success" role="status">
          {t("notifications.unsubscribe.done")}
        </p>
      ) : (
        <>
          <p>{t("notifications.unsubscribe.ask")}</p>
          <p>{t("notifications.unsubscribe.what", { what })}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("notifications.unsubscribe.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to={NOTIFICATION_SETTINGS_PATH}>{t("notifications.unsubscribe.settings")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <title>{`${t("notifications.unsubscribe.title")} · ${t("app.name")}`}</title>
      <h1>{t("notifications.unsubscribe.title")}</h1>
      <p className="alert alert--error">{t("notifications.unsubscribe.invalid")}</p>
      <p>
        <Link to={NOTIFICATION_SETTINGS_PATH}>{t("notifications.unsubscribe.settings")}</Link>
      </p>
    </div>
  );
}
