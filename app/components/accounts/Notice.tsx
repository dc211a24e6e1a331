import { Link } from "react-router";
import { useTranslation } from "~/components/use-translation";

// A page that says one thing and the next step: "check your mail", "this link expired",
// "this link does not work (any more)". Used where a link from a mail leads.
export function NoticePage({ title, children, actions = [] }: { title: string; children: React.ReactNode; actions?: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1>{title}</h1>
      {children}
      {actions.length ? (
        <ul className="next-steps">
          {actions.map((a) => (
            <li key={a.to}>
              <Link to={a.to}>{a.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The page for a link that was used, replaced by a newer one, or never existed. */
export function UnknownLinkPage() {
  const { t } = useTranslation();
  return (
    <NoticePage
      title={t("accounts.link.unknownTitle")}
      actions={[
        { to: "/login", label: t("accounts.link.login") },
        { to: "/password/forgot", label: t("accounts.login.forgot") },
      ]}
    >
      <p>{t("accounts.link.unknown")}</p>
    </NoticePage>
  );
}
