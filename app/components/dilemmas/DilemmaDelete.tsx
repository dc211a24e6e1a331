import { Form, Link } from "react-router";
import { useTranslation } from "~/components/use-translation";

/**
 * "Verwijder" for the asker (decision 038): a <details> that opens the confirmation, so it
 * needs no script, as a reply's. It says beforehand what will stay: with others' replies the
 * title and the thread (and offers to change the title first); without, nothing.
 */
export function DilemmaDelete({ keepsThread, editHref }: { keepsThread: boolean; editHref: string | null }) {
  const { t } = useTranslation();
  return (
    <details className="confirm">
      <summary>
        {t("forum.dilemmaDelete.delete")}
        <span className="visually-hidden"> {t("forum.dilemmaDelete.what")}</span>
      </summary>
      <Form method="post" className="confirm__body">
        <p>{keepsThread ? t("forum.dilemmaDelete.confirmKeeps") : t("forum.dilemmaDelete.confirmGone")}</p>
        {keepsThread && editHref ? (
          <p>
            <Link to={editHref}>{t("forum.dilemmaDelete.editTitleFirst")}</Link>
          </p>
        ) : null}
        <button type="submit" name="intent" value="delete-dilemma" className="button button--small button--danger">
          {t("forum.dilemmaDelete.submit")}
        </button>
      </Form>
    </details>
  );
}
