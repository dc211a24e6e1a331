import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";

export type StandingItem = { kind: string; at: Date | string; reason: string | null; until: string | null; byName?: string | null };

/**
 * Warnings and suspensions of one member, newest first, with the organiser's reason: on the
 * member's own standing page (no names) and the organisers' page (who did it).
 */
export function StandingHistory({ items, none }: { items: StandingItem[]; none: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p>{none}</p>;
  // A suspension ends at midnight after its last day: the day shown is the minute before.
  const lastDay = (until: string) => formatDate(new Date(new Date(until).getTime() - 60_000), i18n.language);
  return (
    <ul className="request-list">
      {items.map((h, i) => (
        <li key={i}>
          <p className="meta">
            {[
              t(`moderation.kinds.${h.kind}`),
              h.until ? t("moderation.standing.until", { date: lastDay(h.until) }) : null,
              formatDate(h.at, i18n.language),
              h.byName ? t("moderation.member.by", { name: h.byName }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {h.reason ? <blockquote className="quote">{h.reason}</blockquote> : null}
        </li>
      ))}
    </ul>
  );
}
