import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData } from "react-router";
import { getCompetenceForEdit, setCompetenceRetired, updateCompetence } from "~/competences/competences.server";
import { competenceName, competencePath, editCompetencePath } from "~/competences/paths";
import { CompetenceSchema } from "~/competences/schemas";
import { CompetenceFields } from "~/components/CompetenceFields";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors } from "~/components/FormFields";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/competence-edit";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  }
  const competence = await getCompetenceForEdit(guardian, params.slug).catch(rethrowAsHttp);
  if ("movedTo" in competence) throw redirect(editCompetencePath({ slug: competence.movedTo }), 301);
  return { competence };
}

// Three buttons post here: the form's "save", and "retire" or "unretire" in their own form.
export async function action({ request, params, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "retire" || intent === "unretire") {
    await setCompetenceRetired(guardian, params.slug, intent === "retire").catch(rethrowAsHttp);
    return redirect(`${competencePath({ slug: params.slug })}?done=${intent === "retire" ? "retired" : "unretired"}`);
  }
  if (intent !== "save") throw new Response(null, { status: 400 });
  const submission = parseWithZod(formData, { schema: CompetenceSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const { slug } = await updateCompetence(guardian, params.slug, submission.value);
    return redirect(`${competencePath({ slug })}?done=saved`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function EditCompetence() {
  const { t, i18n } = useTranslation();
  const { competence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "competence-edit",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CompetenceSchema),
    defaultValue: {
      nameNl: competence.nameNl,
      nameEn: competence.nameEn,
      synonyms: competence.synonyms.join(", "),
      descriptionMd: competence.descriptionMd,
    },
    // Validate on submit, then as the organiser corrects (see signup.tsx for why not on blur).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CompetenceSchema }),
  });
  const name = competenceName(competence, i18n.language);
  const { key: updateSlugKey, ...updateSlugProps } = getInputProps(fields.updateSlug, {
    type: "checkbox",
    ariaDescribedBy: "update-slug-hint",
  });
  return (
    <div className="page narrow">
      <title>{`${t("competences.form.editTitle", { name })} · ${t("app.name")}`}</title>
      <h1>{t("competences.form.editTitle", { name })}</h1>
      <p>
        <Link to={competencePath(competence)}>{t("competences.form.cancel")}</Link>
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <CompetenceFields fields={fields} />
        <div className="field field--checkbox">
          <input key={updateSlugKey} {...updateSlugProps} />
          <label htmlFor={fields.updateSlug.id}>{t("competences.form.updateSlug")}</label>
          <p id="update-slug-hint" className="field__hint field--checkbox__hint">
            {t("competences.form.updateSlugHint", { path: competencePath(competence) })}
          </p>
        </div>
        <button type="submit" name="intent" value="save" className="button">
          {t("competences.form.save")}
        </button>
      </Form>

      {competence.retiredAt ? (
        <section aria-labelledby="retire-heading">
          <h2 id="retire-heading">{t("competences.retire.unretireHeading")}</h2>
          <p>{t("competences.retire.unretireExplain")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="unretire" className="button button--secondary">
              {t("competences.retire.unretireButton")}
            </button>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="retire-heading">
          <h2 id="retire-heading">{t("competences.retire.heading")}</h2>
          <p>{t("competences.retire.explain")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="retire" className="button button--secondary">
              {t("competences.retire.button")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
