import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "react-router";
import { FormErrors } from "~/components/FormFields";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import type { CompetenceChoice } from "~/dilemmas/competence-tags.server";
import type { DilemmaCandidate } from "~/meetings/links.server";
import type { MeetingPage } from "~/meetings/pages.server";
import { editMeetingPath } from "~/meetings/paths";
import { LINK_KINDS } from "~/meetings/schemas";
import { ConfirmAction } from "./ConfirmAction";
import { LinkByReferenceForm } from "./DilemmaReferenceForm";
import { DilemmaSearch } from "./DilemmaSearch";
import { RaiseDilemmaForm } from "./RaiseDilemmaForm";

/**
 * The organisers' tools on a meeting's page: edit, open or close the agenda, publish, make it
 * the report, link dilemmas (found by words or by number), turn a question raised into a
 * dilemma, delete. Each button posts to the page with its intent.
 */
export function MeetingStaffTools({
  meeting,
  report,
  can,
  search,
  raise,
  resultOf,
  publishErrors,
}: {
  meeting: MeetingPage["meeting"];
  report: MeetingPage["report"];
  can: MeetingPage["can"];
  search: { query: string; results: DilemmaCandidate[] | null };
  raise: { choices: CompetenceChoice[]; submissionId: string; question: string } | null;
  resultOf: (form: "link" | "raise") => SubmissionResult<string[]> | undefined;
  publishErrors: string[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const linked = (kind: "raised" | "discussed", dilemmaId: number) => report?.[kind].some((d) => d.id === dilemmaId) ?? false;
  if (!can.edit && !can.delete) return null;
  return (
    <section aria-labelledby="staff-heading" className="staff-tools no-print">
      <h2 id="staff-heading">{t("meetings.staff.heading")}</h2>
      <div className="button-row">
        {can.edit ? (
          <Link to={editMeetingPath(meeting)} className="button button--secondary">
            {report ? t("meetings.staff.editReport") : t("meetings.staff.edit")}
          </Link>
        ) : null}
        {can.openAgenda ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="open-agenda" className="button" aria-describedby="open-agenda-hint">
              {t("meetings.staff.openAgenda")}
            </button>
          </Form>
        ) : null}
        {can.closeAgenda ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="close-agenda" className="button button--secondary">
              {t("meetings.staff.closeAgenda")}
            </button>
          </Form>
        ) : null}
      </div>
      {can.openAgenda ? (
        <p id="open-agenda-hint" className="field__hint">
          {t("meetings.staff.openAgendaHint")}
        </p>
      ) : null}

      {!can.publish && publishErrors?.length ? <FormErrors id="publish-errors" errors={publishErrors} /> : null}
      {can.edit && !meeting.held ? (
        <p className="field__hint" id="not-held-hint">
          {t(meeting.status === "upcoming" ? "forum.meetings.convertLater" : "forum.meetings.publishLater", {
            date: formatDate(meeting.heldOn, lang),
          })}
        </p>
      ) : null}

      {can.publish ? (
        <Form method="post" className="stack publish-form">
          <FormErrors id="publish-errors" errors={publishErrors} />
          <p id="publish-hint" className="field__hint">
            {t("meetings.staff.publishHint")}
          </p>
          <button type="submit" name="intent" value="publish" className="button" aria-describedby="publish-hint">
            {t("meetings.staff.publish")}
          </button>
        </Form>
      ) : null}

      {can.convert ? (
        <ConfirmAction
          summary={t("meetings.staff.convert")}
          hint={t("meetings.staff.convertHint")}
          confirm={t("meetings.staff.convertConfirm")}
          intent="convert"
        />
      ) : null}

      {/* The two long forms fold away (issue 22: an organiser's report page was ~5 000 px);
          open while in use: a search on the page, a message to read, a takeaway chosen. */}
      {can.link ? (
        <details className="staff-tools__part" open={search.query !== "" || resultOf("link") !== undefined}>
          <summary>
            <h3 id="link-heading">{t("meetings.staff.linkHeading")}</h3>
          </summary>
          <p>{t("meetings.staff.linkIntro")}</p>
          <DilemmaSearch
            id="link-search"
            query={search.query}
            results={search.results}
            action={(d) => (
              <Form method="post" className="button-row" preventScrollReset>
                <input type="hidden" name="dilemma" value={d.id} />
                {LINK_KINDS.map((kind) =>
                  linked(kind, d.id) ? (
                    <span key={kind} className="meta">
                      {t(`meetings.staff.linked.${kind}`)}
                    </span>
                  ) : (
                    <button key={kind} type="submit" name="kind" value={kind} className="button button--small button--secondary">
                      {t(`meetings.staff.linkAs.${kind}`)}
                      <span className="visually-hidden"> – {d.title}</span>
                    </button>
                  ),
                )}
                <input type="hidden" name="intent" value="link" />
              </Form>
            )}
          />
          <LinkByReferenceForm id="link" submitLabel={t("meetings.staff.link")} lastResult={resultOf("link")} />
        </details>
      ) : null}

      {raise && report ? (
        <details className="staff-tools__part" open={raise.question !== "" || resultOf("raise") !== undefined}>
          <summary>
            <h3 id="raise-heading">{t("meetings.staff.raiseHeading")}</h3>
          </summary>
          <p>{t("meetings.staff.raiseIntro")}</p>
          <RaiseDilemmaForm
            choices={raise.choices}
            submissionId={raise.submissionId}
            lastResult={resultOf("raise")}
            defaultValue={{
              title: raise.question,
              body: t("meetings.staff.raiseBody", { title: report.title, date: formatDate(report.heldOn, lang) }),
            }}
            // A new takeaway chosen: a fresh form with its title.
            key={raise.question}
          />
        </details>
      ) : null}

      {can.delete ? (
        <ConfirmAction
          summary={t("meetings.staff.delete")}
          hint={t("meetings.staff.deleteHint")}
          confirm={t("meetings.staff.deleteConfirm")}
          intent="delete"
          danger
        />
      ) : null}
    </section>
  );
}
