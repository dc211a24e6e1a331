import { useLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { PRIVACY_STATEMENT_VERSION } from "~/accounts/consent.server";
import { retentionFacts } from "~/rights/retention.server";

// /privacy — the privacy statement, in the member's language. The days it names come from the
// code that keeps the data (app/rights/retention.server.ts), so the page cannot drift from it.

type Section = { heading: string; paragraphs: string[] };

export function loader() {
  return { version: PRIVACY_STATEMENT_VERSION, days: retentionFacts() };
}

export default function Privacy() {
  const { t } = useTranslation();
  const { version, days } = useLoaderData<typeof loader>();
  const sections = t("avg.statement.sections", { returnObjects: true, ...days }) as Section[];
  return (
    <article className="page narrow prose">
      <title>{`${t("avg.statement.title")} · ${t("app.name")}`}</title>
      <h1>{t("avg.statement.title")}</h1>
      <p className="eyebrow">{t("avg.statement.version", { version })}</p>
      <p className="lead">{t("avg.statement.intro")}</p>
      {sections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
    </article>
  );
}
