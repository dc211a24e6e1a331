import { Pagination } from "~/components/Pagination";
import { useTranslation } from "~/components/use-translation";

/** The thread's pages, above and below it (two navigation landmarks on one page need two names). */
export function ThreadPager({
  page,
  pageCount,
  hrefFor,
  position,
}: {
  page: number;
  pageCount: number;
  hrefFor: (p: number) => string;
  position: "top" | "bottom";
}) {
  const { t } = useTranslation();
  return (
    <Pagination
      page={page}
      pageCount={pageCount}
      hrefFor={hrefFor}
      labels={{
        nav: t(position === "top" ? "replies.page.pagination.nav" : "replies.page.pagination.navBottom"),
        previous: t("replies.page.pagination.previous"),
        next: t("replies.page.pagination.next"),
        current: t("replies.page.pagination.current", { page, count: pageCount }),
      }}
    />
  );
}
