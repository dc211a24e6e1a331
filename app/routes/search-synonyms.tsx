import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect, useActionData } from "react-router";
import { competenceName } from "~/competences/paths";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors, FormErrors, useValidatedForm } from "~/components/FormFields";
import { SEARCH_SYNONYMS_PATH as SYNONYMS_PATH } from "~/search/params";
import { SynonymGroupSchema } from "~/search/schemas";
import {
  createSynonymGroup,
  deleteSynonymGroup,
  getSynonymsPage,
  updateSynonymGroup,
  type SynonymsPage,
} from "~/search/synonyms.server";
import { parseId } from "~/platform/ids";
import { guardianOf } from "~/web/context.server";
import { idOr400 } from "~/web/ids.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/search-synonyms";

// /search/synonyms (organisers and admins): the circle's own synonym groups for search, each
// kept with a competence or general. Add, change (?edit=<id>), delete; applied to the next search.

export async function loader({ request, context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const url = new URL(request.url);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const page = await getSynonymsPage(guardian).catch(rethrowAsHttp);
  const editId = parseId(url.searchParams.get("edit"));
  const done = url.searchParams.get("done");
  return {
    page,
    editing: page.groups.find((g) => g.id === editId) ?? null,
    done: done === "added" || done === "saved" || done === "deleted" ? done : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "delete") {
    await deleteSynonymGroup(guardian, idOr400(formData.get("id"))).catch(rethrowAsHttp);
    return redirect(`${SYNONYMS_PATH}?done=deleted`);
  }
  if (intent !== "add" && intent !== "save") throw new Response(null, { status: 400 });
  const submission = parseWithZod(formData, { schema: SynonymGroupSchema });
  if (submission.status !== "success") return invalidForm(submission);
  // The domain checks the form's fields again with the same schema (a hand-made POST too).
  const input = { terms: String(formData.get("terms") ?? ""), competence: String(formData.get("competence") ?? "") };
  try {
    if (intent === "add") await createSynonymGroup(guardian, input);
    else await updateSynonymGroup(guardian, idOr400(formData.get("id")), input);
    return redirect(`${SYNONYMS_PATH}?done=${intent === "add" ? "added" : "saved"}`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

function GroupForm({
  competences,
  group,
  lastResult,
}: {
  competences: SynonymsPage["competences"];
  group: SynonymsPage["groups"][number] | null;
  lastResult: Parameters<typeof useValidatedForm>[0]["lastResult"];
}) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useValidatedForm({
    id: group ? `synonyms-edit-${group.id}` : "synonyms-add",
    schema: SynonymGroupSchema,
    lastResult,
    defaultValue: group ? { terms: group.terms.join(", "), competence: group.competence?.slug ?? "" } : undefined,
  });
  const termsHint = `${fields.terms.id}-hint`;
  const competenceHint = `${fields.competence.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <div className="field">
        <label htmlFor={fields.terms.id}>{t("search.synonyms.terms")}</label>
        <p id={termsHint} className="field__hint">
          {t("search.synonyms.termsHint")}
        </p>
        <input
          {...getInputProps(fields.terms, { type: "text", ariaDescribedBy: termsHint })}
          autoComplete="off"
          spellCheck={false}
        />
        <FieldErrors id={fields.terms.errorId} errors={fields.terms.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.competence.id}>{t("search.synonyms.competence")}</label>
        <p id={competenceHint} className="field__hint">
          {t("search.synonyms.competenceHint")}
        </p>
        <select {...getSelectProps(fields.competence, { ariaDescribedBy: competenceHint })}>
          <option value="">{t("search.synonyms.noCompetence")}</option>
          {competences.map((c) => (
            <option key={c.slug} value={c.slug}>
              {competenceName(c, i18n.language)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.competence.errorId} errors={fields.competence.errors} />
      </div>
      <div className="button-row">
        <button type="submit" name="intent" value={group ? "save" : "add"} className="button">
          {group ? t("search.synonyms.save") : t("search.synonyms.add")}
        </button>
        {group ? <Link to={SYNONYMS_PATH}>{t("search.synonyms.cancel")}</Link> : null}
      </div>
    </Form>
  );
}

export default function SearchSynonyms({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, editing, done } = loaderData;
  const actionData = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <title>{`${t("search.synonyms.title")} · ${t("app.name")}`}</title>
      <h1>{t("search.synonyms.title")}</h1>
      {done ? (
        <p className="alert alert--success" role="status">
          {t(`search.synonyms.${done}`)}
        </p>
      ) : null}
      <p className="lead">{t("search.synonyms.intro")}</p>
      <p>{t("search.synonyms.builtIn", { count: page.builtIn })}</p>

      <section aria-labelledby="synonym-form-heading" className="card card--quiet">
        <h2 id="synonym-form-heading">{editing ? t("search.synonyms.editHeading") : t("search.synonyms.addHeading")}</h2>
        <GroupForm
          key={editing?.id ?? "new"}
          competences={page.competences}
          group={editing}
          lastResult={actionData?.result}
        />
      </section>

      <section aria-labelledby="synonym-list-heading">
        <h2 id="synonym-list-heading">{t("search.synonyms.listHeading")}</h2>
        {page.groups.length === 0 ? (
          <p>{t("search.synonyms.none")}</p>
        ) : (
          <ul className="synonym-list">
            {page.groups.map((g) => (
              <li key={g.id} className="synonym-list__item">
                <p className="synonym-list__terms">{g.terms.join(", ")}</p>
                <p className="meta">
                  {g.competence
                    ? t("search.synonyms.forCompetence", { name: competenceName(g.competence, i18n.language) })
                    : t("search.synonyms.general")}
                </p>
                <div className="button-row">
                  <Link to={`${SYNONYMS_PATH}?edit=${g.id}`} aria-label={`${t("search.synonyms.edit")}: ${g.terms.join(", ")}`}>
                    {t("search.synonyms.edit")}
                  </Link>
                  <details className="confirm">
                    <summary aria-label={`${t("search.synonyms.delete")}: ${g.terms.join(", ")}`}>{t("search.synonyms.delete")}</summary>
                    <Form method="post" className="confirm__body">
                      <p>{t("search.synonyms.deleteConfirm")}</p>
                      <input type="hidden" name="id" value={g.id} />
                      <button type="submit" name="intent" value="delete" className="button button--danger">
                        {t("search.synonyms.delete")}
                      </button>
                    </Form>
                  </details>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
