import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getJoinMode, setJoinMode } from "~/accounts/join-mode.server";
import { getPostHolds, setPostHolds } from "~/accounts/post-holds.server";
import { JoinModeSchema, PostHoldsSchema } from "~/accounts/schemas";
import { FieldErrors, FormErrors } from "~/components/FormFields";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/circle.settings";

const MODES = ["approval", "open", "invitation"] as const;

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect("/login?redirectTo=%2Fcircle%2Fsettings");
  if (!guardian.canChooseJoinMode()) throw new Response(null, { status: 403 });
  const [joinMode, holdFirstPosts] = await Promise.all([getJoinMode(), getPostHolds()]);
  return { joinMode, holdFirstPosts };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request);
  if (formData.get("intent") === "holds") return holdsAction(formData, context);
  const submission = parseWithZod(formData, { schema: JoinModeSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await setJoinMode(guardianOf(context), submission.value.joinMode);
    return redirect("/circle/settings?done=saved");
  } catch (error) {
    return formFailure(submission, error);
  }
}

/** How many of a new member's first posts wait for approval (decision 037). */
async function holdsAction(formData: FormData, context: Route.ActionArgs["context"]) {
  const submission = parseWithZod(formData, { schema: PostHoldsSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await setPostHolds(guardianOf(context), submission.value.holdFirstPosts);
    return redirect("/circle/settings?done=holds");
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function CircleSettings() {
  const { t } = useTranslation();
  const { joinMode, holdFirstPosts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  // Two forms on the page: each shows only its own answer.
  const holdsResult = actionData?.result?.initialValue?.intent === "holds" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "join-mode",
    lastResult: holdsResult ? undefined : actionData?.result,
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
          {done === "setup"
            ? t("circle.setup.welcome")
            : done === "holds"
              ? holdFirstPosts > 0
                ? t("holds.settings.saved", { count: holdFirstPosts })
                : t("holds.settings.savedOff")
              : t("circle.settings.saved", { mode: t(`circle.joinModes.${joinMode}`) })}
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
      <PostHoldsForm holdFirstPosts={holdFirstPosts} open={joinMode === "open"} lastResult={holdsResult} />
    </div>
  );
}

/** The number of a new member's first posts that wait for approval (decision 037). */
function PostHoldsForm({ holdFirstPosts, open, lastResult }: { holdFirstPosts: number; open: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ holdFirstPosts: string }, { holdFirstPosts: number }>({
    id: "post-holds",
    lastResult,
    constraint: getZodConstraint(PostHoldsSchema),
    defaultValue: { holdFirstPosts: String(holdFirstPosts) },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PostHoldsSchema }),
  });
  const field = fields.holdFirstPosts;
  const describedBy = ["post-holds-hint", open ? null : "post-holds-not-open", field.errors ? field.errorId : null].filter(Boolean).join(" ");
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <h2>{t("holds.settings.legend")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="holds" />
      <div className="field">
        <label htmlFor={field.id}>{t("holds.settings.label")}</label>
        <p id="post-holds-hint" className="field__hint">
          {t("holds.settings.hint")}
        </p>
        {open ? null : (
          <p id="post-holds-not-open" className="field__hint">
            {t("holds.settings.notOpen")}
          </p>
        )}
        <input
          id={field.id}
          name={field.name}
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          size={3}
          maxLength={2}
          defaultValue={field.initialValue as string | undefined}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={describedBy}
        />
        <FieldErrors id={field.errorId} errors={field.errors} />
      </div>
      <button type="submit" className="button">
        {t("holds.settings.submit")}
      </button>
    </Form>
  );
}
