import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { data, Form, isRouteErrorResponse, Link, redirect } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors } from "~/components/FormFields";
import { formatDate } from "~/components/format";
import { AgendaList } from "~/components/meetings/AgendaList";
import { ConfirmAction } from "~/components/meetings/ConfirmAction";
import { DilemmaSearch } from "~/components/meetings/DilemmaSearch";
import { LinkByReferenceForm, ProposeByReferenceForm } from "~/components/meetings/DilemmaReferenceForm";
import { MeetingFacts } from "~/components/meetings/MeetingFacts";
import { RaiseDilemmaForm } from "~/components/meetings/RaiseDilemmaForm";
import { ReportBody } from "~/components/meetings/ReportBody";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import type { Guardian } from "~/guardian/guardian.server";
import {
  closeAgenda,
  convertToReport,
  openAgenda,
  proposeAgendaItem,
  removeAgendaItem,
  setAgendaVote,
} from "~/meetings/agenda.server";
import { createRaisedDilemma, linkDilemma, raisedDilemmaChoices, searchDilemmas, unlinkDilemma } from "~/meetings/links.server";
import { getMeetingPage } from "~/meetings/pages.server";
import { editMeetingPath, MEETINGS_PATH, meetingCalendarPath, meetingPath, parseMeetingId } from "~/meetings/paths";
import { deleteMeeting, publishReport } from "~/meetings/reports.server";
import { LINK_KINDS, LinkDilemmaSchema, ProposeSchema, RaisedDilemmaSchema, searchQuery } from "~/meetings/schemas";
import { Invalid } from "~/platform/errors.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import type { Route } from "./+types/meetings.$id";

// /meetings/:id — an upcoming meeting's page is its agenda (members propose open dilemmas and
// vote); a held meeting's page is its report (a draft only for organisers: 404 for everyone
// else). Every button posts here with an `intent` and is answered with a redirect back to
// what it changed, so the page works without JavaScript and a reload never posts twice.
// Searching for a dilemma to propose or link is a GET (?q=…) on this same page.

const notFound = () => data(null, { status: 404 });

function positiveInt(value: FormDataEntryValue | null): number | null {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = parseMeetingId(params.id);
  if (id === null) throw notFound();
  const url = new URL(request.url);
  const page = await getMeetingPage(guardian, id).catch(rethrowAsHttp);
  const query = searchQuery(url.searchParams.get("q"));
  const searching = query && (page.can.propose || page.can.link);
  const results = searching ? await searchDilemmas(guardian, query, { openOnly: page.can.propose }) : null;
  const raise = page.can.link
    ? {
        choices: await raisedDilemmaChoices(guardian, id),
        submissionId: randomUUID(),
        question: (url.searchParams.get("question") ?? "").trim().slice(0, DILEMMA_LIMITS.titleMax),
      }
    : null;
  return { ...page, origin: url.origin, search: { query, results }, raise, signedIn: guardian.isMember };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const id = parseMeetingId(params.id);
  if (id === null) throw notFound();
  const url = new URL(request.url);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = meetingPath({ id });
  const dilemmaId = positiveInt(formData.get("dilemmaId"));

  switch (intent) {
    case "propose":
      return proposeAction(guardian, id, formData);
    case "link":
      return linkAction(guardian, id, formData);
    case "raise":
      return raiseAction(guardian, id, formData);
    case "publish":
      try {
        await publishReport(guardian, id);
        return redirect(here);
      } catch (error) {
        if (error instanceof Invalid) return data({ form: "publish" as const, errors: error.fieldErrors[""] ?? [] }, { status: 400 });
        return rethrowAsHttp(error);
      }
  }

  try {
    switch (intent) {
      case "vote":
        if (dilemmaId === null) throw data(null, { status: 400 });
        await setAgendaVote(guardian, id, dilemmaId, formData.get("vote") !== "off");
        return redirect(`${here}#agenda-item-${dilemmaId}`);
      case "remove-item":
        if (dilemmaId === null) throw data(null, { status: 400 });
        await removeAgendaItem(guardian, id, dilemmaId);
        return redirect(`${here}#agenda-heading`);
      case "unlink": {
        const kind = LINK_KINDS.find((k) => k === formData.get("kind"));
        if (dilemmaId === null || !kind) throw data(null, { status: 400 });
        await unlinkDilemma(guardian, id, dilemmaId, kind);
        return redirect(`${here}#dilemmas-heading-2`);
      }
      case "open-agenda":
        await openAgenda(guardian, id);
        return redirect(here);
      case "close-agenda":
        await closeAgenda(guardian, id);
        return redirect(here);
      case "convert":
        await convertToReport(guardian, id);
        return redirect(here);
      case "delete":
        await deleteMeeting(guardian, id);
        return redirect(MEETINGS_PATH);
      default:
        throw data(null, { status: 400 });
    }
  } catch (error) {
    return rethrowAsHttp(error);
  }
}

