import type { TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import type { MemberData } from "./member-data.server";

// The archive's readable page (index.html): the same data as data.json, for a person rather
// than a program. Plain HTML with its own small style, readable offline in any browser.

const STYLE = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c1d21}" +
  "h2{margin-top:2rem;border-bottom:1px solid #c9ced8}article{border-left:4px solid #c9ced8;padding-left:1rem;margin:1rem 0}" +
  "pre{white-space:pre-wrap;font-family:inherit;background:#f4f6f9;padding:.5rem}dt{font-weight:bold}";

export function memberDataPage(data: MemberData, t: TFunction, locale: "nl" | "en"): string {
  const date = (d: Date | null | undefined) => (d ? new Date(d).toLocaleString(locale === "en" ? "en-GB" : "nl-NL", { timeZone: "Europe/Amsterdam" }) : "—");
  const a = data.account;
  const page = (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <title>{t("avg.data.archiveTitle", { name: a.displayName })}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{t("avg.data.archiveTitle", { name: a.displayName })}</h1>
        <p>{t("avg.data.archiveIntro", { date: date(data.exportedAt) })}</p>
        <h2>{t("avg.data.account")}</h2>
        <dl>
          <dt>{t("avg.data.fields.displayName")}</dt>
          <dd>{a.displayName}</dd>
          <dt>{t("avg.data.fields.handle")}</dt>
          <dd>@{a.handle}</dd>
          <dt>{t("avg.data.fields.email")}</dt>
          <dd>{a.email ?? "—"}</dd>
          <dt>{t("avg.data.fields.organisation")}</dt>
          <dd>{a.organisation ?? "—"}</dd>
          <dt>{t("avg.data.fields.role")}</dt>
          <dd>{a.role}</dd>
          <dt>{t("avg.data.fields.language")}</dt>
          <dd>{a.locale}</dd>
          <dt>{t("avg.data.fields.createdAt")}</dt>
          <dd>{date(a.createdAt)}</dd>
          <dt>{t("avg.data.fields.consentAt")}</dt>
          <dd>{date(a.consentAt)}</dd>
          <dt>{t("avg.data.fields.consents")}</dt>
          <dd>
            {data.privacyConsents.length ? (
              <ul>
                {data.privacyConsents.map((c) => (
                  <li key={`${c.version}-${c.acceptedAt.toISOString()}`}>{t("avg.data.fields.consent", { version: c.version, date: date(c.acceptedAt) })}</li>
                ))}
              </ul>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t("avg.data.fields.expertise")}</dt>
          <dd>{a.expertise.map((c) => c.nameNl).join(", ") || "—"}</dd>
          <dt>{t("avg.data.fields.photo")}</dt>
          <dd>{a.hasPhoto ? t("avg.data.photoIncluded") : "—"}</dd>
        </dl>
        <h2>{t("avg.data.dilemmas", { count: data.dilemmas.length })}</h2>
        {data.dilemmas.map((d) => (
          <article key={d.id}>
            <h3>{d.title}</h3>
            <p>{date(d.createdAt)}</p>
            <pre>{d.bodyMd}</pre>
          </article>
        ))}
        <h2>{t("avg.data.replies", { count: data.replies.length })}</h2>
        {data.replies.map((r) => (
          <article key={r.id}>
            <p>
              {t("avg.data.replyTo", { title: r.dilemmaTitle })} · {date(r.createdAt)}
            </p>
            <pre>{r.bodyMd}</pre>
          </article>
        ))}
        <h2>{t("avg.data.revisions", { count: data.revisions.length })}</h2>
        {data.revisions.map((r, i) => (
          <article key={i}>
            <p>{date(r.createdAt)}</p>
            {r.title ? <h3>{r.title}</h3> : null}
            <pre>{r.bodyMd}</pre>
          </article>
        ))}
        <h2>{t("avg.data.attachments", { count: data.attachments.length })}</h2>
        {data.attachments.length ? (
          <ul>
            {data.attachments.map((file) => (
              <li key={file.id}>
                {/* A relative link: it opens the file from the unpacked zip, offline. */}
                <a href={file.inArchive}>{file.fileName}</a>
                {file.altText ? ` — ${file.altText}` : ""} · {date(file.createdAt)}
              </li>
            ))}
          </ul>
        ) : null}
        <h2>{t("avg.data.activity")}</h2>
        <ul>
          <li>{t("avg.data.helpfulMarks", { count: data.helpfulMarks.length })}</li>
          <li>{t("avg.data.agendaVotes", { count: data.agendaVotes.length })}</li>
          <li>{t("avg.data.agendaProposals", { count: data.agendaProposals.length })}</li>
          <li>{t("avg.data.meetings", { count: data.meetingsContributedTo.length })}</li>
          <li>{t("avg.data.invitations", { count: data.invitationsSent.length })}</li>
          <li>{t("avg.data.mails", { count: data.mailsSent.length })}</li>
        </ul>
        <h2>{t("avg.data.sessions", { count: data.sessions.length })}</h2>
        <ul>
          {data.sessions.map((s, i) => (
            <li key={i}>{t("avg.data.session", { from: date(s.createdAt), until: date(s.expiresAt) })}</li>
          ))}
        </ul>
        <p>{t("avg.data.jsonNote")}</p>
      </body>
    </html>
  );
  return `<!doctype html>\n${renderToStaticMarkup(page)}`;
}
