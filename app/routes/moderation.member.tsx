import { ReasonField } from "~/components/moderation/ReasonField";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { FieldErrors } from "~/components/FormFields";
import { formatDate } from "~/components/format";
import { StandingHistory } from "~/components/moderation/StandingHistory";
import { useTranslation } from "~/components/use-translation";
import { MAX_SUSPENSION_DAYS } from "~/accounts/suspension";
import { getMemberModeration, liftFromForm, suspendFromForm, warnMember } from "~/moderation/members.server";
import { AUDIT_LOG_PATH, memberModerationPath, MODERATION_PATH } from "~/moderation/paths";
import { lastDayOf } from "~/moderation/schemas";
import { Invalid, NotFound } from "~/platform/errors.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/moderation.member";

// An organiser acts on a member (issue 25, decision 027): suspend for a period (they read,
// not post), lift it early, or warn them. Each form works without JavaScript: a POST, then
// back to this page with what was done; a missing reason or a wrong date is said beside its
// field, with what was typed kept.

const INTENTS = ["suspend", "lift", "warn"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ context, params }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  const path = memberModerationPath(params.handle);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(path)}`);
  const member = await getMemberModeration(guardian, params.handle).catch(rethrowAsHttp);
  return { member };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const form = await readForm(request);
  const intent = INTENTS.find((i) => i === form.get("intent"));
  if (!intent) throw new Response(null, { status: 400 });
  const { id } = await getMemberModeration(guardian, params.handle).catch(rethrowAsHttp);
  const reason = String(form.get("reason") ?? "");
  const until = String(form.get("until") ?? "");
  const back = memberModerationPath(params.handle);
  try {
    if (intent === "suspend") await suspendFromForm(guardian, id, { reason, until });
    else if (intent === "lift") await liftFromForm(guardian, id, { reason });
    else await warnMember(guardian, id, { reason });
    return redirect(`${back}?done=${intent === "suspend" ? "suspended" : intent === "lift" ? "lifted" : "warned"}`);
  } catch (error) {
    if (error instanceof NotFound) return redirect(`${back}?done=gone`);
    if (error instanceof Invalid) return { failed: { intent, reason, until, errors: error.fieldErrors } };
    rethrowAsHttp(error);
  }
}

const DONE = ["suspended", "lifted", "warned", "gone"];

export default function MemberModeration() {
  const { t, i18n } = useTranslation();
  const { member } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const failed = (intent: Intent) => (actionData?.failed?.intent === intent ? actionData.failed : null);
  /** The reason field's value and messages after a refused `intent`. */
  const reasonOf = (intent: Intent) => {
    const f = failed(intent);
    return { value: f?.reason, errors: f ? (f.errors.reason ?? f.errors[""] ?? null) : null };
  };
  const lastDay = (until: Date | string) => formatDate(lastDayOf(until), i18n.language);
  const name = member.displayName;
  return (
    <div className="page narrow">
      <title>{`${t("moderation.member.title", { name })} · ${t("app.name")}`}</title>
      <p>
        <Link to={MODERATION_PATH}>{t("moderation.queue.title")}</Link> · <Link to={`${AUDIT_LOG_PATH}`}>{t("moderation.queue.log")}</Link>
      </p>
      <h1>{t("moderation.member.title", { name })}</h1>
      {done && DONE.includes(done) ? (
        <p className={`alert ${done === "gone" ? "alert--info" : "alert--success"}`} role="status">
          {t(`moderation.member.done.${done}`)}
        </p>
      ) : null}
      <p>{t("moderation.member.intro")}</p>
      <p>
        <strong>{member.suspension ? t("moderation.member.suspendedNow", { name, date: lastDay(member.suspension.until) }) : t("moderation.member.notSuspended", { name })}</strong>
      </p>
      {member.suspension?.reason ? <blockquote className="quote">{member.suspension.reason}</blockquote> : null}
      {!member.canSuspend ? <p>{t("moderation.member.staff")}</p> : null}

      {member.canSuspend ? (
        <Form method="post" className="stack" aria-labelledby="suspend-legend">
          <h2 id="suspend-legend">{member.suspension ? t("moderation.member.suspend.change") : t("moderation.member.suspend.legend")}</h2>
          <p>{t("moderation.member.suspend.hint")}</p>
          <ReasonField id="suspend-reason" label={t("moderation.member.suspend.reason")} {...reasonOf("suspend")} />
          <div className="field">
            <label htmlFor="suspend-until">{t("moderation.member.suspend.until")}</label>
            <p id="suspend-until-hint" className="field__hint">
              {t("moderation.member.suspend.untilHint")}
            </p>
            <input
              id="suspend-until"
              name="until"
              type="date"
              required
              defaultValue={failed("suspend")?.until}
              aria-invalid={failed("suspend")?.errors.until ? true : undefined}
              aria-describedby={`suspend-until-hint${failed("suspend")?.errors.until ? " suspend-until-error" : ""}`}
            />
            {failed("suspend")?.errors.until ? <FieldErrors id="suspend-until-error" errors={failed("suspend")!.errors.until!} max={MAX_SUSPENSION_DAYS} /> : null}
          </div>
          <button type="submit" name="intent" value="suspend" className="button button--danger">
            {t("moderation.member.suspend.submit")}
          </button>
        </Form>
      ) : null}

      {member.suspension && member.canSuspend ? (
        <Form method="post" className="stack" aria-labelledby="lift-legend">
          <h2 id="lift-legend">{t("moderation.member.lift.legend")}</h2>
          <ReasonField id="lift-reason" label={t("moderation.member.lift.reason")} {...reasonOf("lift")} optional />
          <button type="submit" name="intent" value="lift" className="button">
            {t("moderation.member.lift.submit")}
          </button>
        </Form>
      ) : null}

      {member.canWarn ? (
        <Form method="post" className="stack" aria-labelledby="warn-legend">
          <h2 id="warn-legend">{t("moderation.member.warn.legend")}</h2>
          <p>{t("moderation.member.warn.hint")}</p>
          <ReasonField id="warn-reason" label={t("moderation.member.warn.reason")} {...reasonOf("warn")} />
          <button type="submit" name="intent" value="warn" className="button">
            {t("moderation.member.warn.submit")}
          </button>
        </Form>
      ) : null}

      <h2>{t("moderation.member.history")}</h2>
      <StandingHistory items={member.history} none={t("moderation.member.noHistory")} />
    </div>
  );
}