async function proposeAction(guardian: Guardian, id: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: ProposeSchema });
  if (submission.status !== "success") return withForm("propose", invalidForm(submission));
  try {
    const { dilemmaId } = await proposeAgendaItem(guardian, id, submission.value);
    return redirect(`${meetingPath({ id })}#agenda-item-${dilemmaId}`);
  } catch (error) {
    return withForm("propose", formFailure(submission, error));
  }
}

async function linkAction(guardian: Guardian, id: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: LinkDilemmaSchema });
  if (submission.status !== "success") return withForm("link", invalidForm(submission));
  try {
    const { dilemmaId, kind } = await linkDilemma(guardian, id, submission.value);
    return redirect(`${meetingPath({ id })}#${kind}-${dilemmaId}`);
  } catch (error) {
    return withForm("link", formFailure(submission, error));
  }
}

async function raiseAction(guardian: Guardian, id: number, formData: FormData) {
  const submission = parseWithZod(formData, { schema: RaisedDilemmaSchema });
  if (submission.status !== "success") return withForm("raise", invalidForm(submission));
  try {
    const dilemma = await createRaisedDilemma(guardian, id, submission.value);
    return redirect(`${meetingPath({ id })}#raised-${dilemma.id}`);
  } catch (error) {
    return withForm("raise", formFailure(submission, error));
  }
}

/** Which of the page's forms the answer belongs to, so only that form shows the messages. */
function withForm<F extends string>(
  form: F,
  answer: { data: { result: SubmissionResult<string[]> }; init: ResponseInit | null },
) {
  return data({ form, result: answer.data.result }, answer.init ?? undefined);
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { meeting, agenda, report, can, origin, search, raise, signedIn } = loaderData;
  const lang = i18n.language;
  const resultOf = (form: string) => (actionData && actionData.form === form && "result" in actionData ? actionData.result : undefined);
  const publishErrors = actionData && actionData.form === "publish" && "errors" in actionData ? actionData.errors : undefined;
  const linked = (kind: "raised" | "discussed", dilemmaId: number) => report?.[kind].some((d) => d.id === dilemmaId) ?? false;
  const onAgenda = (dilemmaId: number) => agenda?.some((item) => item.dilemma.id === dilemmaId) ?? false;

  return (
    <div className="page narrow meeting-page">
      <title>{`${meeting.title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to={MEETINGS_PATH}>{t("nav.meetings")}</Link>
      </p>
      <h1>{meeting.title}</h1>
      {meeting.status === "draft" ? (
        <p className="alert alert--info" role="note">
          <strong>{t("meetings.list.draft")}:</strong> {t("meetings.meeting.draftBanner")}
        </p>
      ) : null}
      <MeetingFacts meeting={meeting} />
      {report?.publishedAt ? (
        <p className="meta">
          {t("meetings.when.publishedOn", { date: formatDate(report.publishedAt, lang) })}
          {report.edited ? (
            <>
              {" "}
              · {t("meetings.meeting.edited")} <Link to={`${meetingPath(meeting)}/revisions`}>{t("meetings.revisions.link")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {meeting.status === "upcoming" ? (
        <p className="no-print">
          <a href={meetingCalendarPath(meeting)} download>
            {t("meetings.meeting.addToCalendar")}
          </a>
        </p>
      ) : null}

      {report ? (
        <ReportBody
          report={report}
          origin={origin}
          level={2}
          takeawayAction={
            can.link
              ? (text) => (
                  <>
                    {" "}
                    <Link
                      className="takeaway-action no-print"
                      to={`?question=${encodeURIComponent(text)}#raise-heading`}
                      preventScrollReset={false}
                    >
                      {t("meetings.report.makeDilemma")}
                      <span className="visually-hidden"> – {text}</span>
                    </Link>
                  </>
                )
              : undefined
          }
          dilemmaActions={
            can.link
              ? (d, kind) => (
                  <Form method="post" className="inline-form no-print">
                    <input type="hidden" name="dilemmaId" value={d.id} />
                    <input type="hidden" name="kind" value={kind} />
                    <button type="submit" name="intent" value="unlink" className="link-button">
                      {t("meetings.report.unlink")}
                      <span className="visually-hidden"> – {d.title}</span>
                    </button>
                  </Form>
                )
              : undefined
          }
        />
      ) : null}

      {agenda ? (
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
                  signupLink: <Link to="/signup" />,
                }}
              />
            </p>
          ) : null}
        </section>
      ) : null}

      {can.propose ? (
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
          <ProposeByReferenceForm id="propose" submitLabel={t("meetings.agenda.propose")} lastResult={resultOf("propose")} />
        </section>
      ) : null}

      {can.edit || can.delete ? (
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

          {can.link ? (
            <>
              <h3 id="link-heading">{t("meetings.staff.linkHeading")}</h3>
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
            </>
          ) : null}

          {raise && report ? (
            <>
              <h3 id="raise-heading">{t("meetings.staff.raiseHeading")}</h3>
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
            </>
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
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
