import { Link, redirect, useLoaderData } from "react-router";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { listOwnFlags } from "~/moderation/flags.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/moderation.my-flags";

// "Mijn meldingen": what the member flagged and what the organisers decided.

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fflags");
  return { flags: await listOwnFlags(guardian).catch(rethrowAsHttp) };
}

export default function MyFlags() {
  const { t, i18n } = useTranslation();
  const { flags } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <title>{`${t("moderation.mine.title")} · ${t("app.name")}`}</title>
      <h1>{t("moderation.mine.title")}</h1>
      <p>{t("moderation.mine.intro")}</p>
      {flags.length === 0 ? (
        <p>{t("moderation.mine.none")}</p>
      ) : (
        <ul className="request-list">
          {flags.map((f) => (
            <li key={f.id}>
              <h2>{f.post ? (f.post.href ? <Link to={f.post.href}>{f.post.title}</Link> : f.post.title) : t("moderation.mine.gone")}</h2>
              <p className="meta">
                {[f.post ? t(`moderation.posts.${f.post.kind}`) : null, t(`moderation.reasons.${f.reason}`), t("moderation.mine.flaggedOn", { date: formatDate(f.createdAt, i18n.language) })]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <p>
                <strong>{t(f.outcome === "hidden" || f.outcome === "warned" ? `moderation.status.${f.outcome}` : `moderation.status.${f.status}`)}</strong>
                {f.decidedAt ? ` · ${t("moderation.mine.decidedOn", { date: formatDate(f.decidedAt, i18n.language) })}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
