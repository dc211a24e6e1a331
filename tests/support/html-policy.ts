import { readFileSync } from "node:fs";
import { Parser } from "htmlparser2";

// The Markdown policy of DESIGN.md written out independently of app/platform/markdown.server.ts,
// and a checker that enforces it on any HTML string. Used by the renderer's unit tests and by
// the integration test that sends every XSS payload through every field that renders Markdown.

export const REL = "nofollow ugc noopener";
const ALLOWED: Record<string, readonly string[]> = {
  p: [], br: [], em: [], strong: [], del: [], code: ["class"], pre: [], blockquote: [],
  ul: [], ol: ["start"], li: [], h3: [], h4: [], h5: [], h6: [],
  table: [], thead: [], tbody: [], tr: [], th: ["class"], td: ["class"], hr: [],
  a: ["href", "title", "rel"], img: ["src", "alt", "title"],
};
const CLASS_VALUE: Record<string, RegExp> = {
  code: /^language-\S+$/,
  th: /^align-(left|center|right)$/,
  td: /^align-(left|center|right)$/,
};

/** The URL as a browser's scheme check would see it, and then some: entities are decoded by
 * htmlparser2; here every whitespace, control and invisible character goes and case folds. */
function normaliseUrl(value: string): string {
  return [...value]
    .filter((c) => c > " " && !/[\s\u200b-\u200d\u00ad\ufeff\u007f-\u009f]/u.test(c))
    .join("")
    .toLowerCase();
}

export function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const allowed = ALLOWED[name];
        if (!allowed) problems.push(`element <${name}>`);
        for (const [attr, value] of Object.entries(attribs)) {
          const where = `${attr}="${value}" on <${name}>`;
          if (attr.startsWith("on")) problems.push(`event handler ${where}`);
          if (attr === "style") problems.push(`style ${where}`);
          if (!allowed?.includes(attr)) problems.push(`attribute ${where}`);
          if (attr === "href" || attr === "src") {
            const url = normaliseUrl(value);
            const ok = name === "img" ? url.startsWith("https:") : /^(https?|mailto):/.test(url);
            if (!ok) problems.push(`URL ${where}`);
          }
          if (attr === "class" && !value.split(/\s+/).every((c) => CLASS_VALUE[name]?.test(c))) {
            problems.push(`class ${where}`);
          }
          if (attr === "rel" && value !== REL) problems.push(`rel ${where}`);
        }
        if (name === "a" && attribs.rel !== REL) problems.push(`<a> without rel="${REL}"`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const lower = html.toLowerCase();
  for (const needle of ["<script", "javascript:", "<svg", "<iframe"]) {
    if (lower.includes(needle)) problems.push(`raw output contains "${needle}"`);
  }
  return problems;
}

// One payload per line; `{U+XXXX}` stands for a character a text file can't show (tab, LF, NUL).
export const payloads = readFileSync(new URL("../fixtures/xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) =>
    line.replace(/\{U\+([0-9A-F]{4,6})\}/g, (_, hex: string) =>
      String.fromCodePoint(parseInt(hex, 16)),
    ),
  );
