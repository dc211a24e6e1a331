import { useTranslation } from "~/components/use-translation";
import type { AuthorView } from "~/members/author";

export function AuthorName({ author }: { author: AuthorView }) {
  const { t } = useTranslation();
  if (!author) return <span className="author author--former">{t("member.former")}</span>;
  return <span className="author">{author.displayName}</span>;
}
