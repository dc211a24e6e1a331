import { MEMBERS_PATH } from "./paths";

// The member directory's URL: the filters and the page, read from and written to query
// parameters, so a filtered directory is a link (works without JavaScript, can be bookmarked).
// Plain module: the browser uses it too.
//   ?q=…                 words in the name, organisation or handle (accents and case ignored)
//   ?competence=<slug>   members who named this competence as their expertise
//   ?role=staff          organisers and admins only
//   ?page=2              pages of DIRECTORY_PAGE_SIZE

export const DIRECTORY_PAGE_SIZE = 24;
export const DIRECTORY_TEXT_MAX = 100;
/** Pages beyond this are not offered: a filter finds a person faster than paging does. */
export const DIRECTORY_MAX_PAGE = 500;
const MAX_WORDS = 8;

export type DirectoryFilter = {
  text: string;
  competence: string | null;
  staffOnly: boolean;
};

export type DirectoryQuery = DirectoryFilter & { page: number };

// Control characters (NUL included: Postgres refuses it) separate words; zero-width and
// direction marks (pasted along with a name) are nothing.
const CONTROL = /\p{Cc}/gu;
const INVISIBLE = /\p{Cf}/gu;

/** What a member typed, as the filter uses it: NFC, no invisible characters, single spaces. */
export function normaliseFilterText(text: string): string {
  return text.normalize("NFC").replace(CONTROL, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim().slice(0, DIRECTORY_TEXT_MAX).trim();
}

/** The words every listed member must match (each somewhere in name, organisation or handle). */
export function filterWords(text: string): string[] {
  return [...new Set(normaliseFilterText(text).split(" ").filter(Boolean))].slice(0, MAX_WORDS);
}

/** Anything a hand-made URL holds becomes a valid query (unknown values are dropped). */
export function directoryQueryFromSearchParams(params: URLSearchParams): DirectoryQuery {
  const competence = params.get("competence") ?? "";
  const page = Number(params.get("page"));
  return {
    text: normaliseFilterText(params.get("q") ?? ""),
    competence: /^[a-z0-9-]{1,100}$/.test(competence) ? competence : null,
    staffOnly: params.get("role") === "staff",
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, DIRECTORY_MAX_PAGE) : 1,
  };
}

export function isFiltered(filter: DirectoryFilter): boolean {
  return filter.text !== "" || filter.competence !== null || filter.staffOnly;
}

/** The directory's address with these filters, at a page (1: no page parameter). */
export function directoryHref(filter: DirectoryFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.text) params.set("q", filter.text);
  if (filter.competence) params.set("competence", filter.competence);
  if (filter.staffOnly) params.set("role", "staff");
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${MEMBERS_PATH}?${search}` : MEMBERS_PATH;
}
