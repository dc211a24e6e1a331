import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";

export type ReportSummary = {
  id: number;
  title: string;
  heldOn: Date;
  place: string;
  hostOrganisation: string;
  summaryHtml: string;
  takeaways: string[];
  contributors: string[];
  raised: { id: number; title: string }[];
};

/** The newest published report, for the home page. */
export async function getLatestReport(guardian: Guardian): Promise<ReportSummary | null> {
  const meeting = await db.meeting.findFirst({
    where: { ...guardian.visibleReportsWhere(), status: "published" },
    orderBy: { heldOn: "desc" },
    select: {
      id: true,
      title: true,
      heldOn: true,
      place: true,
      hostOrganisation: true,
      summaryHtml: true,
      takeaways: true,
      contributors: true,
      dilemmas: {
        where: { kind: "raised", dilemma: guardian.visibleDilemmasWhere() },
        orderBy: { dilemmaId: "asc" },
        select: { dilemma: { select: { id: true, title: true } } },
      },
    },
  });
  if (!meeting) return null;
  const { dilemmas, ...rest } = meeting;
  return { ...rest, raised: dilemmas.map((d) => d.dilemma) };
}
