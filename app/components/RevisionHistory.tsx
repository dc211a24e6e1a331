import type { ReactNode } from "react";
import { useTranslation } from "~/components/use-translation";
import { AuthorName } from "~/components/AuthorName";
import { TextDiff } from "~/components/dilemmas/TextDiff";
import { formatDateTime, isoDate } from "~/components/format";
import type { DiffLine } from "~/revisions/diff";
import type { AuthorView } from "~/members/author";

// Every edit of a text, newest first: who, when, the title before and after, and a paragraph
// diff. Used by dilemmas and meeting reports. The full earlier text is shown rendered (HTML
// from the one sanitising Markdown renderer, made on the server).

export type EditView = {
  id: number;
  at: Date;
  editor: AuthorView;
  /** An organiser's reason for changing another member's words (decision 033). */
  reason?: string | null;
  before: { title: string; bodyMd: string };
  after: { title: string; bodyMd: string };
  diff: DiffLine[] | null;
  beforeHtml: string;
};

export function RevisionHistory({ heading, intro, none, edits }: { heading: string; intro: ReactNode; none: string; edits: EditView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="page narrow">
      <title>{`${heading} · ${t("app.name")}`}</title>
      <h1>{t("dilemmas.revisions.title")}</h1>
      <p className="lead">{intro}</p>
      {edits.length === 0 ? <p>{none}</p> : null}
      {edits.map((edit) => {
        const headingId = `edit-${edit.id}`;
        const titleChanged = edit.before.title !== edit.after.title;
        const textChanged = edit.before.bodyMd !== edit.after.bodyMd;
        return (
          <section key={edit.id} aria-labelledby={headingId} className="revision">
            <h2 id={headingId}>{t("dilemmas.revisions.edit", { date: formatDateTime(edit.at, i18n.language) })}</h2>
            <p className="meta">
              <time dateTime={isoDate(edit.at)}>{formatDateTime(edit.at, i18n.language)}</time> ·{" "}
              {t("dilemmas.revisions.editedBy")} <AuthorName author={edit.editor} />
            </p>
            {edit.reason ? (
              <>
                <p>{t("moderation.revision.byOrganiser")}</p>
                <blockquote className="quote">{edit.reason}</blockquote>
              </>
            ) : null}
            {titleChanged ? (
              <>
                <h3>{t("dilemmas.revisions.titleChanged")}</h3>
                <dl className="details">
                  <dt>{t("dilemmas.revisions.titleBefore")}</dt>
                  <dd>
                    <del>{edit.before.title}</del>
                  </dd>
                  <dt>{t("dilemmas.revisions.titleAfter")}</dt>
                  <dd>
                    <ins>{edit.after.title}</ins>
                  </dd>
                </dl>
              </>
            ) : (
              <p>{t("dilemmas.revisions.titleSame")}</p>
            )}
            <h3>{t("dilemmas.revisions.textChanges")}</h3>
            {!textChanged ? (
              <p>{t("dilemmas.revisions.textSame")}</p>
            ) : edit.diff ? (
              <TextDiff lines={edit.diff} />
            ) : (
              <p>{t("dilemmas.revisions.noDiff")}</p>
            )}
            <details className="revision__full">
              <summary>{t("dilemmas.revisions.fullBefore")}</summary>
              <div className="prose revision__rendered" dangerouslySetInnerHTML={{ __html: edit.beforeHtml }} />
            </details>
          </section>
        );
      })}
    </div>
  );
}
