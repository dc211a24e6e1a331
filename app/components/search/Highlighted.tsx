import type { Segment } from "~/search/snippet.server";

// Text with the words that matched the search marked. The segments are plain text (React
// escapes them); the marks are ours. Never stored HTML.
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
    </>
  );
}
