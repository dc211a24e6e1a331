import { NavLink, useRouteLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { NOTIFICATIONS_PATH } from "~/notifications/paths";

/** The id React Router gives app/routes/notifications.tsx. */
const NOTIFICATIONS_ROUTE_ID = "routes/notifications";

/**
 * The header's bell: a plain link to /notifications, its unread count in a badge and in its
 * name. On /notifications itself it shows the page's own count, read in the same snapshot as
 * the list, so the two never disagree.
 */
export function NotificationBell({ unread: counted }: { unread: number }) {
  const { t } = useTranslation();
  const page = useRouteLoaderData(NOTIFICATIONS_ROUTE_ID) as { unread?: unknown } | undefined;
  const unread = typeof page?.unread === "number" ? page.unread : counted;
  const label = unread ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");
  return (
    <NavLink to={NOTIFICATIONS_PATH} className="notification-bell" aria-label={label}>
      <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" className="notification-bell__icon">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="notification-bell__text">{t("notifications.bell")}</span>
      {unread ? (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
