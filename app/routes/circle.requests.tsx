import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useLoaderData, useSearchParams } from "react-router";
import { approveJoinRequest, declineJoinRequest, listJoinRequests } from "~/accounts/join-requests.server";
import { DeclineSchema, fieldMaxLength } from "~/accounts/schemas";
import { formatDate } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { NotFound } from "~/platform/errors.server";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/circle.requests";

const PATH = "/circle/requests";

export async function loader({ context }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(PATH)}`);
  return { requests: await listJoinRequests(guardian).catch(rethrowAsHttp) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: DeclineSchema });
  if (submission.status !== "success") throw new Response(null, { status: 400 });
  const { userId, reason } = submission.value;
  try {
    if (formData.get("intent") === "approve") {
      const { displayName } = await approveJoinRequest(guardian, userId);
      return redirect(`${PATH}?approved=${encodeURIComponent(displayName)}`);
    }
    if (formData.get("intent") === "decline") {
      await declineJoinRequest(guardian, userId, reason);
      return redirect(`${PATH}?done=declined`);
    }
  } catch (error) {
    // Another organiser decided first: say so instead of a 404 page.
    if (error instanceof NotFound) return redirect(`${PATH}?done=gone`);
    rethrowAsHttp(error);
  }
  throw new Response(null, { status: 400 });
}

export default function JoinRequests() {
  const { t, i18n } = useTranslation();
  const { requests } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const approved = searchParams.get("approved");
  const done = searchParams.get("done");
  return (
    <div className="page narrow">
      <title>{`${t("circle.requests.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.requests.title")}</h1>
      {approved || done ? (
        <p className={`alert ${done === "gone" ? "alert--info" : "alert--success"}`} role="status">
          {approved ? t("circle.requests.approved", { name: approved }) : done === "declined" ? t("circle.requests.declined") : t("circle.requests.gone")}
        </p>
      ) : null}
      <p>{t("circle.requests.intro")}</p>
      {requests.length === 0 ? (
        <p>{t("circle.requests.none")}</p>
      ) : (
        <ul className="request-list">
          {requests.map((r) => (
            <li key={r.userId}>
              <h2>{r.displayName}</h2>
              <p className="meta">
                {[r.organisation, r.email, t("circle.requests.signedUpOn", { date: formatDate(r.createdAt, i18n.language) })]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {r.motivation ? <blockquote className="quote">{r.motivation}</blockquote> : <p>{t("circle.requests.noMotivation")}</p>}
              <Form method="post" className="stack">
                <input type="hidden" name="userId" value={r.userId} />
                <button type="submit" name="intent" value="approve" className="button" aria-label={t("circle.requests.approveLabel", { name: r.displayName })}>
                  {t("circle.requests.approve")}
                </button>
              </Form>
              <details>
                <summary>{t("circle.requests.decline")}</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="userId" value={r.userId} />
                  <div className="field">
                    <label htmlFor={`reason-${r.userId}`}>{t("circle.requests.reason")}</label>
                    <p id={`reason-${r.userId}-hint`} className="field__hint">
                      {t("circle.requests.reasonHint", { name: r.displayName })}
                    </p>
                    <textarea id={`reason-${r.userId}`} name="reason" rows={3} maxLength={fieldMaxLength.reason} aria-describedby={`reason-${r.userId}-hint`} />
                  </div>
                  <button
                    type="submit"
                    name="intent"
                    value="decline"
                    className="button button--danger"
                    aria-label={t("circle.requests.declineLabel", { name: r.displayName })}
                  >
                    {t("circle.requests.decline")}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
