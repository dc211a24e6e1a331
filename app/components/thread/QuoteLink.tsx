import { useState } from "react";
import { useTranslation } from "~/components/use-translation";
import { REPLY_FORM_ID } from "./ReplyForm";
import { composerField, insertBlock } from "./composer-text";

/**
 * "Citeer" (decision 038). Without JavaScript a link to the thread's reply form with the quote
 * in it (?quote=, built by the server). With JavaScript the quote comes from /replies/:id/quote
 * and goes into the open reply form where the cursor is, keeping what was typed; the focus
 * follows it. Should the quote not load, the link does what it does without JavaScript.
 */
export function QuoteLink({ replyId, href, authorName }: { replyId: number; href: string; authorName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const onClick = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    const field = composerField(REPLY_FORM_ID);
    if (!field || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const response = await fetch(`/replies/${replyId}/quote`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`quote: HTTP ${response.status}`);
      const { markdown } = (await response.json()) as { markdown: string };
      field.scrollIntoView({ block: "center" });
      insertBlock(field, markdown);
    } catch {
      window.location.assign(href);
    } finally {
      setBusy(false);
    }
  };
  return (
    <a href={href} className="button button--small button--secondary" onClick={onClick} aria-busy={busy || undefined}>
      {t("forum.quote.link")}
      <span className="visually-hidden"> {t("forum.quote.linkLabel", { name: authorName })}</span>
    </a>
  );
}
