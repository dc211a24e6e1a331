import { useTranslation } from "~/components/use-translation";
import { Link, useLocation, useRouteLoaderData } from "react-router";
import { consentPath } from "~/components/privacy/ConsentBanner";

// What a member sees when something fails: in their language, saying what they can do next.
// Never a stack trace: the details are in the server log under the request id.
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  // A refusal because the member has not accepted the new privacy statement says so (026).
  const root = useRouteLoaderData("root") as { viewer?: { consentNeeded?: boolean } | null } | undefined;
  if (status === 403 && root?.viewer?.consentNeeded) {
    return (
      <div className="page narrow">
        <title>{`${t("avg.consent.refusedTitle")} · ${t("app.name")}`}</title>
        <h1>{t("avg.consent.refusedTitle")}</h1>
        <p>{t("avg.consent.refused")}</p>
        <p>
          <Link to={consentPath(`${pathname}${search}`)}>{t("avg.consent.refusedLink")}</Link>
        </p>
      </div>
    );
  }
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : status === 503
          ? [t("errors.unavailableTitle"), t("errors.unavailable")]
          : status >= 400 && status < 500
            ? [t("errors.requestTitle"), t("errors.request")]
            : [t("errors.pageTitle"), t("errors.unexpected")];
  return (
    <div className="page narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
