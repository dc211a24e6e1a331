import type { z } from "zod";

// Links the Markdown renderer drops (markdown.server.ts keeps only absolute http(s) and mailto
// links, and only https pictures): found while the writer can still fix them, so a relative
// link such as `[verslag](verslag.pdf)` or `[hier](/dilemmas/3)` is not lost in silence
// (issue 22). Plain module: the forms' schemas run it in the browser too, so it is a small
// scanner, not the Markdown parser. Code (fenced, indented or `inline`) is left alone: a link
// shown as code is not a link.

const KEPT = /^(?:https?:|mailto:)/i;
const CODE = /```[\s\S]*?(?:```|(?![\s\S]))|~~~[\s\S]*?(?:~~~|(?![\s\S]))|`[^`\n]*`|^(?: {4}|\t).*$/gm;
// [text](target "title"), ![alt](target); the target may be in <angle brackets>.
const INLINE = /!?\[[^\]\n]*\]\(\s*(<[^>\n]*>|[^\s)]+)/g;
// [label]: target (a reference definition)
const REFERENCE = /^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm;

/** The link targets in `markdown` that will not become links, each once, in order. */
export function droppedLinkTargets(markdown: string): string[] {
  const text = markdown.replace(CODE, "");
  const found: string[] = [];
  for (const pattern of [INLINE, REFERENCE]) {
    for (const match of text.matchAll(pattern)) {
      const target = match[1]!.replace(/^<|>$/g, "").trim();
      if (target && !KEPT.test(target) && !found.includes(target)) found.push(target);
    }
  }
  return found;
}

/** For a Markdown field's schema: a message beside the field for each link that would be dropped. */
export function refineLinks(value: string, ctx: z.RefinementCtx): void {
  for (const target of droppedLinkTargets(value).slice(0, 3)) {
    ctx.addIssue({ code: "custom", message: `forum.markdown.droppedLink?href=${encodeURIComponent(target.slice(0, 80))}` });
  }
}
