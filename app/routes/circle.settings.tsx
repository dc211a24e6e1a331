import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getJoinMode, setJoinMode } from "~/accounts/join-mode.server";
import { JoinModeSchema } from "~/accounts/schemas";
import { FieldErrors, FormErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import type { Route } from "./+types/circle.settings";

const MODES = ["approval", "open", "invitation"] as const;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fcircle%2Fsettings");
  if (!guardian.canChooseJoinMode()) throw new Response(null, { status: 403 });
  return { joinMode: await getJoinMode() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: JoinModeSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await setJoinMode(guardianOf(context), submission.value.joinMode);
    return redirect("/circle/settings?done=saved");
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function CircleSettings() {
  const { t } = useTranslation();
  const { joinMode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const [form, fields] = useForm({
    id: "join-mode",
    lastResult: actionData?.result,
    constraint: getZodConstraint(JoinModeSchema),
    defaultValue: { joinMode },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinModeSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("circle.settings.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.settings.title")}</h1>
      {done ? (
        <p className="alert alert--success" role="status">
          {done === "setup" ? t("circle.setup.welcome") : t("circle.settings.saved", { mode: t(`circle.joinModes.${joinMode}`) })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="checkbox-group" aria-describedby={fields.joinMode.errors ? fields.joinMode.errorId : undefined}>
          <legend>{t("circle.settings.legend")}</legend>
          <ul className="choice-list">
            {MODES.map((mode) => (
              <li key={mode} className="field field--checkbox">
                <input
                  type="radio"
                  id={`join-mode-${mode}`}
                  name={fields.joinMode.name}
                  value={mode}
                  defaultChecked={fields.joinMode.initialValue === mode}
                  aria-describedby={`join-mode-${mode}-hint`}
                />
                <label htmlFor={`join-mode-${mode}`}>{t(`circle.joinModes.${mode}`)}</label>
                <p id={`join-mode-${mode}-hint`} className="field__hint field--checkbox__hint">
                  {t(`circle.joinModes.${mode}Hint`)}
                </p>
              </li>
            ))}
          </ul>
          <FieldErrors id={fields.joinMode.errorId} errors={fields.joinMode.errors} />
        </fieldset>
        <button type="submit" className="button">
          {t("circle.settings.submit")}
        </button>
      </Form>
    </div>
  );
}
