import { findCompetenceBySlug, type Moved } from "~/competences/competences.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { listCompetenceDilemmas, type DilemmaSummary } from "./list.server";

// A competence's own page (/competences/:slug): the competence and its dilemmas. Here, not in
// app/competences, because dilemmas are tagged with competences and not the other way round:
// the competence domain knows nothing of dilemmas (no cycle between the folders, decision 014).

export const COMPETENCE_PAGE_SIZE = 20;

/** A dilemma in the competence's list: an entry of the /dilemmas list. */
export type CompetenceDilemma = DilemmaSummary;

export type CompetencePage = {
  competence: {
    id: number;
    slug: string;
    nameNl: string;
    nameEn: string;
    descriptionHtml: string;
    synonyms: string[];
    retiredAt: Date | null;
  };
  dilemmas: CompetenceDilemma[];
  /** Visible dilemmas in all pages together. */
  dilemmaCount: number;
  page: number;
  pageCount: number;
};

/** A competence with its visible dilemmas, newest activity first, COMPETENCE_PAGE_SIZE per page. */
export async function getCompetencePage(guardian: Guardian, slug: string, page = 1): Promise<CompetencePage | Moved> {
  const found = await findCompetenceBySlug(slug);
  if ("movedTo" in found) return found;
  const competence = await db.competence.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, slug: true, nameNl: true, nameEn: true, descriptionHtml: true, synonyms: true, retiredAt: true },
  });
  const where: Prisma.DilemmaWhereInput = {
    AND: [guardian.visibleDilemmasWhere(), { competences: { some: { competenceId: competence.id } } }],
  };
  const dilemmaCount = await db.dilemma.count({ where });
  const pageCount = Math.max(1, Math.ceil(dilemmaCount / COMPETENCE_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const dilemmas = await listCompetenceDilemmas(guardian, competence.id, {
    skip: (current - 1) * COMPETENCE_PAGE_SIZE,
    take: COMPETENCE_PAGE_SIZE,
  });
  return { competence, dilemmas, dilemmaCount, page: current, pageCount };
}
