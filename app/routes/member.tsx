import { RelativeTime } from "~/components/RelativeTime";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { CompetenceTags } from "~/components/CompetenceTags";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors, FormErrors } from "~/components/FormFields";
import { formatDate, isoDate } from "~/components/format";
import { Pagination } from "~/components/Pagination";
import { dilemmaPath } from "~/dilemmas/paths";
import { Avatar } from "~/components/members/Avatar";
import { MEMBERS_PATH, memberPath, PROFILE_EDIT_PATH } from "~/members/paths";
import { changeMemberRole, getMemberProfile } from "~/members/profiles.server";
import { replyPermalink } from "~/replies/paths";
import { RoleChangeSchema } from "~/members/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/member";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const search = url.searchParams;
  // The circle is closed (Guardian.whyNotSeeProfile): a visitor logs in and comes back here.
  if (guardianOf(context).isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const profile = await getMemberProfile(guardianOf(context), params.handle, {
    dilemmas: Number(search.get("dilemmas") ?? 1),
    replies: Number(search.get("replies") ?? 1),
  }).catch(rethrowAsHttp);
  return { profile };
}

// The only action on someone else's profile: an admin changes their role.
export async function action({ request, params, context }: Route.ActionArgs) {
  const formData = await readForm(request);
  if (formData.get("intent") !== "change-role") throw new Response(null, { status: 400 });
  const submission = parseWithZod(formData, { schema: RoleChangeSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await changeMemberRole(guardianOf(context), params.handle, submission.value.role);
    return redirect(`${memberPath({ handle: params.handle })}?done=role`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function Member() {
  const { t, i18n } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const lang = i18n.language;
  const done = searchParams.get("done");
  // Each list pages on its own; the other list's page stays in the address.
  const pageHref = (list: "dilemmas" | "replies", page: number) => {
    const next = new URLSearchParams(searchParams);
    next.delete("done");
    next.set(list, String(page));
    return `${memberPath(profile)}?${next}`;
  };
  const pagerLabels = (page: number, pages: number) => ({
    nav: t("competences.pager.label"),
    previous: t("competences.pager.previous"),
    next: t("competences.pager.next"),
    current: t("competences.pager.current", { page, pages }),
  });
  return (
    <div className="page narrow">
      <title>{`${profile.displayName} · ${t("app.name")}`}</title>
      <p className="back-link">
        <Link to={MEMBERS_PATH}>{t("directory.profile.allMembers")}</Link>
      </p>
      <div className="profile-head">
        <Avatar member={profile} size="profile" showPhoto />
        <h1>{profile.displayName}</h1>
      </div>
      {done === "saved" || done === "role" ? (
        <p className="alert alert--success" role="status">
          {done === "saved" ? t("members.profile.saved") : t("members.role.changed")}
        </p>
      ) : null}
      <dl className="details">
        {profile.organisation ? (
          <>
            <dt>{t("members.profile.organisation")}</dt>
            <dd>{profile.organisation}</dd>
          </>
        ) : null}
        <dt>{t("members.profile.role")}</dt>
        <dd>{t(`account.roles.${profile.role}`)}</dd>
        <dt>{t("members.profile.memberSince")}</dt>
        <dd>
          <time dateTime={isoDate(profile.memberSince)}>{formatDate(profile.memberSince, lang)}</time>
        </dd>
        {profile.email ? (
          <>
            <dt>{t("members.profile.email")}</dt>
            <dd>
              {profile.email}
              <br />
              <span className="meta">
                {profile.canEdit ? t("members.profile.emailPrivate") : t("members.profile.emailAdmin")}
              </span>
            </dd>
          </>
        ) : null}
      </dl>
      {profile.canEdit ? (
        <p>
          <Link to={PROFILE_EDIT_PATH} className="button button--secondary">
            {t("members.profile.edit")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="expertise-heading">
        <h2 id="expertise-heading">{t("members.profile.expertise")}</h2>
        {profile.expertise.length ? (
          <CompetenceTags competences={profile.expertise} label={t("members.profile.expertise")} />
        ) : (
          <p>{t("members.profile.noExpertise")}</p>
        )}
      </section>

      <section aria-labelledby="dilemmas-heading">
        <h2 id="dilemmas-heading">
          {t("members.profile.dilemmasHeading")}{" "}
          <span className="heading-count">({t("members.profile.dilemmaCount", { count: profile.dilemmas.count })})</span>
        </h2>
        {profile.dilemmas.items.length === 0 ? <p>{t("members.profile.noDilemmas")}</p> : null}
        <ul className="dilemma-list">
          {profile.dilemmas.items.map((d) => (
            <li key={d.id} className="dilemma-list__item">
              <h3 className="dilemma-list__title">
                <Link to={dilemmaPath(d)}>{d.title}</Link>
              </h3>
              <p className="meta">
                {d.hidden ? <strong>{t("members.profile.hidden")} · </strong> : null}
                <span className={`status status--${d.status}`}>{t(`members.profile.status.${d.status}`)}</span> ·{" "}
                {t("members.profile.replyCount", { count: d.replyCount })} ·{" "}
                <RelativeTime at={d.createdAt} />
              </p>
            </li>
          ))}
        </ul>
        <Pagination
          page={profile.dilemmas.page}
          pageCount={profile.dilemmas.pageCount}
          hrefFor={(p) => pageHref("dilemmas", p)}
          labels={pagerLabels(profile.dilemmas.page, profile.dilemmas.pageCount)}
        />
      </section>

      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">
          {t("members.profile.repliesHeading")}{" "}
          <span className="heading-count">({t("members.profile.replyCount", { count: profile.replies.count })})</span>
        </h2>
        {profile.replies.items.length === 0 ? <p>{t("members.profile.noReplies")}</p> : null}
        <ul className="reply-list">
          {profile.replies.items.map((r) => (
            <li key={r.id} className="reply-list__item">
              <p className="reply-list__on">
                {t("members.profile.replyOn")} <Link to={dilemmaPath(r.dilemma)}>{r.dilemma.title}</Link>
              </p>
              <p className="reply-list__excerpt">{r.excerpt}</p>
              <p className="meta">
                <RelativeTime at={r.createdAt} /> ·{" "}
                <Link to={replyPermalink(r.id)}>
                  {t("members.profile.readReply")}
                  <span className="visually-hidden">
                    {" "}
                    ({t("members.profile.replyOn").toLowerCase()} {r.dilemma.title})
                  </span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
        <Pagination
          page={profile.replies.page}
          pageCount={profile.replies.pageCount}
          hrefFor={(p) => pageHref("replies", p)}
          labels={pagerLabels(profile.replies.page, profile.replies.pageCount)}
        />
      </section>

      {profile.roleChoices.length ? <RoleForm name={profile.displayName} role={profile.role} choices={profile.roleChoices} /> : null}
      {profile.canEraseOnRequest ? (
        <section aria-labelledby="erase-heading">
          <h2 id="erase-heading">{t("avg.adminErase.heading")}</h2>
          <p>{t("avg.adminErase.profileIntro")}</p>
          <p>
            <Link to={`${memberPath(profile)}/erase`}>{t("avg.adminErase.link", { name: profile.displayName })}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

function RoleForm({ name, role, choices }: { name: string; role: string; choices: string[] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-role",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RoleChangeSchema),
    defaultValue: { role },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoleChangeSchema }),
  });
  const { key, ...selectProps } = getSelectProps(fields.role);
  return (
    <section aria-labelledby="role-heading">
      <h2 id="role-heading">{t("members.role.heading")}</h2>
      <p>{t("members.role.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.role.id}>{t("members.role.label", { name })}</label>
          <select key={key} {...selectProps}>
            {choices.map((r) => (
              <option key={r} value={r}>
                {t(`account.roles.${r}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <button type="submit" name="intent" value="change-role" className="button button--secondary">
          {t("members.role.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
