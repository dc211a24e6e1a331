import { Trans } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { meetingPath } from "~/meetings/paths";

type MeetingLink = { id: number; title: string; heldOn: Date | string; kind: string; status: string };

/** The meetings where the dilemma came up (raised, discussed, on the agenda). */
export function DilemmaMeetings({ meetings }: { meetings: MeetingLink[] }) {
  const { t, i18n } = useTranslation();
  if (!meetings.length) return null;
  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t("replies.page.meetings")}</h2>
      <ul className="meeting-links">
        {meetings.map((m) => (
          <li key={`${m.id}-${m.kind}`}>
            <Trans
              i18nKey={`replies.page.meetingKind.${m.kind}`}
              values={{ title: m.title, date: formatDate(m.heldOn, i18n.language) }}
              components={{ meetingLink: <Link to={meetingPath(m)} /> }}
            />
            {m.status !== "published" ? <> {t("replies.page.meetingDraft")}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
