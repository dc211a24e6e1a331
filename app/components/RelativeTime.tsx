import { formatDateTime, formatRelative, isoDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";

/**
 * A moment as people say it ("3 dagen geleden"), with the exact date and time on hover (title)
 * and for screen readers (hidden text; a title is not read out reliably). The server and the
 * browser may disagree by a minute when they render it: that difference is not an error.
 */
export function RelativeTime({ at, prefix }: { at: Date | string; prefix?: string }) {
  const { i18n } = useTranslation();
  const exact = formatDateTime(at, i18n.language);
  return (
    <time dateTime={isoDate(at)} title={exact} suppressHydrationWarning>
      {prefix ? `${prefix} ` : null}
      <span aria-hidden="true" suppressHydrationWarning>
        {formatRelative(at, i18n.language)}
      </span>
      <span className="visually-hidden">{exact}</span>
    </time>
  );
}
