import { Link } from "react-router";

// "Previous / Page 2 of 5 / Next" as plain links (works without JavaScript; every page has
// its own URL). Labels come in translated, so any page can use it.
export type PaginationLabels = { nav: string; previous: string; next: string; current: string };

export function Pagination({
  page,
  pageCount,
  hrefFor,
  labels,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  labels: PaginationLabels;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={labels.nav} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev">
              {labels.previous}
            </Link>
          </li>
        ) : null}
        <li aria-current="page">{labels.current}</li>
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              {labels.next}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
