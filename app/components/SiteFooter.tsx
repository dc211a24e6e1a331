import { useTranslation } from "~/components/use-translation";
import { Form, Link, useLocation } from "react-router";
import { locales } from "~/platform/i18n";

// Footer: the statements the law asks for, and the language choice as a plain form (a select
// and a button), so it works without JavaScript and is announced properly.
export function SiteFooter({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav aria-label={t("nav.footer")}>
          <ul className="nav-list">
            <li>
              <Link to="/privacy">{t("nav.privacy")}</Link>
            </li>
            <li>
              <Link to="/toegankelijkheid">{t("nav.accessibility")}</Link>
            </li>
          </ul>
        </nav>
        <Form method="post" action="/language" className="language-form" reloadDocument>
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <label htmlFor="language-select">{t("nav.language")}</label>
          <select id="language-select" name="locale" defaultValue={locale}>
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            {t("nav.languageChange")}
          </button>
        </Form>
      </div>
    </footer>
  );
}
