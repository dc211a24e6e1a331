import { getCollectionProps, getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/components/use-translation";
import { data, Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { competenceName } from "~/competences/paths";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors, FormErrors, TextField } from "~/components/FormFields";
import { PhotoForm } from "~/components/members/PhotoForm";
import type { Guardian } from "~/guardian/guardian.server";
import { memberPath, PROFILE_EDIT_PATH } from "~/members/paths";
import { removeOwnPhoto, setOwnPhoto } from "~/members/photos.server";
import { getOwnProfile, updateOwnProfile } from "~/members/profiles.server";
import { PHOTO_FIELD, PHOTO_LIMITS, ProfileSchema, profileFieldMax } from "~/members/schemas";
import { Forbidden, Invalid, RateLimited } from "~/platform/errors.server";
import { locales } from "~/platform/i18n";
import { LOCALE_COOKIE } from "~/platform/i18n-request.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { isMultipart, readFormWithFile } from "~/web/file-upload.server";
import { actionHeaders, formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/account-profile";

const LOGIN = `/login?redirectTo=${encodeURIComponent(PROFILE_EDIT_PATH)}`;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  return { profile: await getOwnProfile(guardian).catch(rethrowAsHttp) };
}

// Three forms post here: the profile (name, organisation, expertise, language), a new photo
// (multipart) and "remove my photo".
export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  if (!guardian.canManageOwnAccount()) throw redirect(LOGIN);
  let formData: FormData;
  if (isMultipart(request)) {
    // The photo form is multipart; the others may be too (a browser may send any form so).
    const form = await readFormWithFile(request, PHOTO_FIELD, PHOTO_LIMITS.maxBytes);
    if (form.kind === "tooLarge") return photoFailure(`directory.photo.errors.tooLarge?max=${PHOTO_LIMITS.maxBytes / MEGABYTE}`, 413);
    if (form.kind === "malformed") return photoFailure("directory.photo.errors.missing", 400);
    if (form.fields.get("intent") === "save-photo" || form.file) return savePhoto(guardian, form.file);
    formData = form.fields;
  } else {
    formData = await readForm(request);
  }
  if (formData.get("intent") === "remove-photo") {
    await removeOwnPhoto(guardian).catch(rethrowAsHttp);
    return redirect(`${PROFILE_EDIT_PATH}?done=photo-removed#photo`);
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
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

const MEGABYTE = 1024 * 1024;

async function savePhoto(guardian: Guardian, file: Uint8Array | null) {
  if (!file) return photoFailure("directory.photo.errors.missing", 400);
  try {
    await setOwnPhoto(guardian, file);
  } catch (error) {
    if (error instanceof Invalid) {
      const message = error.fieldErrors[PHOTO_FIELD]?.[0] ?? "directory.photo.errors.unreadable";
      // 415 for "this is not a kind of file we take", 400 for an image we cannot use.
      return photoFailure(message, /notAnImage|unsupportedType/.test(message) ? 415 : 400);
    }
    if (error instanceof RateLimited) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
      return photoFailure(`errors.rateLimited?minutes=${minutes}`, 429, { "Retry-After": String(error.retryAfterSeconds) });
    }
    if (error instanceof Forbidden) throw data(null, { status: 403 });
    throw error;
  }
  return redirect(`${PROFILE_EDIT_PATH}?done=photo-saved#photo`);
}

/** The profile page again, with the message beside the photo field. */
function photoFailure(message: string, status: number, headers?: Record<string, string>) {
  return data({ photoError: message }, { status, headers });
}

export const headers = actionHeaders;

export default function AccountProfile() {
  const { t, i18n } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
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
      <PhotoForm
        member={profile}
        error={actionData && "photoError" in actionData ? actionData.photoError : null}
        done={done === "photo-saved" ? "saved" : done === "photo-removed" ? "removed" : null}
      />
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
