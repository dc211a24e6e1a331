import { Link, useLocation } from "react-router";
import { useTranslation } from "~/components/use-translation";

// Under the header of every page while a member has not accepted the current privacy
// statement (decision 026): reading goes on, writing waits. The link brings them back here.
export function ConsentBanner() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  if (pathname === "/privacy/accept") return null;
  return (
    <p className="alert alert--info pending-banner" role="status">
      {t("avg.consent.banner")} <Link to={consentPath(`${pathname}${search}`)}>{t("avg.consent.bannerLink")}</Link>
    </p>
  );
}

/** The accept page, coming back to `from` afterwards. */
export function consentPath(from: string): string {
  return `/privacy/accept?redirectTo=${encodeURIComponent(from)}`;
}
