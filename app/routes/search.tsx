import { Trans } from "react-i18next";
import { useTranslation, type Translation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link } from "react-router";
import { competenceName } from "~/competences/paths";
import { ErrorPage } from "~/components/ErrorPage";
import { Pagination } from "~/components/Pagination";
import { LiveSearchInput } from "~/components/search/LiveSearch";
import { SearchResultItem } from "~/components/search/SearchResultItem";
import {
  isFilteredSearch,
  MAX_PAGE,
  PAGE_SIZE,
  searchHref,
  searchQueryString,
  searchRequestFromParams,
  SEARCH_KINDS,
  SEARCH_MISSES_PATH,
  SEARCH_PATH,
  SEARCH_SYNONYMS_PATH,
  SEARCH_SORTS,
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

type Outcome = Route.ComponentProps["loaderData"]["outcome"];

/** A facet's count, "(12)"; a broad search's estimate, "(ongeveer 1.200)", and "(enkele)" when
 *  its sample had none (fewer than about 16, not none). */
function countText(t: Translation["t"], count: number, estimated: boolean): string {
  if (!estimated) return t("search.filters.count", { count });
  return count === 0 ? t("search.filters.countFew") : t("search.filters.countAbout", { count });
}

function Count({ count, estimated }: { count: number; estimated: boolean }) {
  const { t } = useTranslation();
  return <span className="facet-count"> {countText(t, count, estimated)}</span>;
}

function Filters({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  const { request, facets } = outcome;
  const estimated = outcome.estimated.facets;
  const kindCount = new Map(facets.kinds.map((k) => [k.value, k.count]));
  const statusCount = new Map(facets.statuses.map((s) => [s.value, s.count]));
  const periodCount = new Map(facets.periods.map((p) => [p.value, p.count]));
  const years = facets.periods.filter((p) => /^\d{4}$/.test(p.value));
  if (request.period && !periodCount.has(request.period)) years.push({ value: request.period, count: 0 });
  return (
    <section aria-labelledby="filters-heading" className="card card--quiet search-filters">
      <h2 id="filters-heading">{t("search.filters.heading")}</h2>
      {/* On a phone the filters come first and are long: a way past them. */}
      {outcome.total > 0 ? (
        <p className="search-filters__skip">
          <a href="#results-heading">
            {outcome.estimated.total
              ? t("search.filters.toResultsAbout", { count: outcome.total })
              : t("search.filters.toResults", { count: outcome.total })}
          </a>
        </p>
      ) : null}
      {estimated ? <p className="meta">{t("search.filters.estimated")}</p> : null}
      <div className="stack">
        <fieldset className="checkbox-group">
          <legend>{t("search.filters.kind")}</legend>
          <ul className="checkbox-group__options">
            {SEARCH_KINDS.map((kind) => (
              <li key={kind} className="field--checkbox">
                <input
                  type="checkbox"
                  id={`filter-kind-${kind}`}
                  name="kind"
                  value={kind}
                  defaultChecked={request.kinds.includes(kind)}
                />
                <label htmlFor={`filter-kind-${kind}`}>
                  {t(`search.filters.kinds.${kind}`)}
                  <Count count={kindCount.get(kind) ?? 0} estimated={estimated} />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="field">
          <label htmlFor="filter-status">{t("search.filters.status")}</label>
          <select id="filter-status" name="status" defaultValue={request.status ?? ""}>
            <option value="">{t("search.filters.statusAny")}</option>
            {(["open", "answered"] as const).map((s) => (
              <option key={s} value={s}>
                {`${t(`search.filters.statuses.${s}`)} ${countText(t, statusCount.get(s) ?? 0, estimated)}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-period">{t("search.filters.period")}</label>
          <select id="filter-period" name="period" defaultValue={request.period ?? ""}>
            <option value="">{t("search.filters.periodAny")}</option>
            {(["30d", "1y", "5y"] as const).map((p) => (
              <option key={p} value={p}>
                {`${t(`search.filters.periods.${p}`)} ${countText(t, periodCount.get(p) ?? 0, estimated)}`}
              </option>
            ))}
            {years.map((y) => (
              <option key={y.value} value={y.value}>
                {`${y.value} ${countText(t, y.count, estimated)}`}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="checkbox-group">
          <legend>{t("search.filters.competences")}</legend>
          {facets.competences.length === 0 ? (
            <p className="meta">{t("search.filters.none")}</p>
          ) : (
            <ul className="checkbox-group__options">
              {facets.competences.map((c) => (
                <li key={c.slug} className="field--checkbox">
                  <input
                    type="checkbox"
                    id={`filter-competence-${c.slug}`}
                    name="competence"
                    value={c.slug}
                    defaultChecked={c.selected}
                  />
                  <label htmlFor={`filter-competence-${c.slug}`}>
                    {competenceName(c, i18n.language)}
                    <Count count={c.count} estimated={estimated} />
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="filter-sort">{t("search.filters.sort")}</label>
          <select id="filter-sort" name="sort" defaultValue={request.sort}>
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`search.filters.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            {t("search.filters.apply")}
          </button>
          {isFilteredSearch(request) ? (
            <Link to={searchHref({ ...request, kinds: [], competences: [], status: null, period: null })}>
              {t("search.filters.clear")}
            </Link>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function Results({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { request } = outcome;
  const cleared = searchHref({ ...request, kinds: [], competences: [], status: null, period: null });
  return (
    <section aria-labelledby="results-heading" className="search-results">
      <h2 id="results-heading" tabIndex={-1}>
        {outcome.estimated.total
          ? t("search.results.headingAbout", { count: outcome.total })
          : t("search.results.heading", { count: outcome.total })}
      </h2>
      {outcome.suggestion ? (
        <p className="search-suggestion">
          <Trans
            i18nKey="search.results.suggestion"
            values={{ query: outcome.suggestion.query }}
            components={{ suggestionLink: <Link to={outcome.suggestion.href} /> }}
          />
        </p>
      ) : null}
      {outcome.hits.length === 0 ? (
        request.page > 1 && outcome.unfilteredTotal > 0 ? (
          <p>
            <Trans i18nKey="search.results.pastLast" components={{ firstLink: <Link to={searchHref(request, { page: 1 })} /> }} />
          </p>
        ) : isFilteredSearch(request) && outcome.unfilteredTotal > 0 ? (
          <p>
            <Trans i18nKey="search.results.noneFiltered" components={{ clearLink: <Link to={cleared} /> }} />
          </p>
        ) : outcome.partial.length > 0 ? (
          <p>{t("search.results.noneWithAll")}</p>
        ) : (
          <>
            <p>{t("search.results.none", { q: request.q })}</p>
            <p>{t("search.results.tips")}</p>
          </>
        )
      ) : (
        <ol className="search-result-list" start={(request.page - 1) * PAGE_SIZE + 1}>
          {outcome.hits.map((hit) => (
            <SearchResultItem key={`${hit.kind}-${hit.id}`} hit={hit} />
          ))}
        </ol>
      )}
      {outcome.partial.length > 0 ? (
        <section aria-labelledby="partial-heading" className="search-partial">
          <h2 id="partial-heading">{t("search.results.partialHeading")}</h2>
          <p>{t("search.results.partialIntro")}</p>
          <ul className="search-result-list">
            {outcome.partial.map((hit) => (
              <SearchResultItem key={`${hit.kind}-${hit.id}`} hit={hit} />
            ))}
          </ul>
        </section>
      ) : null}
      <Pagination
        page={request.page}
        pageCount={Math.min(outcome.pageCount, MAX_PAGE)}
        hrefFor={(page) => searchHref(request, { page })}
        labels={{
          nav: t("search.results.pagination"),
          previous: t("search.results.previous"),
          next: t("search.results.next"),
          current: t("search.results.pageOf", { page: request.page, count: Math.min(outcome.pageCount, MAX_PAGE) }),
        }}
      />
    </section>
  );
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
            <Filters outcome={outcome} />
            <Results outcome={outcome} />
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
