import { NoticePage } from "~/components/accounts/Notice";
import { useTranslation } from "~/components/use-translation";

// After the sign-up form: the same page for every address (decision 016).
export default function SignUpSent() {
  const { t } = useTranslation();
  return (
    <NoticePage title={t("accounts.signup.sentTitle")}>
      <p className="alert alert--success" role="status">
        {t("accounts.signup.sent")}
      </p>
      <p>{t("accounts.signup.sentHint")}</p>
    </NoticePage>
  );
}
