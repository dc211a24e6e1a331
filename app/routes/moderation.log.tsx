import { Form, Link, redirect, useLoaderData } from "react-router";
import { formatDateTime } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { auditKinds, listAuditEntries } from "~/moderation/audit-log.server";
import { AUDIT_KEPT_DAYS } from "~/moderation/audit-retention.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { auditFilterOf } from "~/moderation/audit-filter";
import type { Route } from "./+types/moderation.log";

// The audit trail for organisers and admins (/moderation/log): filter by who, kind and period
// (a plain GET form: works without JavaScript, and the address can be shared), page back in
// time, download what is shown as CSV.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fmoderation%2Flog");
  const url = new URL(request.url);
  const { filter, raw, before } = auditFilterOf(url.searchParams);
  const page = await listAuditEntries(guardian, filter, before).catch(rethrowAsHttp);
  const csv = new URLSearchParams(Object.entries(raw).filter(([, v]) => v) as [string, string][]);
  const older = page.nextBefore ? new URLSearchParams([...csv, ["before", page.nextBefore]]) : null;
  return {
    raw,
    kinds: auditKinds(),
    actors: page.actors,
    rows: page.rows.map((r) => ({ ...r, before: show(r.before), after: show(r.after) })),
    csvHref: `/moderation/log.csv${csv.size ? `?${csv}` : ""}`,
    olderHref: older ? `/moderation/log?${older}` : null,
    keptDays: AUDIT_KEPT_DAYS,
  };
}

const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value).replace(/[{}"]/g, "").replace(/,/g, ", ").replace(/:/g, ": "));

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const { raw, kinds, actors, rows, csvHref, olderHref, keptDays } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("moderation.log.title")} · ${t("app.name")}`}</title>
      <h1>{t("moderation.log.title")}</h1>
      <p>{t("moderation.log.intro", { days: keptDays })}</p>
      <Form method="get" className="audit-filter" aria-label={t("moderation.log.filter")}>
        <div className="field">
          <label htmlFor="log-actor">{t("moderation.log.who")}</label>
          <select id="log-actor" name="actor" defaultValue={raw.actor}>
            <option value="">{t("moderation.log.anyone")}</option>
            {actors.map((a) => (
              <option key={a.handle} value={a.handle}>
                {a.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-kind">{t("moderation.log.kind")}</label>
          <select id="log-kind" name="kind" defaultValue={raw.kind}>
            <option value="">{t("moderation.log.anyKind")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`moderation.kinds.${k}`, { defaultValue: k })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-from">{t("moderation.log.from")}</label>
          <input id="log-from" name="from" type="date" defaultValue={raw.from} />
        </div>
        <div className="field">
          <label htmlFor="log-to">{t("moderation.log.to")}</label>
          <input id="log-to" name="to" type="date" defaultValue={raw.to} />
        </div>
        <button type="submit" className="button">
          {t("moderation.log.apply")}
        </button>
      </Form>
      <p>
        <a href={csvHref} download>
          {t("moderation.log.csv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("moderation.log.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("moderation.log.when")}</th>
                <th scope="col">{t("moderation.log.who")}</th>
                <th scope="col">{t("moderation.log.what")}</th>
                <th scope="col">{t("moderation.log.about")}</th>
                <th scope="col">{t("moderation.log.why")}</th>
                <th scope="col">{t("moderation.log.change")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.occurredAt, i18n.language)}</td>
                  <td>
                    {r.actor ? <Link to={`/members/${r.actor.handle}`}>{r.actor.displayName}</Link> : r.actorErased ? t("moderation.log.erased") : t("moderation.log.operator")}
                  </td>
                  <td>{t(`moderation.kinds.${r.kind}`, { defaultValue: r.kind })}</td>
                  <td>
                    {t(`moderation.subjects.${r.subjectKind}`, { defaultValue: r.subjectKind })} {r.subjectId}
                  </td>
                  <td>{r.reason}</td>
                  <td>
                    {r.before}
                    {r.before || r.after ? " → " : null}
                    {r.after}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref ? (
        <p>
          <Link to={olderHref}>{t("moderation.log.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
