import { FeedLink } from "~/components/notifications/FeedLink";
import { DILEMMAS_FEED_PATH } from "~/notifications/feed-paths";
import { useRootData } from "~/root";
import { Trans } from "react-i18next";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link } from "react-router";
import { DilemmaSummaryItem } from "~/components/dilemmas/DilemmaSummaryItem";
import { ErrorPage } from "~/components/ErrorPage";
import { competenceName } from "~/competences/paths";
import { listCompetenceChoices } from "~/dilemmas/competence-tags.server";
import { isFiltered, listQueryFromSearchParams, listSearch, type DilemmaListFilter } from "~/dilemmas/list-query";
import { listDilemmas } from "~/dilemmas/list.server";
import { guardianOf, sharedReadsOf } from "~/web/context.server";
import { listMarks } from "~/notifications/visits.server";
import type { Route } from "./+types/dilemmas._index";

// /dilemmas: every dilemma the viewer may see, newest activity first, with filters in a GET
// form (so a filtered list is a link, and works without JavaScript) and keyset pages.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const query = listQueryFromSearchParams(new URL(request.url).searchParams);
  const reads = sharedReadsOf(context);
  const [page, choices] = await Promise.all([listDilemmas(guardian, query, reads), listCompetenceChoices([], reads)]);
  const filter: DilemmaListFilter = { competences: query.competences, status: query.status, unanswered: query.unanswered, sort: query.sort };
  const marks = await listMarks(
    guardian,
    page.items.map((d) => d.id),
  );
  return { page, choices, filter, paged: query.after !== null || query.before !== null, marks };
}

export default function DilemmaList({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, choices, filter, paged, marks } = loaderData;
  const filtered = isFiltered(filter);
  return (
    <div className="page">
      <title>{`${t("dilemmas.list.title")} · ${t("app.name")}`}</title>
      <FeedLink show={useRootData()?.viewer?.pending === false} href={DILEMMAS_FEED_PATH} title={t("inbound.feeds.dilemmasTitle")} />
      <h1>{t("dilemmas.list.title")}</h1>
      <p className="lead">{t("dilemmas.list.intro")}</p>
      <p className="button-row">
        <Link to="/dilemmas/new" className="button">
          {t("dilemmas.ask.callToAction")}
        </Link>
        <a href="#filter-form" className="list-filters__jump">
          {filtered ? t("dilemmas.list.filterActive") : t("dilemmas.list.filterHeading")}
        </a>
      </p>

      <div className="list-page">
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{filtered ? t("dilemmas.list.resultsFiltered") : t("dilemmas.list.resultsAll")}</h2>
          <SortLinks filter={filter} />
          {page.items.length === 0 ? (
            <p>
              {paged ? (
                <Trans i18nKey="dilemmas.list.emptyPage" components={{ startLink: <Link to={`/dilemmas${listSearch(filter)}`} /> }} />
              ) : filtered ? (
                <Trans i18nKey="dilemmas.list.emptyFiltered" components={{ clearLink: <Link to="/dilemmas" /> }} />
              ) : (
                <Trans i18nKey="dilemmas.list.empty" components={{ askLink: <Link to="/dilemmas/new" /> }} />
              )}
            </p>
          ) : (
            <ul className="dilemma-list">
              {page.items.map((d) => (
                <DilemmaSummaryItem key={d.id} dilemma={d} mark={marks[d.id]} />
              ))}
            </ul>
          )}
          {page.previous || page.next ? (
            <nav aria-label={t("dilemmas.list.pagination")} className="pagination">
              <ul>
                {page.previous ? (
                  <li>
                    <Link to={`/dilemmas${listSearch(filter, { before: page.previous })}`} rel="prev">
                      <span aria-hidden="true">← </span>
                      {t("dilemmas.list.previous")}
                    </Link>
                  </li>
                ) : null}
                {page.next ? (
                  <li>
                    <Link to={`/dilemmas${listSearch(filter, { after: page.next })}`} rel="next">
                      {t("dilemmas.list.next")}
                      <span aria-hidden="true"> →</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
        {/* After the list, folded, on a phone (the link above jumps here and opens it); beside
            the list, always open, on a wide screen. Open when a filter is set. */}
        <details className="list-filters card card--quiet dilemma-filter" id="filters" open={filtered || undefined}>
          <summary className="list-filters__summary">{t("dilemmas.list.filterHeading")}</summary>
          <h2 className="list-filters__heading" id="filter-heading">
            {t("dilemmas.list.filterHeading")}
          </h2>
          {/* Keyed by the filter: after a link changes it (the orders above), the fields show it. */}
          <Form method="get" className="stack" id="filter-form" key={listSearch(filter)}>
            <fieldset className="checkbox-group">
              <legend>{t("dilemmas.list.competences")}</legend>
              <ul className="checkbox-group__options checkbox-group__options--columns">
                {choices.map((c) => (
                  <li key={c.slug} className="field--checkbox">
                    <input
                      type="checkbox"
                      id={`filter-competence-${c.slug}`}
                      name="competence"
                      value={c.slug}
                      defaultChecked={filter.competences.includes(c.slug)}
                    />
                    <label htmlFor={`filter-competence-${c.slug}`}>{competenceName(c, i18n.language)}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="field">
              <label htmlFor="filter-status">{t("dilemmas.list.status")}</label>
              <select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">{t("dilemmas.list.statusAny")}</option>
                <option value="open">{t("dilemmas.status.open")}</option>
                <option value="answered">{t("dilemmas.status.answered")}</option>
              </select>
            </div>
            {filter.sort && filter.sort !== "activity" ? <input type="hidden" name="sort" value={filter.sort} /> : null}
            <div className="field--checkbox">
              <input type="checkbox" id="filter-unanswered" name="unanswered" value="1" defaultChecked={filter.unanswered} />
              <label htmlFor="filter-unanswered">{t("dilemmas.list.unanswered")}</label>
            </div>
            <div className="button-row">
              <button type="submit" className="button">
                {t("dilemmas.list.apply")}
              </button>
              {filtered ? <Link to="/dilemmas">{t("dilemmas.list.clear")}</Link> : null}
            </div>
          </Form>
        </details>
      </div>
    </div>
  );
}

/**
 * The list's orders as links (issue 22): latest activity (the default), newest dilemma first,
 * and the dilemmas nobody has answered yet. Links keep the other filters and work without
 * JavaScript; the current one is marked for screen readers too.
 */
function SortLinks({ filter }: { filter: DilemmaListFilter }) {
  const { t } = useTranslation();
  const current = filter.unanswered ? "unanswered" : (filter.sort ?? "activity");
  const options = [
    { key: "activity", to: listSearch({ ...filter, sort: "activity", unanswered: false }) },
    { key: "newest", to: listSearch({ ...filter, sort: "newest", unanswered: false }) },
    { key: "unanswered", to: listSearch({ ...filter, sort: "activity", unanswered: true }) },
  ] as const;
  return (
    <nav className="sort-links" aria-label={t("forum.sort.label")}>
      <span aria-hidden="true">{t("forum.sort.label")}: </span>
      <ul>
        {options.map((o) => (
          <li key={o.key}>
            <Link to={`/dilemmas${o.to}`} aria-current={current === o.key ? "page" : undefined}>
              {t(`forum.sort.${o.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
