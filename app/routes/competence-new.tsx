import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, redirect, useActionData } from "react-router";
import { createCompetence } from "~/competences/competences.server";
import { competencePath } from "~/competences/paths";
import { CompetenceSchema } from "~/competences/schemas";
import { CompetenceFields } from "~/components/CompetenceFields";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors } from "~/components/FormFields";
import { guardianOf } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/competence-new";

const HERE = "/competences/new";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(HERE)}`);
  if (!guardian.canManageCompetences()) throw new Response(null, { status: 403 });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: CompetenceSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const { slug } = await createCompetence(guardianOf(context), submission.value);
    return redirect(`${competencePath({ slug })}?done=created`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function NewCompetence() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "competence-new",
    lastResult: actionData?.result,
    constraint: getZodConstraint(CompetenceSchema),
    // Validate on submit, then as the organiser corrects (see signup.tsx for why not on blur).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CompetenceSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("competences.form.newTitle")} · ${t("app.name")}`}</title>
      <h1>{t("competences.form.newTitle")}</h1>
      <p>{t("competences.form.newIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <CompetenceFields fields={fields} />
        <button type="submit" className="button">
          {t("competences.form.create")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
