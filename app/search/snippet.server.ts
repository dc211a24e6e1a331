import { analyzeText, fold } from "./dutch/analysis.server";

// Highlighting: which words of a text matched the query, found with the same Dutch analysis as
// the index (so "werker" marks "wijkwerkers", "loslaten" marks "liet … los"), returned as plain
// text segments. The page renders them as React text inside <mark> (escaped by React); the API
// turns them into HTML with snippetHtml, which escapes every character of the text itself.
// Never built from stored HTML.

export type Segment = { text: string; mark: boolean };

export type Highlighter = {
  /** Tokens of the query's positive terms, all alternatives (forms, compound parts, synonyms). */
  tokens: ReadonlySet<string>;
  /** Search-as-you-type: the last word is still being typed, so any word starting with it matches. */
  prefix: string | null;
};

const MAX_ANALYSED = 20_000;

function matchedRanges(text: string, h: Highlighter): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const p of analyzeText(text.slice(0, MAX_ANALYSED))) {
    const hit = p.tokens.some((t) => h.tokens.has(t)) || (h.prefix !== null && p.word.startsWith(h.prefix));
    if (!hit) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] >= p.start) last[1] = Math.max(last[1], p.end); // e-mail: one mark
    else ranges.push([p.start, p.end]);
  }
  return ranges;
}

function toSegments(text: string, ranges: Array<[number, number]>, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a > at) out.push({ text: text.slice(at, a), mark: false });
    out.push({ text: text.slice(a, b), mark: true });
    at = b;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** A whole short text (a title) with its matches marked. */
export function highlightAll(text: string, h: Highlighter): Segment[] {
  return toSegments(text, matchedRanges(text, h), 0, text.length);
}

/**
 * About `length` characters of a longer text around its best cluster of matches (the window
 * with the most matched words, the earliest of equals), cut at word boundaries, "…" where cut.
 * Line breaks read as spaces. Without matches: the opening.
 */
export function snippet(text: string, h: Highlighter, length = 220): Segment[] {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const ranges = matchedRanges(flat, h);
  let start = 0;
  if (ranges.length > 0) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < ranges.length; i++) {
      let n = 0;
      for (let j = i; j < ranges.length && ranges[j]![1] - ranges[i]![0] <= length * 0.8; j++) n++;
      if (n > bestCount) {
        bestCount = n;
        best = i;
      }
    }
    // Some words of context before the first match, from a word boundary.
    start = Math.max(0, ranges[best]![0] - Math.floor(length * 0.25));
    if (start > 0) {
      const space = flat.indexOf(" ", start);
      start = space >= 0 && space < ranges[best]![0] ? space + 1 : ranges[best]![0];
    }
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start + length * 0.6) end = space;
  }
  const segments = toSegments(flat, ranges, start, end);
  if (start > 0) segments.unshift({ text: "…", mark: false });
  if (end < flat.length) segments.push({ text: " …", mark: false });
  return mergePlain(segments);
}

function mergePlain(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && !last.mark && !s.mark) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Segments as HTML: escaped text, matches in <mark>. Safe to insert as HTML. */
export function snippetHtml(segments: Segment[]): string {
  return segments.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join("");
}

/** The folded last word of a query still being typed ("vrijwi"), or null. */
export function typingPrefix(q: string): string | null {
  if (/\s$/.test(q)) return null;
  const m = /([\p{L}\p{N}]+)$/u.exec(q);
  if (!m || /["-]$/.test(q.slice(0, m.index))) return null;
  const word = fold(m[1]!).replace(/[^a-z0-9]/g, "");
  return word.length >= 2 ? word : null;
}
