import { RelativeTime } from "~/components/RelativeTime";
import { Form, Link, redirect, useLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { listNotifications, markAllRead, markRead } from "~/notifications/inbox.server";
import { NOTIFICATION_SETTINGS_PATH, NOTIFICATIONS_PATH, openNotificationPath } from "~/notifications/paths";
import { parseId } from "~/platform/ids";
import { guardianOf } from "~/web/context.server";
import { idOr400 } from "~/web/ids.server";
import { handleIntent } from "~/web/intents.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/notifications";

// /notifications — the member's notifications, newest first, each a link to exactly what it
// is about (a reply's permalink finds its page in the thread). Mark one or all read with plain
// forms: the page works without JavaScript.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(NOTIFICATIONS_PATH)}`);
  const before = parseId(new URL(request.url).searchParams.get("before"));
  return listNotifications(guardian, before);
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(NOTIFICATIONS_PATH)}`);
  const formData = await readForm(request);
  const back = new URL(request.url);
  return handleIntent(
    {
      async markOne() {
        await markRead(guardian, idOr400(formData.get("id")));
        return redirect(back.pathname + back.search);
      },
      async markAll() {
        await markAllRead(guardian);
        return redirect(`${NOTIFICATIONS_PATH}?done=read`);
      },
    },
    formData.get("intent"),
    undefined,
  );
}

export default function Notifications() {
  const { t } = useTranslation();
  const { items, unread, olderThan } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <title>{`${t("notifications.page.title")} · ${t("app.name")}`}</title>
      <h1>{t("notifications.page.title")}</h1>
      <p>{t("notifications.page.intro")}</p>
      <p role="status">{unread ? t("notifications.page.unread", { count: unread }) : t("notifications.page.allRead")}</p>
      <div className="watch-box">
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="markAll" className="button button--secondary">
              {t("notifications.page.markAll")}
            </button>
          </Form>
        ) : null}
        <Link to={NOTIFICATION_SETTINGS_PATH}>{t("notifications.page.settings")}</Link>
      </div>
      {items.length === 0 ? (
        <p>{t("notifications.page.none")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => {
            const what = t(`notifications.kind.${n.kind}`, { actor: n.actor ?? t("notifications.someone"), title: n.title });
            return (
              <li key={n.id} className={n.read ? "notification" : "notification notification--unread"}>
                <p className="notification__text">
                  {n.read ? null : <span className="new-mark">{t("notifications.page.unreadBadge")}</span>}{" "}
                  <a href={openNotificationPath(n.id)}>{what}</a>
                  <br />
                  <span className="notification__meta">
                    <RelativeTime at={n.createdAt} />
                  </span>
                </p>
                {n.read ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="markOne" className="link-button" aria-label={t("notifications.page.markOneLabel", { what })}>
                      {t("notifications.page.markOne")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {olderThan ? <Link to={`${NOTIFICATIONS_PATH}?before=${olderThan}`}>{t("notifications.page.older")}</Link> : null}
    </div>
  );
}
