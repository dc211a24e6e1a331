import { useTranslation } from "~/components/use-translation";
import type { ReportView } from "~/meetings/report-view.server";
import { MeetingFacts } from "./MeetingFacts";
import { ReportBody } from "./ReportBody";

// The whole report as members will read it, from the form as typed (not saved yet).
export function ReportPreview({ report, origin }: { report: ReportView; origin: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="report-preview-heading" className="preview report-preview">
      <h2 id="report-preview-heading">{t("meetings.form.previewHeading")}</h2>
      <p className="preview__label">{t("meetings.form.previewNote")}</p>
      <p className="report-preview__title">{report.title}</p>
      <MeetingFacts meeting={{ ...report, startsAt: null, endsAt: null }} />
      <ReportBody report={report} origin={origin} level={3} />
    </section>
  );
}
