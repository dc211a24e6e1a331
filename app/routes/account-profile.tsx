import { getCollectionProps, getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData } from "react-router";
import { competenceName } from "~/competences/paths";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors, FormErrors, TextField } from "~/components/form";
import { memberPath, PROFILE_EDIT_PATH } from "~/members/paths";
import { getOwnProfile, updateOwnProfile } from "~/members/profiles.server";
import { ProfileSchema, profileFieldMax } from "~/members/schemas";
import { locales } from "~/platform/i18n";
import { LOCALE_COOKIE } from "~/platform/i18n-request.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import type { Route } from "./+types/account-profile";

const LOGIN = `/login?redirectTo=${encodeURIComponent(PROFILE_EDIT_PATH)}`;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  return { profile: await getOwnProfile(guardian).catch(rethrowAsHttp) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const { handle } = await updateOwnProfile(guardian, submission.value);
    // The language cookie wins over the saved locale (i18n-request.server.ts), so it follows
    // the new choice; otherwise an earlier footer choice would hide it.
    return redirect(`${memberPath({ handle })}?done=saved`, {
      headers: { "Set-Cookie": `${LOCALE_COOKIE}=${submission.value.locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
    });
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function AccountProfile() {
  const { t, i18n } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: {
      displayName: profile.displayName,
      organisation: profile.organisation ?? "",
      locale: profile.locale,
      expertise: profile.expertiseIds.map(String),
    },
    // Validate on submit, then as the member corrects (see signup.tsx for why not on blur).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const optionsById = new Map(profile.competenceOptions.map((c) => [String(c.id), c]));
  const checkboxes = getCollectionProps(fields.expertise, {
    type: "checkbox",
    options: [...optionsById.keys()],
    ariaDescribedBy: "expertise-hint",
  });
  const { key: localeKey, ...localeProps } = getSelectProps(fields.locale);
  return (
    <div className="page narrow">
      <title>{`${t("members.edit.title")} · ${t("app.name")}`}</title>
      <h1>{t("members.edit.title")}</h1>
      <p>{t("members.edit.intro")}</p>
      <p>
        <Link to={memberPath(profile)}>{t("members.edit.viewProfile")}</Link>
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.displayName}
          label={t("members.edit.displayName")}
          autoComplete="name"
          maxLength={profileFieldMax.displayName}
        />
        <TextField
          field={fields.organisation}
          label={t("members.edit.organisation")}
          autoComplete="organization"
          maxLength={profileFieldMax.organisation}
        />
        <fieldset className="field checkbox-group">
          <legend>{t("members.edit.expertise")}</legend>
          <p id="expertise-hint" className="field__hint">
            {t("members.edit.expertiseHint", { max: profileFieldMax.expertise })}
          </p>
          <FieldErrors id={fields.expertise.errorId} errors={fields.expertise.errors} />
          <ul className="checkbox-group__options">
            {checkboxes.map(({ key, ...props }) => {
              const competence = optionsById.get(props.value)!;
              return (
                <li key={key} className="field--checkbox">
                  <input {...props} />
                  <label htmlFor={props.id}>
                    {competenceName(competence, i18n.language)}
                    {competence.retired ? <> ({t("competences.retiredMark")})</> : null}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <div className="field">
          <label htmlFor={fields.locale.id}>{t("members.edit.locale")}</label>
          <select key={localeKey} {...localeProps}>
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.locale.errorId} errors={fields.locale.errors} />
        </div>
        <button type="submit" className="button">
          {t("members.edit.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
