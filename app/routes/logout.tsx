import { useTranslation } from "~/components/use-translation";
import { Form, redirect } from "react-router";
import { logOut } from "~/accounts/accounts.server";
import { requestInfo, viewerInfo } from "~/web/context.server";
import { clearSessionCookie } from "~/web/session-cookie.server";
import type { Route } from "./+types/logout";

// Logging out is a POST (a GET could be triggered by any image tag on another site).
// The GET page offers the button, for a member who followed a "log out" link.
export async function loader({ context }: Route.LoaderArgs) {
  if (!viewerInfo(context).sessionId) throw redirect("/login");
  return null;
}

export async function action({ context }: Route.ActionArgs) {
  const { sessionId } = viewerInfo(context);
  if (sessionId) await logOut(sessionId);
  return redirect("/login?loggedOut=1", {
    headers: { "Set-Cookie": clearSessionCookie(requestInfo(context).secureCookies) },
  });
}

export default function LogOut() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <title>{`${t("nav.logout")} · ${t("app.name")}`}</title>
      <h1>{t("nav.logout")}</h1>
      <Form method="post">
        <button type="submit" className="button">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}
