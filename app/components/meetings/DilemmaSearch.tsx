import type { ReactNode } from "react";
import { useTranslation } from "~/components/use-translation";
import { Form, Link } from "react-router";
import { dilemmaPath } from "~/dilemmas/paths";
import type { DilemmaCandidate } from "~/meetings/links.server";

// Finding a dilemma to put on an agenda or to link to a report: a GET form (?q=…, so it works
// without JavaScript and the results have their own URL), then one row per dilemma found with
// its own post button(s), given by `action`.
export function DilemmaSearch({
  id,
  query,
  results,
  action,
}: {
  id: string;
  query: string;
  results: DilemmaCandidate[] | null;
  action: (dilemma: DilemmaCandidate) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="dilemma-search">
      <Form method="get" className="search-form" preventScrollReset>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("meetings.search.label")}</label>
          <p id={`${id}-q-hint`} className="field__hint">
            {t("meetings.search.hint")}
          </p>
          <div className="search-form__row">
            <input type="search" id={`${id}-q`} name="q" defaultValue={query} aria-describedby={`${id}-q-hint`} maxLength={100} />
            <button type="submit" className="button button--secondary">
              {t("meetings.search.submit")}
            </button>
          </div>
        </div>
      </Form>
      {results ? (
        <div role="status">
          {results.length === 0 ? (
            <p>{t("meetings.search.none", { query })}</p>
          ) : (
            <>
              <p className="search-results__label">{t("meetings.search.resultsFor", { query })}</p>
              <ul className="search-results">
                {results.map((d) => (
                  <li key={d.id} className="search-results__item">
                    <span>
                      <Link to={dilemmaPath(d)}>{d.title}</Link>{" "}
                      <span className="meta">
                        (#{d.id} · {t(`meetings.report.status.${d.status}`)} · {t("meetings.report.replies", { count: d.replyCount })})
                      </span>
                    </span>
                    <span className="search-results__actions">{action(d)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
