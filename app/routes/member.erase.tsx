import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, isRouteErrorResponse, Link, redirect, useActionData, useLoaderData } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";
import { FieldErrors, FormErrors, useValidatedForm } from "~/components/FormFields";
import { TextAreaField } from "~/components/TextAreaField";
import { useTranslation } from "~/components/use-translation";
import { eraseAccount, erasureTargetOf } from "~/rights/erase.server";
import { AdminEraseSchema, ERASE_REASON_MAX } from "~/rights/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/member.erase";

// /members/:handle/erase — an admin erases a member's account because the member asked
// (AVG art. 17; decision 026). The reason (the request: when, how) goes into the audit trail;
// the admin chooses, as the member asked, whether their posts' words go too; a checkbox
// confirms. Admins themselves use /account/erase; another admin is made a member first.

async function targetOf(context: Route.LoaderArgs["context"], handle: string, path: string) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(path)}`);
  if (!guardian.isAdmin) throw new Response(null, { status: 403 });
  const target = await erasureTargetOf(guardian, handle).catch(rethrowAsHttp);
  if (target.self) throw redirect("/account/erase");
  return { guardian, target };
}

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { target } = await targetOf(context, params.handle, new URL(request.url).pathname);
  return {
    member: {
      handle: target.handle,
      displayName: target.displayName,
      role: target.role,
    },
    allowed: target.allowed,
  };
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const { guardian, target } = await targetOf(context, params.handle, new URL(request.url).pathname);
  const submission = parseWithZod(await readForm(request), {
    schema: AdminEraseSchema,
  });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await eraseAccount(guardian, target.id, {
      removePosts: submission.value.posts === "remove",
      reason: submission.value.reason,
    });
  } catch (error) {
    return formFailure(submission, error);
  }
  return redirect(`/members?erased=1`);
}

export default function AdminEraseAccount() {
  const { t } = useTranslation();
  const { member, allowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({
    id: "admin-erase",
    schema: AdminEraseSchema,
    lastResult: actionData?.result,
    defaultValue: { posts: "keep" },
  });
  const title = t("avg.adminErase.title", { name: member.displayName });
  return (
    <div className="page narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <p className="eyebrow">
        <Link to={`/members/${member.handle}`}>{member.displayName}</Link>
      </p>
      <h1>{title}</h1>
      {!allowed ? (
        <p className="alert alert--info">{t("avg.adminErase.notAllowed")}</p>
      ) : (
        <>
          <p className="lead">{t("avg.adminErase.intro")}</p>
          <ul>
            <li>{t("avg.adminErase.goes")}</li>
            <li>{t("avg.adminErase.stays")}</li>
          </ul>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField field={fields.reason} label={t("avg.adminErase.reason")} hint={t("avg.adminErase.reasonHint")} maxLength={ERASE_REASON_MAX} rows={3} />
            <fieldset className="checkbox-group" aria-describedby={fields.posts.errors ? fields.posts.errorId : undefined}>
              <legend>{t("avg.adminErase.postsLegend")}</legend>
              <ul className="checkbox-group__options">
                {(["keep", "remove"] as const).map((choice) => (
                  <li key={choice} className="field--checkbox">
                    <input
                      type="radio"
                      id={`posts-${choice}`}
                      name={fields.posts.name}
                      value={choice}
                      defaultChecked={(fields.posts.initialValue ?? "keep") === choice}
                    />
                    <label htmlFor={`posts-${choice}`}>{t(`avg.adminErase.${choice}`)}</label>
                  </li>
                ))}
              </ul>
              <FieldErrors id={fields.posts.errorId} errors={fields.posts.errors} />
            </fieldset>
            <div className="field field--checkbox">
              <input
                {...getInputProps(fields.confirm, {
                  type: "checkbox",
                  value: "yes",
                })}
              />
              <label htmlFor={fields.confirm.id}>{t("avg.adminErase.confirm", { name: member.displayName })}</label>
              <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
            </div>
            <button type="submit" className="button button--danger">
              {t("avg.adminErase.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
