// The search's URL: what was asked, the filters, the order and the page, read from and written
// to query parameters. /search and /api/search take the same ones, so a search is a link (works
// without JavaScript, can be bookmarked and shared). Plain module: the browser uses it too.
//   ?q=…                              the words (quotes for a phrase, -word to exclude)
//   ?kind=dilemma|reply|report …      any of these kinds (several allowed)
//   ?competence=<slug> …              any of these competences (several allowed)
//   ?status=open|answered             the dilemma's status
//   ?period=30d|1y|5y|<year>          written in the last 30 days / year / 5 years, or in that year
//   ?sort=relevance|newest            relevance is the default
//   ?page=2                           pages of PAGE_SIZE

import { cleanLine } from "~/platform/clean-text";

export const SEARCH_PATH = "/search";
export const SEARCH_API_PATH = "/api/search";
export const SEARCH_SYNONYMS_PATH = "/search/synonyms";
export const SEARCH_MISSES_PATH = "/search/misses";
export const SEARCH_KINDS = ["dilemma", "reply", "report"] as const;
export const SEARCH_STATUSES = ["open", "answered"] as const;
export const SEARCH_SORTS = ["relevance", "newest"] as const;
export const RELATIVE_PERIODS = ["30d", "1y", "5y"] as const;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 50;
export const MAX_QUERY_LENGTH = 200;
const MAX_COMPETENCES = 20;

export type SearchKindName = (typeof SEARCH_KINDS)[number];
export type SearchSort = (typeof SEARCH_SORTS)[number];
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export type SearchRequest = {
  q: string;
  kinds: SearchKindName[];
  competences: string[];
  status: (typeof SEARCH_STATUSES)[number] | null;
  /** A relative period or a calendar year ("2009"). */
  period: string | null;
  sort: SearchSort;
  page: number;
  /** Search the words as typed: no automatic correction of a query that finds nothing. */
  exact?: boolean;
};

const YEAR = /^(19|20)\d\d$/;

export function isPeriod(value: string): boolean {
  return (RELATIVE_PERIODS as readonly string[]).includes(value) || YEAR.test(value);
}

/** Anything a hand-made URL holds becomes a valid request (unknown values are dropped). */
export function searchRequestFromParams(params: URLSearchParams): SearchRequest {
  const status = params.get("status");
  const period = params.get("period");
  const sort = params.get("sort");
  const page = Number(params.get("page"));
  return {
    // Normalised as every form's line (no NUL or other controls echoed back into the box).
    q: cleanLine(params.get("q") ?? "").slice(0, MAX_QUERY_LENGTH),
    kinds: SEARCH_KINDS.filter((k) => params.getAll("kind").includes(k)),
    competences: [...new Set(params.getAll("competence").filter((s) => s && s.length <= 100))].slice(0, MAX_COMPETENCES),
    status: SEARCH_STATUSES.find((s) => s === status) ?? null,
    period: period && isPeriod(period) ? period : null,
    sort: SEARCH_SORTS.find((s) => s === sort) ?? "relevance",
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    ...(params.get("exact") === "1" ? { exact: true } : {}),
  };
}

/** The query string of a search ("" for an empty one); `change` overrides fields, and any
 *  change other than the page itself goes back to page 1. */
export function searchQueryString(request: SearchRequest, change: Partial<SearchRequest> = {}): string {
  const r = { ...request, ...change };
  if (!("page" in change)) r.page = 1;
  const params = new URLSearchParams();
  if (r.q) params.set("q", r.q);
  for (const k of r.kinds) params.append("kind", k);
  for (const c of r.competences) params.append("competence", c);
  if (r.status) params.set("status", r.status);
  if (r.period) params.set("period", r.period);
  if (r.sort !== "relevance") params.set("sort", r.sort);
  if (r.page > 1) params.set("page", String(r.page));
  if (r.exact) params.set("exact", "1");
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function searchHref(request: SearchRequest, change: Partial<SearchRequest> = {}): string {
  return `${SEARCH_PATH}${searchQueryString(request, change)}`;
}

export function isFilteredSearch(r: SearchRequest): boolean {
  return r.kinds.length > 0 || r.competences.length > 0 || r.status !== null || r.period !== null;
}
