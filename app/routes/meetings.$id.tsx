import { randomUUID } from "node:crypto";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate } from "~/components/format";
import { AgendaSection, ProposeSection } from "~/components/meetings/AgendaSection";
import { MeetingFacts } from "~/components/meetings/MeetingFacts";
import { MeetingStaffTools } from "~/components/meetings/MeetingStaffTools";
import { ReportBody } from "~/components/meetings/ReportBody";
import { AttachmentList } from "~/components/attachments/AttachmentList";
import { attachmentsOfReport } from "~/attachments/attachments.server";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { raisedDilemmaChoices, searchDilemmas } from "~/meetings/links.server";
import { findDilemmaIds } from "~/search/dilemma-finder.server";
import { getMeetingPage } from "~/meetings/pages.server";
import { MEETINGS_PATH, meetingCalendarPath, meetingPath } from "~/meetings/paths";
import { flagPath } from "~/moderation/paths";
import { searchQuery } from "~/meetings/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import { handleIntent } from "~/web/intents.server";
import { meetingIntents } from "./meetings.$id.intents.server";
import { WatchBox } from "~/components/notifications/WatchBox";
import { watchStateOf } from "~/notifications/watches.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/meetings.$id";
import { publicOrigin } from "~/platform/env.server";

// /meetings/:id — an upcoming meeting's page is its agenda (members propose open dilemmas and
// vote); a held meeting's page is its report (a draft only for organisers: 404 for everyone
// else). Every button posts here with an `intent`, handled in meetings.$id.intents.server.ts
// and answered with a redirect back to what it changed, so the page works without JavaScript
// and a reload never posts twice. Searching for a dilemma to propose or link is a GET (?q=…)
// on this same page.

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  const url = new URL(request.url);
  const page = await getMeetingPage(guardian, id).catch(rethrowAsHttp);
  const query = searchQuery(url.searchParams.get("q"));
  const searching = query && (page.can.propose || page.can.link);
  const openOnly = page.can.propose;
  const results = searching
    ? await searchDilemmas(guardian, query, { openOnly, rankedIds: await findDilemmaIds(guardian, query, { openOnly, limit: 10 }) })
    : null;
  const raise = page.can.link
    ? {
        choices: await raisedDilemmaChoices(guardian, id),
        submissionId: randomUUID(),
        question: (url.searchParams.get("question") ?? "").trim().slice(0, DILEMMA_LIMITS.titleMax),
      }
    : null;
  const watch = guardian.canFollow() ? await watchStateOf(guardian.userId!, "meeting", id) : null;
  // The report's files: getMeetingPage showed the report to this viewer (a draft only to staff).
  const attachments = page.report ? await attachmentsOfReport(id) : [];
  return { ...page, attachments, origin: publicOrigin(), search: { query, results }, raise, signedIn: guardian.isMember, watch };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const meetingId = idOr404(params.id);
  const url = new URL(request.url);
  if (!guardian.isMember) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const formData = await readForm(request);
  return handleIntent(meetingIntents, formData.get("intent"), { guardian, meetingId, formData });
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { meeting, agenda, report, can, origin, search, raise, signedIn, watch, attachments } = loaderData;
  const lang = i18n.language;
  const resultOf = (form: string) => (actionData && actionData.form === form && "result" in actionData ? actionData.result : undefined);
  // Publishing or making the report can be refused with a message (no summary, not held yet).
  const publishErrors =
    actionData && (actionData.form === "publish" || actionData.form === "convert") && "errors" in actionData ? actionData.errors : undefined;
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
      {watch ? <WatchBox target="meeting" targetId={meeting.id} state={watch} back={meetingPath(meeting)} /> : null}
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
      {can.flag ? (
        <p className="no-print">
          <Link to={flagPath("report", meeting.id)}>
            {t("moderation.flag.link")}
            <span className="visually-hidden"> {t("moderation.flag.linkLabel", { post: t("moderation.posts.report") })}</span>
          </Link>
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
                      {t(`forum.meetings.unlinkAs.${kind}`)}
                      <span className="visually-hidden"> – {d.title}</span>
                    </button>
                  </Form>
                )
              : undefined
          }
        />
      ) : null}
      {report ? (
        <AttachmentList attachments={attachments} />
      ) : null}

      {agenda ? <AgendaSection meeting={meeting} agenda={agenda} origin={origin} can={can} signedIn={signedIn} /> : null}
      {can.propose ? <ProposeSection search={search} onAgenda={onAgenda} lastResult={resultOf("propose")} /> : null}
      <MeetingStaffTools
        meeting={meeting}
        report={report}
        can={can}
        search={search}
        raise={raise}
        resultOf={resultOf}
        publishErrors={publishErrors}
      />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
