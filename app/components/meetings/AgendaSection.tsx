import { Trans } from "react-i18next";
import { Form, Link } from "react-router";
import { useTranslation } from "~/components/use-translation";
import type { DilemmaCandidate } from "~/meetings/links.server";
import type { AgendaItem, MeetingHeader } from "~/meetings/pages.server";
import { meetingPath } from "~/meetings/paths";
import type { SubmissionResult } from "@conform-to/react";
import { AgendaList } from "./AgendaList";
import { ProposeByReferenceForm } from "./DilemmaReferenceForm";
import { DilemmaSearch } from "./DilemmaSearch";

/** An upcoming meeting's agenda: its items by votes, and how to take part. */
export function AgendaSection({
  meeting,
  agenda,
  origin,
  can,
  signedIn,
}: {
  meeting: MeetingHeader;
  agenda: AgendaItem[];
  origin: string;
  can: { vote: boolean; removeAgendaItem: boolean };
  signedIn: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t("meetings.agenda.heading")}</h2>
      <p>{t("meetings.agenda.intro")}</p>
      {meeting.agendaOpen ? null : (
        <p className="alert alert--info" role="note">
          {t("meetings.agenda.closedNote")}
        </p>
      )}
      {agenda.length ? (
        <AgendaList items={agenda} origin={origin} canVote={can.vote} canRemove={can.removeAgendaItem} />
      ) : (
        <p>{t("meetings.agenda.empty")}</p>
      )}
      {!signedIn && meeting.agendaOpen ? (
        <p className="no-print">
          <Trans
            i18nKey="meetings.agenda.loginToTakePart"
            components={{
              loginLink: <Link to={`/login?redirectTo=${encodeURIComponent(meetingPath(meeting))}`} />,
              signupLink: <Link to={`/signup?redirectTo=${encodeURIComponent(meetingPath(meeting))}`} />,
            }}
          />
        </p>
      ) : null}
    </section>
  );
}

/** A member puts a dilemma on the agenda: found by words, or by its number or address. */
export function ProposeSection({
  search,
  onAgenda,
  lastResult,
}: {
  search: { query: string; results: DilemmaCandidate[] | null };
  onAgenda: (dilemmaId: number) => boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="propose-heading" className="no-print">
      <h2 id="propose-heading">{t("meetings.agenda.proposeHeading")}</h2>
      <p>{t("meetings.agenda.proposeIntro")}</p>
      <DilemmaSearch
        id="propose-search"
        query={search.query}
        results={search.results}
        action={(d) =>
          onAgenda(d.id) ? (
            <span className="meta">{t("meetings.agenda.onAgenda")}</span>
          ) : (
            <Form method="post" className="inline-form" preventScrollReset>
              <input type="hidden" name="dilemma" value={d.id} />
              <button type="submit" name="intent" value="propose" className="button button--small">
                {t("meetings.agenda.propose")}
                <span className="visually-hidden"> – {d.title}</span>
              </button>
            </Form>
          )
        }
      />
      <ProposeByReferenceForm id="propose" submitLabel={t("meetings.agenda.propose")} lastResult={lastResult} />
    </section>
  );
}
