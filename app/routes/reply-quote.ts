import { createI18n } from "~/platform/i18n";
import { getReplyQuote } from "~/replies/quote.server";
import { quoteMarkdown } from "~/replies/quote";
import { guardianOf, viewerInfo } from "~/web/context.server";
import { rethrowAsHttp } from "~/web/domain-errors.server";
import { idOr404 } from "~/web/ids.server";
import type { Route } from "./+types/reply-quote";

// GET /replies/:id/quote — the Markdown quote of a reply for "Citeer" with JavaScript (the
// browser puts it into the reply form where the cursor is); without JavaScript "Citeer" is a
// link to the thread's form with the quote already in it (?quote=, the dilemma page's loader).
export async function loader({ params, context }: Route.LoaderArgs) {
  const quote = await getReplyQuote(guardianOf(context), idOr404(params.id)).catch(rethrowAsHttp);
  const { t } = createI18n(viewerInfo(context).locale);
  const markdown = quoteMarkdown(quote, t("forum.quote.wrote", { name: quote.authorName ?? t("member.former") }));
  return Response.json({ markdown }, { headers: { "Cache-Control": "private, no-store" } });
}
