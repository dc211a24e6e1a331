import { Form, Link, redirect, useLoaderData } from "react-router";
import { listMail } from "~/circle/mail-log.server";
import { mailFilters, type MailFilter } from "~/circle/paths";
import { formatDateTime } from "~/components/format";
import { Pagination } from "~/components/Pagination";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/circle.mail";

// "Verstuurde e-mail" (admins): what the site sent, what it kept (no SMTP_URL), what failed.
export async function loader({ context, request }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fcircle%2Fmail");
  const search = new URL(request.url).searchParams;
  const filter = (mailFilters as readonly string[]).includes(search.get("filter") ?? "") ? (search.get("filter") as MailFilter) : "all";
  return await listMail(guardian, { page: Number(search.get("page") ?? 1), filter }).catch(rethrowAsHttp);
}

export default function MailLog() {
  const { t, i18n } = useTranslation();
  const log = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>{`${t("circle.mailLog.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.mailLog.title")}</h1>
      <p>{t("circle.mailLog.intro")}</p>
      {!log.smtpConfigured ? <p className="alert alert--info">{t("circle.mailLog.keptIntro")}</p> : null}
      <Form method="get" className="button-row">
        <div className="field">
          <label htmlFor="mail-filter">{t("circle.mailLog.filter")}</label>
          <select id="mail-filter" name="filter" defaultValue={log.filter}>
            {mailFilters.map((f) => (
              <option key={f} value={f}>
                {t(`circle.mailLog.filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("circle.mailLog.show")}
        </button>
      </Form>
      {log.items.length === 0 ? (
        <p>{t("circle.mailLog.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("circle.mailLog.date")}</th>
                <th scope="col">{t("circle.mailLog.to")}</th>
                <th scope="col">{t("circle.mailLog.subject")}</th>
                <th scope="col">{t("circle.mailLog.status")}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((mail) => (
                <tr key={mail.id}>
                  <td>{formatDateTime(mail.createdAt, i18n.language)}</td>
                  <td>{mail.toAddress}</td>
                  <td>
                    <Link to={`/circle/mail/${mail.id}`}>{mail.subject}</Link>
                  </td>
                  <td>
                    {t(`circle.mailLog.statuses.${mail.status}`)}
                    {mail.status === "failed" && mail.lastError ? (
                      <>
                        <br />
                        <span className="meta">{mail.lastError}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={log.page}
        pageCount={log.pageCount}
        hrefFor={(p) => `/circle/mail?filter=${log.filter}&page=${p}`}
        labels={{
          nav: t("competences.pager.label"),
          previous: t("competences.pager.previous"),
          next: t("competences.pager.next"),
          current: t("competences.pager.current", { page: log.page, pages: log.pageCount }),
        }}
      />
    </div>
  );
}
