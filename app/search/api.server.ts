import type { SearchFacets, SearchOutcome } from "./search.server";
import { snippetHtml, type Segment } from "./snippet.server";

// The JSON of GET /api/search (integrations, and the search-as-you-type list). Titles are plain
// text; snippets are HTML made here from plain text: every character escaped, matches in <mark>.

export type ApiResult = {
  kind: "dilemma" | "reply" | "report";
  url: string;
  title: string;
  /** The title as HTML with matches in <mark> (escaped plain text). */
  titleHtml: string;
  snippet: string;
  score: number;
  date: string;
  status: "open" | "answered" | null;
  competences: string[];
  /** A dilemma's best-matching reply. */
  reply: { url: string; snippet: string } | null;
  /** Has most of the words but not all (shown when the full results are few). */
  partial: boolean;
};

export type ApiResponse = {
  query: string;
  total: number;
  /** A broad search's counts are estimates (rounded to two significant digits): the total,
   *  the facets, or both. */
  estimated: { total: boolean; facets: boolean };
  page: number;
  pageCount: number;
  results: ApiResult[];
  facets: {
    kind: Record<string, number>;
    status: Record<string, number>;
    competence: Record<string, number>;
    period: Record<string, number>;
  };
  suggestion: string | null;
  /** The query as typed when it found nothing and these are its correction's results. */
  correctedFrom: string | null;
};

const plain = (segments: Segment[]) => segments.map((s) => s.text).join("");

function facetsJson(f: SearchFacets): ApiResponse["facets"] {
  const record = (list: { value: string; count: number }[]) => Object.fromEntries(list.map((x) => [x.value, x.count]));
  return {
    kind: record(f.kinds),
    status: record(f.statuses),
    competence: Object.fromEntries(f.competences.map((c) => [c.slug, c.count])),
    period: record(f.periods),
  };
}

export function toApiResponse(outcome: SearchOutcome): ApiResponse {
  return {
    query: outcome.request.q,
    total: outcome.total,
    estimated: outcome.estimated,
    page: outcome.request.page,
    pageCount: outcome.pageCount,
    results: [...outcome.hits.map((h) => [h, false] as const), ...outcome.partial.map((h) => [h, true] as const)].map(([h, partial]) => ({
      kind: h.kind,
      url: h.url,
      title: plain(h.title),
      titleHtml: snippetHtml(h.title),
      snippet: snippetHtml(h.snippet),
      score: h.score,
      date: h.date.toISOString(),
      status: h.status,
      competences: h.competences.map((c) => c.slug),
      reply: h.reply ? { url: h.reply.url, snippet: snippetHtml(h.reply.snippet) } : null,
      partial,
    })),
    facets: facetsJson(outcome.facets),
    suggestion: outcome.suggestion?.query ?? null,
    correctedFrom: outcome.corrected?.from ?? null,
  };
}
