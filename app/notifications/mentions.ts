// "@handle" in a post's text: a handle is lowercase letters, digits and hyphens (app/accounts/
// handles.server.ts). Not inside an address (anna@example.nl) or a word; code is skipped.

const MENTION = /(?<![\p{L}\p{N}_@./-])@([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\p{L}\p{N}_@])/giu;

export function mentionedHandles(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, " ").replace(/`[^`\n]*`/g, " ");
  const found = new Set<string>();
  for (const match of withoutCode.matchAll(MENTION)) found.add(match[1]!.toLowerCase());
  return [...found].slice(0, 20); // a post naming the whole circle is not a way to mail it
}
