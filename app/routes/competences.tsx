import { useTranslation } from "~/components/use-translation";
import { isRouteErrorResponse, Link, useLoaderData } from "react-router";
import { listCompetences, type CompetenceListItem } from "~/competences/competences.server";
import { competenceName, competencePath, NEW_COMPETENCE_PATH } from "~/competences/paths";
import { ErrorPage } from "~/components/ErrorPage";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/competences";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  return { ...(await listCompetences(guardian)), canManage: guardian.canManageCompetences() };
}

export default function Competences() {
  const { t } = useTranslation();
  const { active, retired, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <title>{`${t("competences.title")} · ${t("app.name")}`}</title>
      <h1>{t("competences.title")}</h1>
      <p className="lead">{t("competences.intro")}</p>
      {canManage ? (
        <p>
          <Link to={NEW_COMPETENCE_PATH} className="button">
            {t("competences.new")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="active-heading">
        <h2 id="active-heading">{t("competences.active")}</h2>
        {active.length === 0 ? <p>{t("competences.none")}</p> : <CompetenceList items={active} />}
      </section>

      {retired.length ? (
        <section aria-labelledby="retired-heading">
          <h2 id="retired-heading">{t("competences.retired")}</h2>
          <p>{t("competences.retiredIntro")}</p>
          <CompetenceList items={retired} />
        </section>
      ) : null}
    </div>
  );
}

function CompetenceList({ items }: { items: CompetenceListItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="competence-list">
      {items.map((c) => (
        <li key={c.id} className="competence-list__item">
          <h3 className="competence-list__name">
            <Link to={competencePath(c)}>{competenceName(c, i18n.language)}</Link>
          </h3>
          <p className="meta">
            {t("competences.dilemmaCount", { count: c.dilemmaCount })}
            {c.retiredAt ? <> · {t("competences.retiredMark")}</> : null}
          </p>
          {c.summary ? <p className="competence-list__summary">{c.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
