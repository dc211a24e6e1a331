/**
 * Markdown → safe HTML for dilemmas, replies, reports and previews (DESIGN.md, "Markdown").
 *
 * Two stages, and only the second one makes it safe:
 *  1. marked (GFM) turns Markdown into HTML. Its raw-HTML syntax is switched off, so a
 *     practitioner who types `<b>` or `a < b > c` sees exactly that instead of losing words.
 *     But marked still emits whatever URL was written (`[x](javascript:…)`), so its output
 *     is untrusted.
 *  2. sanitize-html with our own allow-list: exactly the elements Markdown produces, with the
 *     attributes Markdown needs, and nothing else. Library defaults are not the policy.
 * The result is stored at write time, so none of this runs on reads.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const LINK_REL = "nofollow ugc noopener"; // user content: no SEO credit, no window.opener
const LINK_SCHEME = /^(?:https?|mailto):/i;
// https only: http images are mixed content; data: can smuggle SVG and bloats stored rows;
// relative src would make every reader's browser send GET requests to our own endpoints.
const IMAGE_SCHEME = /^https:/i;
const ALIGN = ["align-left", "align-center", "align-right"];

/** What a browser does before reading a URL's scheme: trim C0 controls and spaces at both
 * ends and delete tab/LF/CR anywhere, so `" java\tscript:"` is javascript:. (Entities are
 * already decoded by the HTML parser: `&#106;avascript:` arrives here as `javascript:`.) */
function cleanUrl(url: string | undefined): string {
  const s = (url ?? "").replace(/[\t\n\r]/g, "");
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

const marked = new Marked({
  gfm: true,
  breaks: true, // people type in a textarea: Enter is a line break, as in GitHub comments
  async: false,
  tokenizer: {
    // "No match" instead of an HTML token, so tags fall through to text and marked escapes them.
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    // The page owns h1 (dilemma or report title) and h2 (its sections, e.g. "Reacties"), so a
    // post's `#` becomes h3 and deeper levels collapse into h6: the document outline stays true.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // Task lists would render <input>, a form control we don't allow; keep the state as text.
    checkbox: ({ checked }) => (checked ? "☑ " : "☐ "),
    // Images are not loaded into the page (decision 022): a picture on another host would tell
    // that host who reads the thread, and when. An https image becomes a link to it, marked as
    // a picture, that the reader may open; any other (http:, relative, javascript:…) its alt
    // text, not a hole.
    // A picture inside a link ([![alt](img)](page)) is its alt text: a link in a link is not HTML.
    link(token) {
      token.tokens = token.tokens.map((t) => (t.type === "image" ? { type: "text", raw: t.raw, text: (t as { text: string }).text, escaped: false } : t));
      return false;
    },
    image(token) {
      const href = cleanUrl(token.href);
      const alt = this.parser.parseInline(token.tokens);
      if (!IMAGE_SCHEME.test(href)) return alt;
      let host = "";
      try {
        host = new URL(href).hostname;
      } catch {
        return alt;
      }
      const title = token.title ? ` title="${escapeAttribute(token.title)}"` : ` title="${escapeAttribute(host)}"`;
      return `<a href="${escapeAttribute(href)}"${title}>🖼\uFE0E ${alt || escapeAttribute(host)}</a>`;
    },
  },
});

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", // h1 and h2 belong to the page: see heading() above
    "table", "thead", "tbody", "tr", "th", "td", "hr", "a",
    // No img: pictures are links (see image() above); an <img> in stored HTML goes entirely.
  ],
  // No id/name (DOM clobbering), no style, no data-*, no on*: only what Markdown needs.
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], ol: ["start"] },
  // Table alignment as a class (no style attribute anywhere); fenced-code language for highlighting.
  allowedClasses: { th: ALIGN, td: ALIGN, code: ["language-*"] },
  // Belt and braces behind transformTags below, which already enforces the same schemes.
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false, // sanitize-html allows `//evil.example` by default
  disallowedTagsMode: "discard", // an unknown tag goes, its text stays
  // Transforms never rename a tag: sanitize-html 2.17 leaves a renamed-then-dropped tag's name
  // in its close-tag map, and the next sibling then closes as that name (`<a>…</x>`, link
  // left open). An element that fails its check is removed by exclusiveFilter instead.
  transformTags: {
    // Links: absolute http(s)/mailto only. Relative hrefs are dropped too: the HTML also goes
    // into e-mails and feeds where they break, and `/account/...` links are a phishing lever.
    // No target attribute: opening a new tab is the reader's choice.
    a: (_tag, attribs) => {
      const href = cleanUrl(attribs.href);
      if (!LINK_SCHEME.test(href)) return { tagName: "a", attribs: {} };
      return { tagName: "a", attribs: keep(attribs, { href, rel: LINK_REL }, "title") };
    },
    img: (_tag, attribs) => {
      const src = cleanUrl(attribs.src);
      if (!IMAGE_SCHEME.test(src)) return { tagName: "img", attribs: {} };
      return { tagName: "img", attribs: keep(attribs, { src, alt: attribs.alt ?? "" }, "title") };
    },
    th: alignToClass,
    td: alignToClass,
  },
  // A link without href loses its tag but keeps its text; an image without src goes entirely.
  // (Checked after attribute filtering, so a scheme sanitize-html itself removed counts too.)
  exclusiveFilter: (frame) =>
    (frame.tag === "a" && !frame.attribs.href ? "excludeTag" : false) ||
    (frame.tag === "img" && !frame.attribs.src),
};

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function alignToClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName, attribs: attribs.align ? { class: `align-${attribs.align}` } : {} };
}

