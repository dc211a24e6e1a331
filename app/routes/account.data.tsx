import { isRouteErrorResponse, Link, redirect, useLoaderData } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/account.data";

// /account/data — "Download je gegevens": what the archive holds, and the link that makes it.

export const ARCHIVE_PATH = "/account/data/archive.zip";

export function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect("/login?redirectTo=/account/data");
  return { archive: ARCHIVE_PATH };
}

export default function AccountData() {
  const { t } = useTranslation();
  const { archive } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <title>{`${t("avg.data.title")} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1>{t("avg.data.title")}</h1>
      <p className="lead">{t("avg.data.intro")}</p>
      <p>{t("avg.data.what")}</p>
      {/* A plain link: the browser downloads the file itself, with or without JavaScript. */}
      <p>
        <a className="button" href={archive} download>
          {t("avg.data.download")}
        </a>
      </p>
      <p>
        <Link to="/account/erase">{t("avg.erase.link")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
