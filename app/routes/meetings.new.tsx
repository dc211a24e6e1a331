import { parseWithZod } from "@conform-to/zod/v4";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { data, isRouteErrorResponse, Link, redirect } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { ReportPreview } from "~/components/meetings/ReportPreview";
import { ReportForm, UpcomingMeetingForm } from "~/components/meetings/MeetingForms";
import { meetingPath, NEW_MEETING_PATH, NEW_REPORT_PATH } from "~/meetings/paths";
import { createReport, createUpcomingMeeting, previewReport } from "~/meetings/reports.server";
import { ReportSchema, UpcomingMeetingSchema } from "~/meetings/schemas";
import { guardianOf } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit, reportTexts, wantsPublishAnyway } from "~/web/privacy-guard.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/meetings.new";
import { publicOrigin } from "~/platform/env.server";

// /meetings/new — an organiser plans the next meeting; /meetings/new?kind=report — writes the
// report of a meeting that was not planned here (it starts as a draft).

type Kind = "upcoming" | "report";
const kindOf = (value: FormDataEntryValue | null): Kind => (value === "report" ? "report" : "upcoming");

function ensureStaff(guardian: ReturnType<typeof guardianOf>, request: Request) {
  const url = new URL(request.url);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  if (!guardian.canCreateMeeting()) throw data(null, { status: 403 });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  ensureStaff(guardianOf(context), request);
  const url = new URL(request.url);
  return { kind: kindOf(url.searchParams.get("kind")), origin: publicOrigin() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  ensureStaff(guardian, request);
  const formData = await readForm(request);
  const origin = publicOrigin();

  if (kindOf(formData.get("kind")) === "upcoming") {
    const submission = parseWithZod(formData, { schema: UpcomingMeetingSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      await spendPostingBudget(guardian, "post");
      const meeting = await createUpcomingMeeting(guardian, submission.value);
      return redirect(meetingPath(meeting));
    } catch (error) {
      return formFailure(submission, error);
    }
  }

  const submission = parseWithZod(formData, { schema: ReportSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    if (formData.get("intent") === "preview") {
      return { result: submission.reply(), preview: await previewReport(guardian, null, submission.value), origin };
    }
    const guard = await guardSubmit(guardian, reportTexts(submission.value, formData), wantsPublishAnyway(request));
    if (guard.warning) return { result: submission.reply(), privacy: guard.warning };
    await spendPostingBudget(guardian, "post");
    const meeting = await createReport(guardian, submission.value, { privacyOverridden: guard.overridden });
    return redirect(meetingPath(meeting));
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { kind, origin } = loaderData;
  const lastResult = actionData?.result;
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const title = kind === "report" ? t("meetings.form.newReportTitle") : t("meetings.form.newTitle");
  return (
    <div className="page narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/meetings">{t("nav.meetings")}</Link>
      </p>
      <h1>{title}</h1>
      {kind === "report" ? (
        <>
          <p className="lead">{t("meetings.form.newReportIntro")}</p>
          <p>
            <Trans i18nKey="meetings.form.orPlan" components={{ planLink: <Link to={NEW_MEETING_PATH} /> }} />
          </p>
          <ReportFormWithKind lastResult={lastResult} submitLabel={t("meetings.form.saveDraft")} privacy={privacy} />
          {preview ? <ReportPreview report={preview} origin={origin} /> : null}
        </>
      ) : (
        <>
          <p className="lead">{t("meetings.form.newIntro")}</p>
          <p>
            <Trans i18nKey="meetings.form.orReport" components={{ reportLink: <Link to={NEW_REPORT_PATH} /> }} />
          </p>
          <UpcomingFormWithKind lastResult={lastResult} submitLabel={t("meetings.form.savePlan")} />
        </>
      )}
    </div>
  );
}

// The form says which kind it is: the action does not depend on the URL's query.
function ReportFormWithKind(props: Omit<Parameters<typeof ReportForm>[0], "id">) {
  return <ReportForm id="new-report" {...props} hiddenFields={{ kind: "report" }} />;
}
function UpcomingFormWithKind(props: Omit<Parameters<typeof UpcomingMeetingForm>[0], "id" | "withOpenAgenda">) {
  return <UpcomingMeetingForm id="new-meeting" withOpenAgenda {...props} hiddenFields={{ kind: "upcoming" }} />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