/** Attributes are rebuilt, not filtered: `into` plus `name` copied from `from` when present. */
function keep(from: sanitizeHtml.Attributes, into: sanitizeHtml.Attributes, name: string) {
  if (from[name]) into[name] = from[name];
  return into;
}

/** Markdown → HTML that is safe to store and to render with dangerouslySetInnerHTML. */
export function renderMarkdown(input: string): string {
  // NUL cannot be stored (db.server.ts drops it from every query), so drop it before rendering
  // too: otherwise "java\0script:" would render as harmless text and turn into "javascript:"
  // on its way into the database.
  const markdown = input.replaceAll("\u0000", "");
  let html: string;
  try {
    const tokens = marked.lexer(markdown);
    // The levels a text uses become consecutive from its first (`##` alone is h3, `#` then
    // `###` is h3 then h4): a page's outline never skips a level (axe's heading-order, issue 22).
    const depths: number[] = [];
    marked.walkTokens(tokens, (t) => {
      if (t.type === "heading" && !depths.includes(t.depth)) depths.push(t.depth);
    });
    depths.sort((x, y) => x - y);
    marked.walkTokens(tokens, (t) => {
      if (t.type === "heading") t.depth = depths.indexOf(t.depth) + 1;
    });
    html = marked.parser(tokens);
  } catch {
    // marked recurses once per nesting level: ~2 000 `>` in a row overflow the stack. That is
    // not prose; show it as escaped text rather than fail the request.
    html = `<p>${markdown.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`;
  }
  return sanitizeRenderedHtml(html);
}

/** The second stage of renderMarkdown on its own. Exported so tests can throw raw HTML at the
 * sanitiser directly: it must hold even if stage 1 ever let HTML through. */
export function sanitizeRenderedHtml(html: string): string {
  // `&#58;` reads as the same colon, but stored HTML then never contains the literal string
  // "javascript:" (or vbscript:), so grepping stored bodies for it is a meaningful alarm.
  return sanitizeHtml(html, POLICY).replace(/(script):/gi, "$1&#58;");
}

// After these, a space, so "<li>een</li><li>twee</li>" reads "een twee", not "eentwee".
const BLOCK_END = /<\/(?:p|li|h[3-6]|blockquote|pre|tr|th|td)>|<br \/>|<hr \/>/g;

/** Markdown → one line of plain text for snippets, titles and e-mail subjects: no markup,
 * entities decoded, whitespace collapsed, cut at a word near maxLength with "…" (which counts).
 * It is text, NOT HTML: `<b>` typed by the author comes back as `<b>`. Let React escape it. */
export function markdownToPlainText(markdown: string, maxLength?: number): string {
  const spaced = renderMarkdown(markdown).replace(BLOCK_END, "$& ");
  // With no tags allowed, sanitize-html decodes every entity and re-escapes only & < > ".
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  if (maxLength === undefined || text.length <= maxLength) return text;
  if (maxLength < 1) return "";
  let cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(" ");
  if (space > maxLength * 0.6) cut = cut.slice(0, space); // prefer a word boundary when near
  return cut.replace(/[\uD800-\uDBFF]$/, "").trimEnd() + "…"; // never half an emoji
}
