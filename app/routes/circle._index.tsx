import { Link, redirect, useLoaderData } from "react-router";
import { countJoinRequests } from "~/accounts/join-requests.server";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import type { Route } from "./+types/circle._index";

// Running the circle: the pages organisers and admins use to let people in.
export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fcircle");
  if (!guardian.canInvite()) throw new Response(null, { status: 403 });
  return {
    requests: await countJoinRequests(guardian),
    canChooseJoinMode: guardian.canChooseJoinMode(),
    canReadMailLog: guardian.canReadMailLog(),
    canSeeProcessingRegister: guardian.canSeeProcessingRegister(),
  };
}

export default function Circle() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const items = [
    { to: "/circle/requests", label: t("circle.hub.requests"), hint: t("circle.hub.requestsHint", { count: data.requests }) },
    { to: "/circle/invitations", label: t("circle.hub.invitations"), hint: t("circle.hub.invitationsHint") },
    ...(data.canChooseJoinMode ? [{ to: "/circle/settings", label: t("circle.hub.settings"), hint: t("circle.hub.settingsHint") }] : []),
    ...(data.canReadMailLog ? [{ to: "/circle/mail", label: t("circle.hub.mail"), hint: t("circle.hub.mailHint") }] : []),
    ...(data.canSeeProcessingRegister ? [{ to: "/privacy/register", label: t("avg.register.title"), hint: t("avg.register.hint") }] : []),
  ];
  return (
    <div className="page narrow">
      <title>{`${t("circle.hub.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.hub.title")}</h1>
      <p>{t("circle.hub.intro")}</p>
      <ul className="choice-list">
        {items.map((item) => (
          <li key={item.to} className="card">
            <h2>
              <Link to={item.to}>{item.label}</Link>
            </h2>
            <p>{item.hint}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
