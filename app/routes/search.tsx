import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { LiveSearchInput } from "~/components/search/LiveSearch";
import { SearchFilters } from "~/components/search/SearchFilters";
import { SearchResults } from "~/components/search/SearchResults";
import {
  searchHref,
  searchQueryString,
  searchRequestFromParams,
  SEARCH_MISSES_PATH,
  SEARCH_PATH,
  SEARCH_SYNONYMS_PATH,
} from "~/search/params";
import { search } from "~/search/search.server";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/search";

// /search?q=…: dilemmas, replies and reports together. One GET form holds the words, the
// filters (each value with the number of results it would leave) and the order, so a search is
// a link and works without JavaScript; with JavaScript, results also appear while typing.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const outcome = await search(guardian, searchRequestFromParams(new URL(request.url).searchParams), { recordMiss: true });
  return { outcome, staff: guardian.canSeeSearchMisses() };
}

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { outcome, staff } = loaderData;
  const { request } = outcome;
  const filters = searchQueryString({ ...request, q: "" }).replace(/^\?/, "");
  return (
    <div className="page">
      <title>{`${request.q ? t("search.titleWithQuery", { q: request.q }) : t("search.title")} · ${t("app.name")}`}</title>
      <h1>{t("search.title")}</h1>
      <p className="lead">{t("search.intro")}</p>
      <Form method="get" action={SEARCH_PATH} role="search" aria-label={t("search.title")} className="search-page">
        <div className="search-page__query field">
          <LiveSearchInput
            id="search-q"
            defaultValue={request.q}
            label={t("search.form.label")}
            hint={t("search.form.hint")}
            extraParams={filters}
            allHref={(q) => searchHref({ ...request, q })}
          />
          <button type="submit" className="button">
            {t("search.form.submit")}
          </button>
        </div>
        {outcome.blank === null ? (
          <div className="search-page__columns">
            <SearchFilters outcome={outcome} />
            <SearchResults outcome={outcome} />
          </div>
        ) : (
          <p>{outcome.blank === "noTerms" ? t("search.results.noTerms") : t("search.results.empty")}</p>
        )}
      </Form>
      {staff ? (
        <p className="meta search-staff-links">
          <Link to={SEARCH_MISSES_PATH}>{t("search.misses.title")}</Link>
          {" · "}
          <Link to={SEARCH_SYNONYMS_PATH}>{t("search.synonyms.title")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
