import { useTranslation } from "~/components/use-translation";
import { formatDate, formatTime } from "~/components/format";

// When and where a meeting is (or was): a definition list that reads well aloud and prints as
// it shows. Times are shown in Dutch time, as the date is (format.ts).
export type MeetingFactsData = {
  heldOn: Date | string;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  place: string;
  hostOrganisation: string;
};



export function MeetingFacts({ meeting: m }: { meeting: MeetingFactsData }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="details meeting-facts">
      <dt>{t("meetings.when.date")}</dt>
      <dd>
        <time dateTime={new Date(m.heldOn).toISOString().slice(0, 10)}>{formatDate(m.heldOn, lang)}</time>
      </dd>
      {m.startsAt && m.endsAt ? (
        <>
          <dt>{t("meetings.when.time")}</dt>
          <dd>
            {t("meetings.when.timeRange", { start: formatTime(m.startsAt, lang), end: formatTime(m.endsAt, lang) })}
          </dd>
        </>
      ) : null}
      {m.place ? (
        <>
          <dt>{t("meetings.when.place")}</dt>
          <dd>{m.place}</dd>
        </>
      ) : null}
      {m.hostOrganisation ? (
        <>
          <dt>{t("meetings.when.host")}</dt>
          <dd>{m.hostOrganisation}</dd>
        </>
      ) : null}
    </dl>
  );
}
