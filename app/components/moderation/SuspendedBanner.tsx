import { Link } from "react-router";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { STANDING_PATH } from "~/moderation/paths";

/**
 * On every page while the member is suspended (decision 027): until when, and where to read
 * why. `until` is the instant it ends (midnight after the last day), so the day shown is the
 * minute before it, in Dutch time.
 */
export function SuspendedBanner({ until }: { until: Date | string }) {
  const { t, i18n } = useTranslation();
  const lastDay = new Date(new Date(until).getTime() - 60_000);
  return (
    <p className="alert alert--info pending-banner" role="status">
      {t("moderation.standing.banner", { date: formatDate(lastDay, i18n.language) })} <Link to={STANDING_PATH}>{t("moderation.standing.bannerLink")}</Link>
    </p>
  );
}
