import { useTranslation } from "~/components/use-translation";
import { Link } from "react-router";
import { AuthorName } from "~/components/AuthorName";
import { CompetenceTags } from "~/components/CompetenceTags";
import { formatDate, isoDate } from "~/components/format";
import { RelativeTime } from "~/components/RelativeTime";
import type { SearchHit } from "~/search/search.server";
import { Highlighted } from "./Highlighted";

// One search result: what it is (dilemma, reply, report) in words, its title as the link, its
// status and date, a snippet with the matching words marked, its competences. A dilemma whose
// replies matched too shows its best-matching reply beneath (the thread is one result).
export function SearchResultItem({ hit }: { hit: SearchHit }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="search-result">
      <p className="search-result__kind">
        {t(`search.results.kind.${hit.kind}`)}
        {hit.kind === "reply" && hit.answer ? ` · ${t("search.results.answer")}` : null}
      </p>
      <h3 className="search-result__title">
        <Link to={hit.url}>
          {hit.kind === "reply" ? (
            t("search.results.replyOn", { title: hit.titleText })
          ) : (
            <Highlighted segments={hit.title} />
          )}
        </Link>
      </h3>
      <p className="meta">
        {hit.status ? (
          <>
            <span className={`status status--${hit.status}`}>{t(`dilemmas.status.${hit.status}`)}</span>
            {" · "}
          </>
        ) : null}
        {hit.hidden ? (
          <>
            <span className="dilemma-flag dilemma-flag--hidden">{t("search.results.hidden")}</span>
            {" · "}
          </>
        ) : null}
        {hit.draft ? (
          <>
            <span className="dilemma-flag">{t("search.results.draft")}</span>
            {" · "}
          </>
        ) : null}
        {hit.author ? (
          <>
            {t("dilemmas.by")} <AuthorName author={hit.author.member} />
            {" · "}
          </>
        ) : null}
        {hit.kind === "report" ? (
          <time dateTime={isoDate(hit.date)}>{t("search.results.heldOn", { date: formatDate(hit.date, i18n.language) })}</time>
        ) : (
          <RelativeTime at={hit.date} />
        )}
      </p>
      <p className="search-result__snippet">
        <Highlighted segments={hit.snippet} />
      </p>
      {hit.reply ? (
        <div className="search-result__reply">
          <p className="search-result__reply-label">
            {hit.reply.answer ? t("search.results.alsoInAnswer") : t("search.results.alsoInReply")}
          </p>
          <p className="search-result__snippet">
            <Link to={hit.reply.url}>
              <Highlighted segments={hit.reply.snippet} />
            </Link>
          </p>
          {hit.matchingReplies > 1 ? (
            <p className="meta">{t("search.results.moreReplies", { count: hit.matchingReplies })}</p>
          ) : null}
        </div>
      ) : null}
      <CompetenceTags competences={hit.competences} label={t("search.results.competences")} />
    </li>
  );
}
