import { ReasonField } from "~/components/moderation/ReasonField";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, isRouteErrorResponse, Link, redirect, useSearchParams } from "react-router";
import { CompetenceCheckboxes } from "~/components/dilemmas/CompetenceCheckboxes";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors, TextField, useValidatedForm } from "~/components/FormFields";
import { TextAreaField } from "~/components/TextAreaField";
import { useTranslation } from "~/components/use-translation";
import { dilemmaRevisionsPath } from "~/dilemmas/paths";
import { DILEMMA_LIMITS } from "~/dilemmas/schemas";
import { getPostModeration, retagDilemma, rewordDilemma, rewordReply, setLockWithReason } from "~/moderation/post-actions.server";
import { memberModerationPath, MODERATION_PATH, postModerationPath } from "~/moderation/paths";
import { MODERATION_LIMITS, RewordDilemmaSchema, RewordReplySchema } from "~/moderation/schemas";
import { Invalid } from "~/platform/errors.server";
import { REPLY_BODY_MAX } from "~/replies/schemas";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { idOr404 } from "~/web/ids.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/moderation.post";

// /moderation/posts/:post/:id — an organiser's changes to one post (issue 25, decision 033),
// each with a reason its author reads by mail and under the bell: lock or unlock a dilemma,
// change a dilemma's title, text or competences, or a reply's text. Linked from the queue and
// from the post's own moderation buttons. Plain forms: a POST, then back here with what was
// done; a missing reason is said beside its field with everything typed kept.

const KINDS = ["dilemma", "reply"] as const;
type Kind = (typeof KINDS)[number];

