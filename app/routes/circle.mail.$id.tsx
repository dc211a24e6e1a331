import { Form, Link, redirect, useLoaderData, useSearchParams } from "react-router";
import { getMail, sendMailAgain } from "~/circle/mail-log.server";
import { formatDateTime } from "~/components/format";
import { useTranslation } from "~/components/use-translation";
import { guardianOf } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import type { Route } from "./+types/circle.mail.$id";

function mailId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response(null, { status: 404 });
  return id;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const guardian = guardianOf(context);
  if (guardian.isAnonymous) throw redirect(`/login?redirectTo=${encodeURIComponent(`/circle/mail/${params.id}`)}`);
  return { mail: await getMail(guardian, mailId(params.id)).catch(rethrowAsHttp) };
}

export async function action({ context, params }: Route.ActionArgs) {
  await sendMailAgain(guardianOf(context), mailId(params.id)).catch(rethrowAsHttp);
  return redirect(`/circle/mail/${params.id}?done=retried`);
}

/** The text part with its links clickable (the text is ours; links are whole words). */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="mail-text">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default function MailMessage() {
  const { t, i18n } = useTranslation();
  const { mail } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="page narrow">
      <title>{`${mail.subject} · ${t("app.name")}`}</title>
      <p>
        <Link to="/circle/mail">{t("circle.mailLog.back")}</Link>
      </p>
      <h1>{mail.subject}</h1>
      {searchParams.get("done") === "retried" ? (
        <p className="alert alert--success" role="status">
          {t("circle.mailLog.retried")}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t("circle.mailLog.to")}</dt>
        <dd>{mail.toAddress}</dd>
        <dt>{t("circle.mailLog.date")}</dt>
        <dd>{formatDateTime(mail.sentAt ?? mail.createdAt, i18n.language)}</dd>
        <dt>{t("circle.mailLog.status")}</dt>
        <dd>
          {t(`circle.mailLog.statuses.${mail.status}`)} ({t("circle.mailLog.attempts", { count: mail.attempts })})
        </dd>
        {mail.lastError ? (
          <>
            <dt>{t("circle.mailLog.answer")}</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
      </dl>
      {mail.status === "failed" ? (
        <Form method="post">
          <button type="submit" className="button">
            {t("circle.mailLog.retry")}
          </button>
        </Form>
      ) : null}
      {mail.text ? (
        <>
          <TextWithLinks text={mail.text} />
          <p>
            <a href={`/circle/mail/${mail.id}/html`}>{t("circle.mailLog.html")}</a>
          </p>
        </>
      ) : (
        <p>{t("circle.mailLog.bodyGone")}</p>
      )}
    </div>
  );
}
