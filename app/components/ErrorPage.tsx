import { useTranslation } from "~/components/use-translation";
import { Link } from "react-router";

// What a member sees when something fails: in their language, saying what they can do next.
// Never a stack trace: the details are in the server log under the request id.
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : status === 503
          ? [t("errors.unavailableTitle"), t("errors.unavailable")]
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
