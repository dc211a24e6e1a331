import { useTranslation } from "~/components/use-translation";
import { Form } from "react-router";
import { SEARCH_PATH } from "~/search/params";
import { LiveSearchInput } from "./LiveSearch";

// The search box in the site's banner: a plain GET form to /search (works without JavaScript),
// with results as you type when JavaScript runs.
export function HeaderSearch() {
  const { t } = useTranslation();
  return (
    <Form method="get" action={SEARCH_PATH} role="search" className="header-search" aria-label={t("search.header.label")}>
      <LiveSearchInput
        id="header-search-q"
        defaultValue=""
        label={t("search.header.label")}
        labelHidden
        placeholder={t("search.header.placeholder")}
        allHref={(q) => `${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`}
      />
      <button type="submit" className="button button--small header-search__submit">
        {t("search.header.submit")}
      </button>
    </Form>
  );
}
