import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { FieldErrors, FormErrors } from "~/components/FormFields";
import { formatDate } from "~/components/format";
import { TextAreaField } from "~/components/TextAreaField";
import { useTranslation } from "~/components/use-translation";
import { useValidatedForm } from "~/components/FormFields";
import { flagPost, getFlagPage } from "~/moderation/flags.server";
import { type ModeratedPost, POST_KINDS } from "~/moderation/posts.server";
import { FLAG_REASONS, FlagSchema, MODERATION_LIMITS } from "~/moderation/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { idOr404 } from "~/web/ids.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/moderation.flag";

// Flagging a post (/flags/:post/:id): a page of its own, so it works the same without
// JavaScript and on a phone. After sending, the same page says it arrived and, later, what
// the organisers decided.

function postOf(params: { post: string; id: string }): { kind: ModeratedPost; id: number } {
  const kind = POST_KINDS.find((k) => k === params.post);
  if (!kind) throw new Response(null, { status: 404 });
  return { kind, id: idOr404(params.id) };
}

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  const { kind, id } = postOf(params);
  const page = await getFlagPage(guardian, kind, id).catch(rethrowAsHttp);
  const denial = page.flag ? null : guardian.whyNotFlagPost(page.post);
  return {
    post: { kind, title: page.post.title, href: page.post.hiddenAt && !guardian.isStaff && page.post.authorId !== guardian.userId ? null : page.post.href },
    flag: page.flag,
    refusal: denial === null ? null : denial === "not on your own post" ? "own" : denial === "the post is hidden already" ? "hidden" : "cannot",
  };
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const { kind, id } = postOf(params);
  const submission = parseWithZod(await readForm(request), { schema: FlagSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await flagPost(guardian, kind, id, submission.value);
  } catch (error) {
    return formFailure(submission, error);
  }
  return redirect(`/flags/${kind}/${id}?sent=1`);
}

export default function FlagPage() {
  const { t, i18n } = useTranslation();
  const { post, flag, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm({ id: "flag", schema: FlagSchema, lastResult: actionData?.result });
  const postName = t(`moderation.posts.${post.kind}`);
  return (
    <div className="page narrow">
      <title>{`${t("moderation.flag.title")} · ${t("app.name")}`}</title>
      <h1>{t("moderation.flag.title")}</h1>
      <p>{t("moderation.flag.about", { post: postName, title: post.title })}</p>
      {flag ? (
        <div className="stack">
          <p className="alert alert--success" role="status">
            {flag.status === "open" ? t("moderation.flag.received") : t("moderation.flag.already", { date: formatDate(flag.createdAt, i18n.language) })}
          </p>
          <p>
            <strong>{t(`moderation.reasons.${flag.reason}`)}</strong>
            {flag.note ? ` · ${flag.note}` : null}
          </p>
          <p>{t(flag.outcome === "hidden" || flag.outcome === "warned" ? `moderation.status.${flag.outcome}` : `moderation.status.${flag.status}`)}</p>
        </div>
      ) : refusal ? (
        <p className="alert alert--info">{t(`moderation.flag.${refusal}`)}</p>
      ) : (
        <>
          <p>{t("moderation.flag.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <fieldset className="checkbox-group" aria-describedby={fields.reason.errors ? fields.reason.errorId : undefined}>
              <legend>{t("moderation.flag.legend")}</legend>
              <ul className="choice-list">
                {FLAG_REASONS.map((reason) => (
                  <li key={reason} className="field field--checkbox">
                    <input
                      type="radio"
                      id={`flag-reason-${reason}`}
                      name={fields.reason.name}
                      value={reason}
                      defaultChecked={fields.reason.initialValue === reason}
                      aria-describedby={`flag-reason-${reason}-hint`}
                    />
                    <label htmlFor={`flag-reason-${reason}`}>{t(`moderation.reasons.${reason}`)}</label>
                    <p id={`flag-reason-${reason}-hint`} className="field__hint field--checkbox__hint">
                      {t(`moderation.reasons.${reason}Hint`)}
                    </p>
                  </li>
                ))}
              </ul>
              <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
            </fieldset>
            <TextAreaField field={fields.note} label={t("moderation.flag.note")} hint={t("moderation.flag.noteHint")} maxLength={MODERATION_LIMITS.noteMax} rows={4} />
            <button type="submit" className="button">
              {t("moderation.flag.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        {post.href ? <Link to={post.href}>{t("moderation.flag.back")}</Link> : null}
        {post.href ? " · " : null}
        <Link to="/flags">{t("moderation.flag.mine")}</Link>
      </p>
    </div>
  );
}
