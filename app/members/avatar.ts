// A member's generated avatar: their initials on a colour of their own. Made from what every
// author view already holds (name and handle), in the page itself: no image request, no
// third-party service, the same avatar on every page and every visit. Plain module: the
// components use it in the server and in the browser.

/**
 * The background colours, each with white text at a contrast of at least 4.5:1 (WCAG AA for
 * small text; tests/unit/avatar.test.ts checks them, and that app/styles/app.css has the same
 * values as `.avatar--c0` … `.avatar--c11`). A class, not a style attribute: the site's
 * Content-Security-Policy allows no inline styles.
 */
export const AVATAR_COLOURS = [
  "#1d5f8a", // blue
  "#0b6b6b", // teal
  "#2c6e2f", // green
  "#7a4a0c", // brown
  "#a12830", // red
  "#8a2868", // plum
  "#5a3b96", // purple
  "#3949a3", // indigo
  "#5e5a12", // olive
  "#00695c", // sea green
  "#9c2b55", // raspberry
  "#475666", // slate
] as const;

/** Which colour is this member's: from the handle, so it never changes. */
export function avatarColourIndex(handle: string): number {
  // FNV-1a: small, fast, spreads similar handles ("jan", "jan-2") over the colours.
  let hash = 0x811c9dc5;
  const key = handle.toLowerCase();
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % AVATAR_COLOURS.length;
}

// Words a Dutch (or Flemish, German, Romance) surname may begin with; "Jan van der Berg" is JB.
const PARTICLES = new Set([
  "van", "de", "der", "den", "het", "'t", "’t", "ten", "ter", "te", "in", "op", "aan", "bij", "uit",
  "von", "zu", "da", "di", "do", "dos", "das", "du", "del", "della", "la", "le", "el", "al", "y", "ibn", "bin",
]);

// A thread page draws the same few authors again and again (decision 012 counts every
// microsecond of a page): each name's initials are worked out once. Bounded: a forum has a
// few thousand members; past the bound the memory starts again.
const MEMORY = 10_000;
const known = new Map<string, string>();

/** Up to two letters: the first name's and the surname's (particles skipped). */
export function initialsOf(displayName: string): string {
  let initials = known.get(displayName);
  if (initials === undefined) {
    if (known.size >= MEMORY) known.clear();
    known.set(displayName, (initials = workOutInitials(displayName)));
  }
  return initials;
}

function workOutInitials(displayName: string): string {
  // What is in brackets is a note ("Opbouwwerker (demo)"), not a name.
  const words = displayName
    .normalize("NFC")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (!words.length) return firstLetter(displayName.trim()) || "?";
  const first = words[0]!;
  const rest = words.slice(1).filter((w) => !PARTICLES.has(w.toLowerCase()));
  const last = rest.length ? rest[rest.length - 1]! : null;
  return firstLetter(first) + (last ? firstLetter(last) : "");
}

/** A word's first letter, upper case; the Dutch IJ is one letter ("IJsbrand" → IJ). */
function firstLetter(word: string): string {
  const at = word.search(/[\p{L}\p{N}]/u);
  if (at < 0) return Array.from(word)[0] ?? "";
  const from = word.slice(at);
  if (/^(?:ij|ĳ)/i.test(from)) return "IJ";
  return (Array.from(from)[0] ?? "").toLocaleUpperCase("nl");
}
