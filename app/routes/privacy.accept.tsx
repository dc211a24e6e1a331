import { Form, isRouteErrorResponse, Link, redirect, useLoaderData } from "react-router";
import { acceptPrivacyStatement, consentStateOf } from "~/accounts/consent.server";
import { ErrorPage } from "~/components/ErrorPage";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { safeRedirect } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/privacy.accept";

// /privacy/accept — a member who accepted an older privacy statement reads what changed and
// accepts the new one (decision 026). A plain form: works without JavaScript. After accepting
// they go back to where they were refused (redirectTo), or see the thanks here.

const HERE = "/privacy/accept";

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const url = new URL(request.url);
  if (!guardian.canAcceptPrivacyStatement()) throw redirect(`/login?redirectTo=${encodeURIComponent(HERE)}`);
  const state = await consentStateOf(guardian).catch(rethrowAsHttp);
  return {
    ...state,
    needed: state.accepted !== null && state.accepted !== state.current,
    justAccepted: url.searchParams.get("accepted") === "1",
    redirectTo: url.searchParams.get("redirectTo") ?? "",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canAcceptPrivacyStatement()) throw redirect(`/login?redirectTo=${encodeURIComponent(HERE)}`);
  const form = await readForm(request);
  await acceptPrivacyStatement(guardian).catch(rethrowAsHttp);
  const back = form.get("redirectTo");
  return redirect(back ? safeRedirect(back, `${HERE}?accepted=1`) : `${HERE}?accepted=1`);
}

export default function AcceptPrivacyStatement() {
  const { t, i18n } = useTranslation();
  const { current, accepted, acceptedAt, newer, needed, justAccepted, redirectTo } = useLoaderData<typeof loader>();
  const title = needed ? t("avg.consent.title") : t("avg.consent.upToDateTitle");
  return (
    <div className="page narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {justAccepted ? (
        <p className="alert alert--success" role="status">
          {t("avg.consent.accepted", { version: current })}
        </p>
      ) : null}
      {needed ? (
        <>
          <p className="lead">{t("avg.consent.intro")}</p>
          {accepted && acceptedAt ? (
            <p>
              {t("avg.consent.youAccepted", {
                version: accepted,
                date: formatDate(acceptedAt, i18n.language),
              })}
            </p>
          ) : null}
          {newer.map((version) => (
            <section key={version} aria-labelledby={`changes-${version}`}>
              <h2 id={`changes-${version}`}>{t("avg.consent.changesTitle", { version })}</h2>
              <ul>
                {(
                  t(`avg.consent.changes.${version}`, {
                    returnObjects: true,
                    defaultValue: [],
                  }) as string[]
                ).map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </section>
          ))}
          <p>
            <Link to="/privacy" target="_blank">
              {t("avg.consent.readFull")}
            </Link>
          </p>
          <Form method="post" className="stack">
            {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
            <button type="submit" className="button">
              {t("avg.consent.accept")}
            </button>
          </Form>
        </>
      ) : (
        <>
          {acceptedAt && !justAccepted ? (
            <p>
              {t("avg.consent.upToDate", {
                version: current,
                date: formatDate(acceptedAt, i18n.language),
              })}
            </p>
          ) : null}
          <p>
            <Link to="/privacy">{t("avg.statement.title")}</Link>
          </p>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
