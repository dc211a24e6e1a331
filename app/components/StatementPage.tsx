import { useTranslation } from "~/components/use-translation";

type Section = { heading: string; paragraphs: string[] };

// A page of plain text from the catalogue (accessibility): headings and paragraphs. The privacy
// statement has its own page (routes/privacy.tsx): it names the days from the code.
export function StatementPage({ ns }: { ns: "accessibility" }) {
  const { t } = useTranslation();
  const sections = t(`${ns}.sections`, { returnObjects: true }) as Section[];
  return (
    <article className="page narrow prose">
      <title>{`${t(`${ns}.title`)} · ${t("app.name")}`}</title>
      <h1>{t(`${ns}.title`)}</h1>
      <p className="lead">{t(`${ns}.intro`)}</p>
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
