import { useTranslation, type Translation } from "~/components/use-translation";
import { competenceName } from "~/competences/paths";
import { Link } from "react-router";
import { isFilteredSearch, searchHref, SEARCH_KINDS, SEARCH_SORTS } from "~/search/params";
import type { SearchOutcome } from "~/search/search.server";

// The search page's filters (kind, competence, status, period) and order, each value with the
// number of results it would leave: checkboxes and radio buttons of the page's one GET form.

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

export function SearchFilters({ outcome }: { outcome: SearchOutcome }) {
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
