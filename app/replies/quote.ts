// Quoting a reply (issue 22, decision 038): a Markdown blockquote that names its writer and
// links to the reply, put into the reply form. Plain module: the server builds it for the form
// without JavaScript, the quote route for the browser's "Citeer".

/** Long replies are quoted in part: a quote points at the reply, it does not repeat it. */
export const QUOTE_MAX = 1200;

export type ReplyQuote = {
  replyId: number;
  /** null: the writer erased their account ("voormalig lid"). */
  authorName: string | null;
  bodyMd: string;
  /** The reply's permalink, absolute: the Markdown renderer keeps only complete links (034). */
  url: string;
};

/**
 * "> [Hanna schreef](https://…/replies/12):\n>\n> de tekst\n\n": earlier quotes inside the
 * reply are left out (a quote of a quote says little), and the text is cut at QUOTE_MAX at
 * a word boundary, with "…".
 */
export function quoteMarkdown(quote: ReplyQuote, wrote: string): string {
  const own = quote.bodyMd
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !/^\s{0,3}>/.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const cut = own.length > QUOTE_MAX ? `${own.slice(0, QUOTE_MAX).replace(/\s+\S*$/, "")} …` : own;
  const lines = cut.split("\n").map((line) => (line ? `> ${line}` : ">"));
  return `> [${escapeLinkText(wrote)}](${quote.url}):\n>\n${lines.join("\n")}\n\n`;
}

/** A name in a link's text: brackets and backslashes would end or break the link. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}
