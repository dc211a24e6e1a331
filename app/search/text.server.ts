import sanitizeHtml from "sanitize-html";

// The plain text search indexes and shows in snippets, made from the stored, sanitised HTML of
// a post (so the Markdown is not parsed again, and what is searchable is exactly what readers
// see). Block ends become line breaks: the Dutch analysis reads a line break as the end of a
// clause, so a list item's last word and the next item's first word never make one verb.

const BLOCK_END = /<\/(?:p|li|h[1-6]|blockquote|pre|tr|th|td|ul|ol)>|<br\s*\/?>|<hr\s*\/?>/g;

/** Stored HTML → text with one line per block, entities decoded. Plain text, NOT HTML. */
export function htmlToPlainText(html: string): string {
  const marked = html.replace(BLOCK_END, "$&\n");
  return sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ ?\n[\s]*/g, "\n")
    .trim();
}
