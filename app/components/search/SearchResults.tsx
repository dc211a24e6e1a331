import { Trans } from "react-i18next";
import { Link } from "react-router";
import { Pagination } from "~/components/Pagination";
import { useTranslation } from "~/components/use-translation";
import { isFilteredSearch, MAX_PAGE, PAGE_SIZE, searchHref } from "~/search/params";
import type { SearchOutcome } from "~/search/search.server";
import { SearchResultItem } from "./SearchResultItem";

// The search page's results: the count, a suggested spelling, what to do when nothing was
// found, the hits of this page, the posts that match only some of the words, the pages.

export function SearchResults({ outcome }: { outcome: SearchOutcome }) {
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
      {outcome.corrected ? (
        <p className="search-suggestion">
          <Trans
            i18nKey="search.results.corrected"
            values={{ query: request.q, typed: outcome.corrected.from }}
            components={{ strong: <strong />, asTypedLink: <Link to={outcome.corrected.href} /> }}
          />
        </p>
      ) : null}
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
