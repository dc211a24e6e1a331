import { decodeCursor, type ListCursor } from "./cursor";

// The dilemma list's URL: filters and the page's place, read from and written to query
// parameters, so a filtered page is a link (works without JavaScript, can be bookmarked).
//   ?competence=loslaten&competence=…  any of these competences
//   ?status=open|answered              the dilemma's status
//   ?unanswered=1                      no replies yet
//   ?sort=newest                       newest dilemma first (default: latest activity first)
//   ?after=<cursor> / ?before=<cursor> the next / previous page (see cursor.ts)

export const DILEMMA_STATUSES = ["open", "answered"] as const;
export type DilemmaStatusFilter = (typeof DILEMMA_STATUSES)[number];

export const DILEMMA_SORTS = ["activity", "newest"] as const;
export type DilemmaSort = (typeof DILEMMA_SORTS)[number];

export type DilemmaListFilter = {
  competences: string[];
  status: DilemmaStatusFilter | null;
  unanswered: boolean;
  /** Absent: "activity", the list's default order. */
  sort?: DilemmaSort;
};

export type DilemmaListQuery = DilemmaListFilter & { after: ListCursor | null; before: ListCursor | null };

const MAX_COMPETENCE_FILTERS = 20;

export function listQueryFromSearchParams(params: URLSearchParams): DilemmaListQuery {
  const status = params.get("status");
  const after = decodeCursor(params.get("after"));
  return {
    competences: [...new Set(params.getAll("competence").filter((s) => s && s.length <= 100))].slice(
      0,
      MAX_COMPETENCE_FILTERS,
    ),
    status: DILEMMA_STATUSES.find((s) => s === status) ?? null,
    unanswered: params.get("unanswered") === "1",
    sort: DILEMMA_SORTS.find((s) => s === params.get("sort")) ?? "activity",
    after,
    // One direction at a time; "after" wins if a hand-made URL has both.
    before: after ? null : decodeCursor(params.get("before")),
  };
}

/** The query string of a filtered list, optionally at a page ("" when nothing is set). */
export function listSearch(filter: DilemmaListFilter, page?: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  for (const slug of filter.competences) params.append("competence", slug);
  if (filter.status) params.set("status", filter.status);
  if (filter.unanswered) params.set("unanswered", "1");
  if (filter.sort && filter.sort !== "activity") params.set("sort", filter.sort);
  if (page?.after) params.set("after", page.after);
  if (page?.before) params.set("before", page.before);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function isFiltered(filter: DilemmaListFilter): boolean {
  return filter.competences.length > 0 || filter.status !== null || filter.unanswered;
}
