import { formatDate, formatDateTime, formatRelative, isoDate } from "~/components/format";
import { useNow } from "~/components/Now";
import { useTranslation } from "~/components/use-translation";

/**
 * A moment as people say it ("3 dagen geleden"), with the exact date and time on hover (title)
 * and for screen readers (hidden text; a title is not read out reliably). Counted from the
 * page's "now" (components/Now.tsx): the server and the hydrating browser use the same one,
 * so their HTML is identical (decision 038). Without one, the date.
 */
export function RelativeTime({ at, prefix }: { at: Date | string; prefix?: string }) {
  const { i18n } = useTranslation();
  const now = useNow();
  const exact = formatDateTime(at, i18n.language);
  return (
    <time dateTime={isoDate(at)} title={exact}>
      {prefix ? `${prefix} ` : null}
      <span aria-hidden="true">{now ? formatRelative(at, i18n.language, now) : formatDate(at, i18n.language)}</span>
      <span className="visually-hidden">{exact}</span>
    </time>
  );
}
