import { useTranslation } from "~/components/use-translation";
import { Form, Link, NavLink, useLocation } from "react-router";
import { HeaderSearch } from "~/components/search/HeaderSearch";
import { MEMBERS_PATH } from "~/members/paths";
import { NotificationBell } from "~/components/notifications/NotificationBell";

export type HeaderViewer = { handle: string; displayName: string; role?: string } | null;

// Pages that are part of signing in: coming back to them after logging in makes no sense.
const AUTH_PAGES = /^\/(login|signup|logout|password|setup|invitations)(\/|$)/;

/** Log in or sign up from this page, and come back to it afterwards. */
function withReturn(to: string, here: string): string {
  return AUTH_PAGES.test(here) || here === "/" ? to : `${to}?redirectTo=${encodeURIComponent(here)}`;
}

// The site's banner and main navigation. Plain links and a logout form in a details element:
// on a phone the menu folds behind its "Menu" button (a summary, so it opens and closes
// without JavaScript, and says whether it is open); on a wider screen the menu is always
// shown and the button hidden (CSS, ::details-content). The bell stays outside the menu, so
// an unread count is seen without opening it.
export function SiteHeader({
  viewer,
  membersVisible,
  unread = 0,
  moderationWaiting = null,
}: {
  viewer: HeaderViewer;
  membersVisible: boolean;
  unread?: number;
  /** Posts waiting in the moderation queue (organisers only; null hides the link). */
  moderationWaiting?: number | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◎
          </span>{" "}
          {t("app.name")}
        </Link>
        {viewer ? (
          <div className="site-header__bell">
            <NotificationBell unread={unread} />
          </div>
        ) : null}
        <HeaderSearch />
        <details className="site-menu">
          <summary className="site-menu__button">
            <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
              <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
            </svg>
            {t("nav.menu")}
          </summary>
          <nav aria-label={t("nav.main")}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/dilemmas">{t("nav.dilemmas")}</NavLink>
              </li>
              <li>
                <NavLink to="/meetings">{t("nav.meetings")}</NavLink>
              </li>
              <li>
                <NavLink to="/competences">{t("nav.competences")}</NavLink>
              </li>
              {membersVisible ? (
                <li>
                  <NavLink to={MEMBERS_PATH}>{t("directory.nav")}</NavLink>
                </li>
              ) : null}
              {viewer ? (
                <>
                  {viewer.role === "organiser" || viewer.role === "admin" ? (
                    <li>
                      <NavLink to="/circle">{t("circle.nav")}</NavLink>
                    </li>
                  ) : null}
                  {moderationWaiting !== null ? (
                    <li>
                      <NavLink to="/moderation">
                        {t("moderation.nav")}
                        {moderationWaiting ? (
                          <>
                            <span className="nav-count" aria-hidden="true">
                              {moderationWaiting}
                            </span>
                            <span className="visually-hidden">{t("moderation.navCount", { count: moderationWaiting })}</span>
                          </>
                        ) : null}
                      </NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/account">{t("nav.account")}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout" className="inline-form">
                      <button type="submit" className="link-button">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to={withReturn("/login", here)}>{t("nav.login")}</NavLink>
                  </li>
                  <li>
                    <NavLink to={withReturn("/signup", here)}>{t("nav.signup")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </details>
      </div>
    </header>
  );
}
