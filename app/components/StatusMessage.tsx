import { useEffect } from "react";
import { Link, useLocation, useRouteLoaderData } from "react-router";
import { useTranslation } from "~/components/use-translation";
import { ASK_DRAFT_PLACE, draftKey, draftsPosted, forgetDraft } from "./drafts";
import { saysPosted, statusOf, withoutStatus } from "./status-message";

// What an action did, said on the page it led to (`?notice=<key>`, status-message.ts). The live
// region is always in the page, so when a client-side navigation fills it, screen readers
// read it out; without JavaScript the message is simply there after the redirect. With
// JavaScript focus moves to the result (the #fragment's element, else the page's heading), so
// keyboard and screen-reader users continue where the change is. It sticks to the top while
// the page scrolls to the result, and has a close link that works without JavaScript.
export function StatusMessage() {
  const { t } = useTranslation();
  const location = useLocation();
  const key = statusOf(location.search);
  const root = useRouteLoaderData("root") as { viewer?: { handle: string } | null } | undefined;
  const handle = root?.viewer?.handle;
  useEffect(() => {
    if (!key) return;
    // A post is in: the drafts kept while it was typed are done (drafts.ts, decision 038).
    if (saysPosted(key)) draftsPosted();
    // A dilemma was shared: the ask form's draft is done, also when the form was sent before
    // the page's scripts ran and no submit handler marked it (one such draft per member).
    if (key === "asked" && handle) forgetDraft(draftKey(handle, ASK_DRAFT_PLACE));
    const id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    const target = (id && document.getElementById(id)) || document.querySelector<HTMLElement>("main h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    // Once per arrival: a later render of the same page does not take the focus again.
  }, [location.key]);
  return (
    // aria-live always (the region must exist before it fills to be read out); the status role
    // only while it says something, so an empty region is no landmark of its own.
    <div className="status-region" role={key ? "status" : undefined} aria-live="polite">
      {key ? (
        <p className="alert alert--success status-message">
          <span>{t(`status.done.${key}`)}</span>{" "}
          <Link to={withoutStatus(location.pathname, location.search, location.hash)} preventScrollReset className="status-message__close">
            {t("status.close")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
