import { Form } from "react-router";
import { useTranslation } from "~/components/use-translation";

// The member's Atom feed addresses on the settings page (decision 028). Only a hash of the key
// is kept, so the addresses show once, right after they are made; later the page says they
// exist and offers new ones (which void the old). A plain form: works without JavaScript.

export type FeedAddressList = {
  dilemmas: string;
  reports: string;
  competences: { name: string; url: string }[];
};

export function FeedAddresses({ have, made }: { have: boolean; made: FeedAddressList | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="feeds-heading" className="stack">
      <h2 id="feeds-heading">{t("inbound.feeds.settings.heading")}</h2>
      <p>{t("inbound.feeds.settings.intro")}</p>
      {made ? (
        <>
          <p className="alert alert--success" role="status">
            {t("inbound.feeds.settings.made")}
          </p>
          <dl className="feed-addresses">
            <dt>{t("inbound.feeds.settings.dilemmas")}</dt>
            <dd>
              <code>{made.dilemmas}</code>
            </dd>
            <dt>{t("inbound.feeds.settings.reports")}</dt>
            <dd>
              <code>{made.reports}</code>
            </dd>
          </dl>
          {made.competences.length ? (
            <details>
              <summary>{t("inbound.feeds.settings.competences")}</summary>
              <dl className="feed-addresses">
                {made.competences.map((c) => (
                  <div key={c.url}>
                    <dt>{c.name}</dt>
                    <dd>
                      <code>{c.url}</code>
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
        </>
      ) : (
        <p>{have ? t("inbound.feeds.settings.have") : t("inbound.feeds.settings.none")}</p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="feed-key" />
        <button type="submit" className="button button--secondary">
          {have || made ? t("inbound.feeds.settings.reset") : t("inbound.feeds.settings.make")}
        </button>
      </Form>
    </section>
  );
}
