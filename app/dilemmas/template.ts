// The ask form's template: three bold lead-ins (situation / what I tried / my question), the
// shape the circle's own dilemmas have. Labels come translated from the page. Used by the
// browser (button pressed with JavaScript) and the server (pressed without).

export function withTemplate(body: string, labels: readonly string[]): string {
  const template = labels.map((label) => `**${label}** `).join("\n\n");
  if (!body.trim()) return template;
  // Pressed twice, or the text already follows it: nothing to add.
  if (labels.every((label) => body.includes(label))) return body;
  return `${body.trimEnd()}\n\n${template}`;
}
