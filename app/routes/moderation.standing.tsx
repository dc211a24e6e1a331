import { redirect, useLoaderData } from "react-router";
import { formatDate } from "~/components/format";
import { StandingHistory } from "~/components/moderation/StandingHistory";
import { useTranslation } from "~/components/use-translation";
import { getOwnStanding } from "~/moderation/members.server";
import { STANDING_PATH } from "~/moderation/paths";
import { lastDayOf } from "~/moderation/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/moderation.standing";

// "Jouw status in de kring" (decision 027): a member reads whether they are suspended, until
// when and why, and the warnings they were given. Never who flagged; not who decided either
// (the circle's organisers decide together; the trail knows the name).

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(STANDING_PATH)}`);
  return await getOwnStanding(guardian).catch(rethrowAsHttp);
}

export default function Standing() {
  const { t, i18n } = useTranslation();
  const { suspension, history } = useLoaderData<typeof loader>();
  const lastDay = (until: Date | string) => formatDate(lastDayOf(until), i18n.language);
  return (
    <div className="page narrow">
      <title>{`${t("moderation.standing.title")} · ${t("app.name")}`}</title>
      <h1>{t("moderation.standing.title")}</h1>
      <p>{t("moderation.standing.intro")}</p>
      {suspension ? (
        <section className="alert alert--info" aria-labelledby="standing-suspended">
          <h2 id="standing-suspended">{t("moderation.standing.suspended", { date: lastDay(suspension.until) })}</h2>
          <p>{t("moderation.standing.suspendedBody")}</p>
          {suspension.reason ? (
            <>
              <p>{t("moderation.standing.reason")}</p>
              <blockquote className="quote">{suspension.reason}</blockquote>
            </>
          ) : null}
        </section>
      ) : (
        <p>{t("moderation.standing.fine")}</p>
      )}
      <h2>{t("moderation.standing.history")}</h2>
      <StandingHistory items={history} none={t("moderation.standing.none")} />
    </div>
  );
}