function kindOr404(value: string | undefined): Kind {
  const kind = KINDS.find((k) => k === value);
  if (!kind) throw data(null, { status: 404 });
  return kind;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const kind = kindOr404(params.post);
  const id = idOr404(params.id);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(postModerationPath(kind, id))}`);
  const page = await getPostModeration(guardian, kind, id).catch(rethrowAsHttp);
  return { kind, id, ...page };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const kind = kindOr404(params.post);
  const id = idOr404(params.id);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const back = postModerationPath(kind, id);
  if (intent === "lock" || intent === "unlock") {
    if (kind !== "dilemma") throw data(null, { status: 400 });
    const reason = String(formData.get("reason") ?? "");
    try {
      await setLockWithReason(guardian, id, intent === "lock", reason);
    } catch (error) {
      if (error instanceof Invalid) return data({ lockFailed: { reason, errors: error.fieldErrors.reason ?? [] } }, { status: 400 });
      rethrowAsHttp(error);
    }
    return redirect(`${back}?done=${intent === "lock" ? "locked" : "unlocked"}`);
  }
  if (intent !== "reword") throw data(null, { status: 400 });
  if (kind === "dilemma") {
    const submission = parseWithZod(formData, { schema: RewordDilemmaSchema });
    if (submission.status !== "success") return invalidForm(submission);
    const { reason, ...input } = submission.value;
    try {
      // The organiser's own dilemma: only its competences here (its words they edit as its asker).
      if (formData.get("mode") === "tags") await retagDilemma(guardian, id, input.competences, reason);
      else await rewordDilemma(guardian, id, input, reason);
    } catch (error) {
      return formFailure(submission, error);
    }
    return redirect(`${back}?done=changed`);
  }
  const submission = parseWithZod(formData, { schema: RewordReplySchema });
  if (submission.status !== "success") return invalidForm(submission);
  const { reason, ...input } = submission.value;
  try {
    await rewordReply(guardian, id, input, reason);
  } catch (error) {
    return formFailure(submission, error);
  }
  return redirect(`${back}?done=changed`);
}

const DONE = ["locked", "unlocked", "changed"];

export default function PostModeration({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { kind, id, post, dilemma, replyBody, canLock } = loaderData;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const lockFailed = actionData && "lockFailed" in actionData ? actionData.lockFailed : null;
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const locked = post.lockedAt !== null;
  return (
    <div className="page narrow">
      <title>{`${t(`moderation.post.title.${kind}`)}: ${post.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={MODERATION_PATH}>{t("moderation.queue.title")}</Link>
      </p>
      <h1>{t(`moderation.post.title.${kind}`)}</h1>
      {done && DONE.includes(done) ? (
        <p className="alert alert--success" role="status">
          {t(`moderation.post.done.${done}`)}
        </p>
      ) : null}
      <p className="lead">
        <Link to={post.href}>{post.title}</Link>
      </p>
      <p className="meta">
        {[
          post.authorName ? t("moderation.queue.by", { name: post.authorName }) : null,
          post.hiddenAt ? t("moderation.post.hidden") : null,
          locked ? t("moderation.post.locked") : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {post.excerpt && kind === "reply" ? <blockquote className="quote">{post.excerpt}</blockquote> : null}
      <p>{t("moderation.post.intro")}</p>
      {post.authorHandle && post.authorName ? (
        <p>
          <Link to={memberModerationPath(post.authorHandle)}>{t("moderation.member.linkLabel", { name: post.authorName })}</Link>
        </p>
      ) : null}

      {canLock ? (
        <Form method="post" className="stack" aria-labelledby="lock-heading">
          <h2 id="lock-heading">{locked ? t("moderation.post.unlock.heading") : t("moderation.post.lock.heading")}</h2>
          <p>{locked ? t("moderation.post.unlock.hint") : t("moderation.post.lock.hint")}</p>
          <ReasonField id="lock-reason" label={t("moderation.post.reason")} hint={t("moderation.post.reasonHint")} value={lockFailed?.reason} errors={lockFailed?.errors} />
          <button type="submit" name="intent" value={locked ? "unlock" : "lock"} className="button">
            {locked ? t("moderation.post.unlock.submit") : t("moderation.post.lock.submit")}
          </button>
        </Form>
      ) : null}
      {kind === "reply" && post.dilemmaId ? (
        <p>
          <Link to={postModerationPath("dilemma", post.dilemmaId)}>{t("moderation.post.toDilemma")}</Link>
        </p>
      ) : null}

      {dilemma ? <RewordDilemmaForm id={id} dilemma={dilemma} result={result} /> : null}
      {kind === "reply" ? replyBody !== null ? <RewordReplyForm id={id} body={replyBody} result={result} /> : <p>{t("moderation.post.cannotReword")}</p> : null}
    </div>
  );
}

type Result = Parameters<typeof useValidatedForm>[0]["lastResult"];

function RewordDilemmaForm({ id, dilemma, result }: { id: number; dilemma: NonNullable<Route.ComponentProps["loaderData"]["dilemma"]>; result: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({
    id: `reword-dilemma-${id}`,
    schema: RewordDilemmaSchema,
    lastResult: result,
    defaultValue: { title: dilemma.title, body: dilemma.bodyMd, competences: dilemma.competences },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="reword-heading">
      <h2 id="reword-heading">{dilemma.canReword ? t("moderation.post.reword.heading") : t("moderation.post.reword.tagsHeading")}</h2>
      <p>{dilemma.canReword ? t("moderation.post.reword.hint") : t("moderation.post.reword.ownHint")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      {dilemma.canReword ? (
        <>
          <TextField field={fields.title} label={t("dilemmas.ask.titleLabel")} autoComplete="off" maxLength={DILEMMA_LIMITS.titleMax} />
          <TextAreaField field={fields.body} label={t("moderation.post.reword.body")} maxLength={DILEMMA_LIMITS.bodyMax} rows={10} />
        </>
      ) : (
        <>
          <input type="hidden" name="mode" value="tags" />
          <input type="hidden" name={fields.title.name} value={dilemma.title} />
          <input type="hidden" name={fields.body.name} value={dilemma.bodyMd} />
        </>
      )}
      <CompetenceCheckboxes
        field={fields.competences}
        choices={dilemma.choices}
        legend={t("dilemmas.ask.competencesLegend")}
        hint={t("moderation.post.reword.competencesHint")}
      />
      <TextAreaField field={fields.reason} label={t("moderation.post.reason")} hint={t("moderation.post.reasonHint")} maxLength={MODERATION_LIMITS.reasonMax} rows={3} />
      <div className="button-row">
        <button type="submit" name="intent" value="reword" className="button">
          {t("moderation.post.reword.submit")}
        </button>
        <Link to={dilemmaRevisionsPath({ id })}>{t("moderation.post.history")}</Link>
      </div>
    </Form>
  );
}

function RewordReplyForm({ id, body, result }: { id: number; body: string; result: Result }) {
  const { t } = useTranslation();
  const [form, fields] = useValidatedForm({ id: `reword-reply-${id}`, schema: RewordReplySchema, lastResult: result, defaultValue: { body } });
  return (
    <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="reword-heading">
      <h2 id="reword-heading">{t("moderation.post.reword.heading")}</h2>
      <p>{t("moderation.post.reword.hint")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextAreaField field={fields.body} label={t("moderation.post.reword.body")} maxLength={REPLY_BODY_MAX} rows={8} />
      <TextAreaField field={fields.reason} label={t("moderation.post.reason")} hint={t("moderation.post.reasonHint")} maxLength={MODERATION_LIMITS.reasonMax} rows={3} />
      <button type="submit" name="intent" value="reword" className="button">
        {t("moderation.post.reword.submit")}
      </button>
    </Form>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
