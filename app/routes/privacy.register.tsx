import { data, isRouteErrorResponse, Link, redirect, useLoaderData } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { useTranslation } from "~/components/use-translation";
import { retentionFacts } from "~/rights/retention.server";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/privacy.register";

// /privacy/register — the processing register (AVG art. 30) for admins: what is kept, why, on
// what basis, how long and who sees it. The days come from the code that purges.

type Row = { what: string; why: string; basis: string; howLong: string; who: string };
const COLUMNS = ["what", "why", "basis", "howLong", "who"] as const;

export function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=/privacy/register");
  if (!guardian.canSeeProcessingRegister()) throw data(null, { status: 403 });
  return { days: retentionFacts() };
}

export default function ProcessingRegister() {
  const { t } = useTranslation();
  const { days } = useLoaderData<typeof loader>();
  const rows = t("avg.register.rows", { returnObjects: true, ...days }) as Row[];
  return (
    <div className="page">
      <title>{`${t("avg.register.title")} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/privacy">{t("avg.statement.title")}</Link>
      </p>
      <h1>{t("avg.register.title")}</h1>
      <p className="lead">{t("avg.register.intro")}</p>
      <div className="table-scroll" role="region" aria-labelledby="register-caption" tabIndex={0}>
        <table className="register-table">
          <caption id="register-caption" className="visually-hidden">
            {t("avg.register.title")}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {t(`avg.register.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.what}>
                <th scope="row">{row.what}</th>
                <td>{row.why}</td>
                <td>{row.basis}</td>
                <td>{row.howLong}</td>
                <td>{row.who}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
