import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link, redirect } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate, isoDate } from "~/components/format";
import { listSearchMisses } from "~/search/misses.server";
import { searchHref, searchRequestFromParams, SEARCH_SYNONYMS_PATH } from "~/search/params";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/search-misses";

// /search/misses (organisers and admins): what was searched in the last 90 days without a
// result, most frequent first. Only the words and the day are kept, never who searched.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  }
  return { misses: await listSearchMisses(guardian).catch(rethrowAsHttp) };
}

export default function SearchMisses({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const empty = searchRequestFromParams(new URLSearchParams());
  return (
    <div className="page narrow">
      <title>{`${t("search.misses.title")} · ${t("app.name")}`}</title>
      <h1>{t("search.misses.title")}</h1>
      <p className="lead">{t("search.misses.intro")}</p>
      <p>{t("search.misses.privacy")}</p>
      <p>
        <Link to={SEARCH_SYNONYMS_PATH}>{t("search.misses.synonymsLink")}</Link>
      </p>
      {loaderData.misses.length === 0 ? (
        <p>{t("search.misses.none")}</p>
      ) : (
        <table className="search-misses">
          <caption className="visually-hidden">{t("search.misses.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("search.misses.query")}</th>
              <th scope="col">{t("search.misses.count")}</th>
              <th scope="col">{t("search.misses.days")}</th>
              <th scope="col">{t("search.misses.last")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.misses.map((m) => (
              <tr key={m.query}>
                <td>
                  <Link to={searchHref({ ...empty, q: m.query })}>{m.query}</Link>
                </td>
                <td>{m.count}</td>
                <td>{m.days}</td>
                <td>
                  <time dateTime={isoDate(m.lastDay)}>{formatDate(m.lastDay, i18n.language)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
