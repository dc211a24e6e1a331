import { useEffect, useRef } from "react";
import { Trans } from "react-i18next";
import { Form, isRouteErrorResponse, Link, redirect, useNavigation, useSubmit } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { MemberCard } from "~/components/members/MemberCard";
import { Pagination } from "~/components/Pagination";
import { useTranslation } from "~/components/use-translation";
import { competenceName } from "~/competences/paths";
import {
  DIRECTORY_TEXT_MAX,
  directoryHref,
  directoryQueryFromSearchParams,
  isFiltered,
} from "~/members/directory-query";
import { listMembers } from "~/members/directory.server";
import { MEMBERS_PATH } from "~/members/paths";
import { guardianOf, sharedReadsOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/members";

// /members: the circle's member directory, for its members (Guardian.whyNotSeeMembers; a
// visitor is asked to log in and comes back here). Filters in a GET form, so a filtered
// directory is a link and works without JavaScript; with JavaScript the list follows the
// typing, and the number found is announced.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const url = new URL(request.url);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const query = directoryQueryFromSearchParams(url.searchParams);
  const directory = await listMembers(guardian, query, sharedReadsOf(context)).catch(rethrowAsHttp);
  return {
    directory,
    viewerHandle: guardian.viewer.kind === "member" ? guardian.viewer.handle : null,
    /** An admin just erased an account on request (/members/:handle/erase, decision 026). */
    erased: url.searchParams.get("erased") === "1" && guardian.isAdmin,
  };
}

const TYPING_PAUSE_MS = 300;

export default function Members({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { directory, viewerHandle, erased } = loaderData;
  const { entries, filter, total, page, pageCount, competences } = directory;
  const filtered = isFiltered(filter);
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location.pathname === MEMBERS_PATH;
  const textInput = useRef<HTMLInputElement>(null);
  const typing = useRef<number | undefined>(undefined);

  // The text field is the member's while they type; after any other navigation (a competence
  // link, "show all", back) it shows the filter the page was found with.
  useEffect(() => {
    const input = textInput.current;
    if (input && document.activeElement !== input && input.value !== filter.text) input.value = filter.text;
  }, [filter.text]);
  useEffect(() => () => window.clearTimeout(typing.current), []);

  // With JavaScript: a new list after each pause in typing, at once for the other fields.
  // The address changes with it (replace: typing is not a trail of pages to go back through).
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    window.clearTimeout(typing.current);
    const wait = event.target === textInput.current ? TYPING_PAUSE_MS : 0;
    typing.current = window.setTimeout(() => void submit(form, { replace: true, preventScrollReset: true }), wait);
  };

  return (
    <div className="page">
      <title>{`${t("directory.list.title")} · ${t("app.name")}`}</title>
      <h1>{t("directory.list.title")}</h1>
      {erased ? (
        <p className="alert alert--success" role="status">
          {t("avg.adminErase.done")} <Link to="/moderation/log?kind=account.erased">{t("avg.adminErase.toLog")}</Link>
        </p>
      ) : null}
      <p className="lead">{t("directory.list.intro")}</p>

      <section aria-labelledby="member-filter-heading" className="card card--quiet member-filter">
        <h2 id="member-filter-heading">{t("directory.list.filterHeading")}</h2>
        <Form method="get" action={MEMBERS_PATH} className="member-filter__form" role="search" onChange={onChange}>
          <div className="field member-filter__text">
            <label htmlFor="member-filter-text">{t("directory.list.text")}</label>
            <p id="member-filter-text-hint" className="field__hint">
              {t("directory.list.textHint")}
            </p>
            <input
              ref={textInput}
              id="member-filter-text"
              type="search"
              name="q"
              defaultValue={filter.text}
              maxLength={DIRECTORY_TEXT_MAX}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="member-filter-text-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="member-filter-competence">{t("directory.list.competence")}</label>
            <select id="member-filter-competence" name="competence" defaultValue={filter.competence ?? ""} key={filter.competence ?? ""}>
              <option value="">{t("directory.list.competenceAny")}</option>
              {competences.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {t("directory.list.competenceOption", { name: competenceName(c, i18n.language), count: c.members })}
                </option>
              ))}
            </select>
          </div>
          <div className="field--checkbox">
            <input
              type="checkbox"
              id="member-filter-staff"
              name="role"
              value="staff"
              defaultChecked={filter.staffOnly}
              key={String(filter.staffOnly)}
            />
            <label htmlFor="member-filter-staff">{t("directory.list.staffOnly")}</label>
          </div>
          <div className="button-row">
            <button type="submit" className="button">
              {t("directory.list.apply")}
            </button>
            {filtered ? <Link to={MEMBERS_PATH}>{t("directory.list.clear")}</Link> : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="member-results-heading" aria-busy={busy || undefined}>
        <h2 id="member-results-heading">{filtered ? t("directory.list.resultsFiltered") : t("directory.list.resultsAll")}</h2>
        <p role="status" className="member-count">
          {filtered ? t("directory.list.countFiltered", { count: total }) : t("directory.list.count", { count: total })}
        </p>
        {entries.length === 0 ? (
          <p>
            {total > 0 ? (
              <Trans i18nKey="directory.list.emptyPage" components={{ startLink: <Link to={directoryHref(filter)} /> }} />
            ) : (
              <Trans i18nKey="directory.list.emptyFiltered" components={{ clearLink: <Link to={MEMBERS_PATH} /> }} />
            )}
          </p>
        ) : (
          <ul className="member-list">
            {entries.map((m) => (
              <MemberCard key={m.handle} member={m} isViewer={m.handle === viewerHandle} />
            ))}
          </ul>
        )}
        {entries.length ? (
          <Pagination
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => directoryHref(filter, p)}
            labels={{
              nav: t("directory.list.pager.label"),
              previous: t("directory.list.pager.previous"),
              next: t("directory.list.pager.next"),
              current: t("directory.list.pager.current", { page, pages: pageCount }),
            }}
          />
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
