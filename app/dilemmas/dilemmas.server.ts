import type { DilemmaStatus } from "~/generated/prisma/enums";
import type { Guardian } from "~/guardian/guardian.server";
import { authorSelect, toAuthorView, type AuthorView } from "~/members/author";
import { db } from "~/platform/db.server";

export type DilemmaSummary = {
  id: number;
  title: string;
  status: DilemmaStatus;
  replyCount: number;
  lastActivityAt: Date;
  author: AuthorView;
  competences: { slug: string; nameNl: string; nameEn: string }[];
};

export async function listRecentDilemmas(guardian: Guardian, limit = 20): Promise<DilemmaSummary[]> {
  const rows = await db.dilemma.findMany({
    where: guardian.visibleDilemmasWhere(),
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      title: true,
      status: true,
      replyCount: true,
      lastActivityAt: true,
      author: authorSelect,
      competences: { select: { competence: { select: { slug: true, nameNl: true, nameEn: true } } } },
    },
  });
  return rows.map(({ author, competences, ...d }) => ({
    ...d,
    author: toAuthorView(author),
    competences: competences.map((c) => c.competence),
  }));
}
