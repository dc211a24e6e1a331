import { data, Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { memberIdOf } from "~/guardian/guardian.server";
import { eraseAccount, erasureTargetOf } from "~/rights/erase.server";
import { guardianOf, requestInfo } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { clearSessionCookie } from "~/web/session-cookie.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/account.erase";

// /account/erase — the member deletes their account (AVG art. 17). They choose what happens to
// their posts; a confirmation box keeps a slip of the mouse from doing it. Afterwards they are
// signed out everywhere and land on this page's "done" state.

export async function loader({ request, context }: Route.LoaderArgs) {
  const done = new URL(request.url).searchParams.get("done") === "1";
  if (done) return { done, allowed: true };
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount() || guardian.viewer.kind !== "member") throw redirect("/login?redirectTo=/account/erase");
  // The circle's last admin is told why not (and what to do) instead of seeing the form.
  const self = await erasureTargetOf(guardian, guardian.viewer.handle).catch(rethrowAsHttp);
  return { done, allowed: self.allowed };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect("/login?redirectTo=/account/erase");
  const form = await readForm(request);
  const posts = form.get("posts") === "remove" ? "remove" : "keep";
  if (form.get("confirm") !== "yes") {
    return data({ posts, errors: { confirm: ["avg.erase.errors.confirm"] } }, { status: 400 });
  }
  await eraseAccount(guardian, memberIdOf(guardian), {
    removePosts: posts === "remove",
  }).catch(rethrowAsHttp);
  return redirect("/account/erase?done=1", {
    headers: {
      "Set-Cookie": clearSessionCookie(requestInfo(context).secureCookies),
    },
  });
}

export default function EraseAccount() {
  const { t } = useTranslation();
  const { done, allowed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (done) {
    return (
      <div className="page narrow">
        <title>{`${t("avg.erase.doneTitle")} · ${t("app.name")}`}</title>
        <h1>{t("avg.erase.doneTitle")}</h1>
        <p className="alert alert--success" role="status">
          {t("avg.erase.done")}
        </p>
        <p>
          <Link to="/">{t("avg.erase.home")}</Link>
        </p>
      </div>
    );
  }
  const posts = answer?.posts ?? "keep";
  const confirmErrors = answer?.errors.confirm;
  return (
    <div className="page narrow">
      <title>{`${t("avg.erase.title")} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1>{t("avg.erase.title")}</h1>
      <p className="lead">{t("avg.erase.intro")}</p>
      <ul>
        <li>{t("avg.erase.goes")}</li>
        <li>{t("avg.erase.stays")}</li>
      </ul>
      <p>
        <Link to="/account/data">{t("avg.erase.downloadFirst")}</Link>
      </p>
      {!allowed ? (
        <p className="alert alert--info">{t("avg.erase.lastAdmin")}</p>
      ) : (
        <Form method="post" className="stack">
          <fieldset className="checkbox-group">
            <legend>{t("avg.erase.postsLegend")}</legend>
            <ul className="checkbox-group__options">
              <li className="field--checkbox">
                <input type="radio" id="posts-keep" name="posts" value="keep" defaultChecked={posts === "keep"} />
                <label htmlFor="posts-keep">{t("avg.erase.keep")}</label>
              </li>
              <li className="field--checkbox">
                <input type="radio" id="posts-remove" name="posts" value="remove" defaultChecked={posts === "remove"} />
                <label htmlFor="posts-remove">{t("avg.erase.remove")}</label>
              </li>
            </ul>
          </fieldset>
          <div className="field field--checkbox">
            <input
              type="checkbox"
              id="confirm"
              name="confirm"
              value="yes"
              aria-invalid={confirmErrors ? true : undefined}
              aria-describedby={confirmErrors ? "confirm-error" : undefined}
            />
            <label htmlFor="confirm">{t("avg.erase.confirm")}</label>
            <FieldErrors id="confirm-error" errors={confirmErrors} />
          </div>
          <button type="submit" className="button button--danger">
            {t("avg.erase.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
