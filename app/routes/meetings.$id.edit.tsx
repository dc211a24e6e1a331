import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link, redirect } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { ReportForm, UpcomingMeetingForm } from "~/components/meetings/MeetingForms";
import { ReportPreview } from "~/components/meetings/ReportPreview";
import { meetingPath } from "~/meetings/paths";
import { editReport, editUpcomingMeeting, getMeetingForEdit, previewReport } from "~/meetings/reports.server";
import { ReportSchema, UpcomingMeetingSchema } from "~/meetings/schemas";
import { guardianOf } from "~/web/context.server";
import { idOr404 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { spendPostingBudget } from "~/web/posting-limits.server";
import { guardSubmit, reportTexts, wantsPublishAnyway } from "~/web/privacy-guard.server";
import type { Route } from "./+types/meetings.$id.edit";
import { publicOrigin } from "~/platform/env.server";
import { postFormFailure, readPostForm, removalIds, tooLargeFile } from "~/web/attachment-form.server";
import { attachmentsOfReport, attachToReport, prepareAttachment, removeAttachments } from "~/attachments/attachments.server";
import { ATTACHMENT_ALT_FIELD } from "~/attachments/schemas";
import { AttachmentFields } from "~/components/attachments/AttachmentFields";
import { DraftKeeper } from "~/components/DraftKeeper";
import { withStatus } from "~/components/status-message";

// /meetings/:id/edit — organisers change an upcoming meeting (title, date, times, place) or a
// report (draft or published; a published report keeps the previous title and summary as a
// revision). "Show a preview" renders the whole report as members will read it, unsaved.

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  const url = new URL(request.url);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const meeting = await getMeetingForEdit(guardian, id).catch(rethrowAsHttp);
  return { meeting, origin: publicOrigin(), attachments: meeting.status === "upcoming" ? [] : await attachmentsOfReport(id) };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const id = idOr404(params.id);
  const url = new URL(request.url);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const { formData, file, tooLarge } = await readPostForm(request);

  if (formData.get("kind") === "upcoming") {
    const submission = parseWithZod(formData, { schema: UpcomingMeetingSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      await spendPostingBudget(guardian, "edit");
      await editUpcomingMeeting(guardian, id, submission.value);
      return redirect(meetingPath({ id }));
    } catch (error) {
      return formFailure(submission, error);
    }
  }

  const submission = parseWithZod(formData, { schema: ReportSchema });
  if (tooLarge) return postFormFailure(submission, tooLargeFile());
  if (submission.status !== "success") return invalidForm(submission);
  try {
    if (formData.get("intent") === "preview") {
      return { result: submission.reply(), preview: await previewReport(guardian, id, submission.value) };
    }
    const guard = await guardSubmit(guardian, reportTexts(submission.value, formData), wantsPublishAnyway(request));
    if (guard.warning) return { result: submission.reply(), privacy: guard.warning, fileSent: file !== null };
    // Checked before the report is saved: a refused file leaves it as it was.
    const attachment = await prepareAttachment(guardian, file, String(formData.get(ATTACHMENT_ALT_FIELD) ?? ""));
    await spendPostingBudget(guardian, "edit");
    await editReport(guardian, id, submission.value, { privacyOverridden: guard.overridden });
    await removeAttachments(guardian, { meetingId: id }, removalIds(formData));
    if (attachment) await attachToReport(guardian, id, attachment);
    return redirect(withStatus(meetingPath({ id }), "saved"));
  } catch (error) {
    return postFormFailure(submission, error);
  }
}

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { meeting, origin } = loaderData;
  const isReport = meeting.status !== "upcoming";
  const title = isReport ? t("meetings.form.editReportTitle") : t("meetings.form.editTitle");
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const privacy = actionData && "privacy" in actionData ? actionData.privacy : null;
  const fileSent = actionData && "fileSent" in actionData ? actionData.fileSent : false;
  return (
    <div className="page narrow">
      <title>{`${title} · ${meeting.values.title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to={meetingPath(meeting)}>{meeting.values.title}</Link>
      </p>
      <h1>{title}</h1>
      {meeting.status === "upcoming" ? (
        <UpcomingMeetingForm
          id="edit-meeting"
          lastResult={actionData?.result}
          defaultValue={meeting.values}
          submitLabel={t("meetings.form.save")}
          withOpenAgenda={false}
          hiddenFields={{ kind: "upcoming" }}
        />
      ) : (
        <ReportForm
          id="edit-report"
          lastResult={actionData?.result}
          defaultValue={meeting.values}
          submitLabel={meeting.status === "draft" ? t("meetings.form.saveDraft") : t("meetings.form.save")}
          hiddenFields={{ kind: "report" }}
          privacy={privacy}
        >
          <DraftKeeper
            formId="edit-report"
            place={`report:${meeting.id}:edit`}
            fields={["title", "summary"]}
            postIntent="save"
            original={{ title: meeting.values.title, summary: meeting.values.summary }}
          />
          <AttachmentFields idPrefix="edit-report" lastResult={actionData?.result} current={loaderData.attachments} fileSent={fileSent} />
        </ReportForm>
      )}
      {preview ? <ReportPreview report={preview} origin={origin} /> : null}
      <p>
        <Link to={meetingPath(meeting)}>{t("meetings.form.cancel")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
