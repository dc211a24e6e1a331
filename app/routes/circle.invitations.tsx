import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { fieldMaxLength, InviteSchema } from "~/accounts/schemas";
import { inviteMembers, listOpenInvitations, resendInvitation, withdrawInvitation } from "~/circle/invitations.server";
import { FormErrors, useValidatedForm } from "~/components/FormFields";
import { formatDate } from "~/components/format";
import { Pagination } from "~/components/Pagination";
import { TextAreaField } from "~/components/TextAreaField";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { formFailure, invalidForm } from "~/web/form-failure.server";
import { readForm } from "~/web/form-body.server";
import type { Route } from "./+types/circle.invitations";

const PATH = "/circle/invitations";

export async function loader({ context, request }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(PATH)}`);
  const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
  return { open: await listOpenInvitations(guardian, page).catch(rethrowAsHttp) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const guardian = guardianOf(context);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "resend" || intent === "withdraw") {
    const id = Number(formData.get("id"));
    if (!Number.isSafeInteger(id) || id < 1) throw new Response(null, { status: 400 });
    await (intent === "resend" ? resendInvitation(guardian, id) : withdrawInvitation(guardian, id)).catch(rethrowAsHttp);
    return redirect(`${PATH}?done=${intent === "resend" ? "resent" : "withdrawn"}`);
  }
  const submission = parseWithZod(formData, { schema: InviteSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const { invited, alreadyMembers } = await inviteMembers(guardian, submission.value);
    return redirect(`${PATH}?sent=${invited}&members=${alreadyMembers}`);
  } catch (error) {
    return formFailure(submission, error);
  }
}

export default function Invitations() {
  const { t, i18n } = useTranslation();
  const { open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm({ id: "invite", schema: InviteSchema, lastResult: actionData?.result });
  const sent = searchParams.get("sent");
  const members = Number(searchParams.get("members") ?? 0);
  const done = searchParams.get("done");
  const lang = i18n.language;
  return (
    <div className="page">
      <title>{`${t("circle.invitations.title")} · ${t("app.name")}`}</title>
      <h1>{t("circle.invitations.title")}</h1>
      {sent !== null || done ? (
        <div className="alert alert--success" role="status">
          {sent !== null ? <p>{t("circle.invitations.sent", { count: Number(sent) })}</p> : null}
          {members > 0 ? <p>{t("circle.invitations.skippedMembers", { count: members })}</p> : null}
          {done === "resent" ? <p>{t("circle.invitations.resent")}</p> : null}
          {done === "withdrawn" ? <p>{t("circle.invitations.withdrawn")}</p> : null}
        </div>
      ) : null}
      <section className="narrow">
        <h2>{t("circle.invitations.formHeading")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <TextAreaField field={fields.addresses} label={t("circle.invitations.addresses")} hint={t("circle.invitations.addressesHint")} rows={5} />
          <TextAreaField
            field={fields.message}
            label={t("circle.invitations.message")}
            hint={t("circle.invitations.messageHint")}
            maxLength={fieldMaxLength.message}
            rows={5}
          />
          <button type="submit" className="button">
            {t("circle.invitations.submit")}
          </button>
        </Form>
      </section>
      <section>
        <h2>
          {t("circle.invitations.openHeading")} <span className="heading-count">({open.count})</span>
        </h2>
        {open.items.length === 0 ? (
          <p>{t("circle.invitations.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("circle.invitations.email")}</th>
                  <th scope="col">{t("circle.invitations.invitedBy")}</th>
                  <th scope="col">{t("circle.invitations.sentOn")}</th>
                  <th scope="col">{t("circle.invitations.validUntil")}</th>
                  <th scope="col">{t("circle.invitations.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {open.items.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{invitation.invitedBy ?? t("circle.invitations.formerMember")}</td>
                    <td>{formatDate(invitation.sentAt, lang)}</td>
                    <td>{invitation.expired ? <strong>{t("circle.invitations.expired")}</strong> : formatDate(invitation.expiresAt, lang)}</td>
                    <td>
                      <div className="button-row">
                        <RowAction id={invitation.id} intent="resend" label={t("circle.invitations.resend")} aria={t("circle.invitations.resendLabel", { email: invitation.email })} />
                        <RowAction id={invitation.id} intent="withdraw" label={t("circle.invitations.withdraw")} aria={t("circle.invitations.withdrawLabel", { email: invitation.email })} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          page={open.page}
          pageCount={open.pageCount}
          hrefFor={(p) => `${PATH}?page=${p}`}
          labels={{
            nav: t("competences.pager.label"),
            previous: t("competences.pager.previous"),
            next: t("competences.pager.next"),
            current: t("competences.pager.current", { page: open.page, pages: open.pageCount }),
          }}
        />
      </section>
    </div>
  );
}

/** A button on one invitation's row; its label names the address for screen readers. */
function RowAction({ id, intent, label, aria }: { id: number; intent: "resend" | "withdraw"; label: string; aria: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="intent" value={intent} className="button button--small button--secondary" aria-label={aria}>
        {label}
      </button>
    </Form>
  );
}
