import { Link } from "react-router";
import { useTranslation } from "~/components/use-translation";

/**
 * Beside a post that waits for an organiser's approval (decision 037), for the only ones who
 * see it: its author (a calm word on why and what comes next) and staff (where to decide).
 */
export function HeldNote({ staff }: { staff: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--info" role="note">
      <p>
        <strong>{t("holds.note")}</strong>
      </p>
      <p>{staff ? t("holds.noteStaff") : t("holds.noteAuthor")}</p>
      {staff ? (
        <p>
          <Link to="/moderation">{t("holds.toQueue")}</Link>
        </p>
      ) : null}
    </div>
  );
}
