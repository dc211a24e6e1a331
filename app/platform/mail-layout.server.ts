// One layout for every message the app sends: the same blocks become the plain-text part and
// the HTML part, so the two always say the same thing. The HTML is deliberately plain (one
// column, system fonts, 16 px, a large button, inline styles only: mail programs drop style
// sheets), readable on a phone and in a mail program that shows no HTML at all.

export type MailBlock =
  | { paragraph: string }
  /** A call to action: a button in HTML, the bare URL on its own line in text. */
  | { button: { label: string; url: string } }
  /** Someone else's words (an invitation's personal message), set apart. */
  | { quote: string; by?: string }
  /** A smaller note below the main text (why you got this, what to do if it was not you). */
  | { note: string }
  /** A short list of links under a heading (a digest's sections): a list in HTML, label and URL lines in text. */
  | { links: { heading: string; items: { label: string; url: string; detail?: string }[] } };

export type MailContent = { subject: string; text: string; html: string };

export type MailLayoutInput = {
  locale: string;
  subject: string;
  /** A greeting line ("Hallo Anna,"); optional. */
  greeting?: string;
  blocks: MailBlock[];
  /** The last line of every message: who sends it and where (site name and URL). */
  footer: string;
};

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const textColour = "color:#1b1b1b;";

export function layoutMail(input: MailLayoutInput): MailContent {
  return { subject: input.subject, text: toText(input), html: toHtml(input) };
}

function toText({ greeting, blocks, footer }: MailLayoutInput): string {
  const parts: string[] = [];
  if (greeting) parts.push(greeting);
  for (const block of blocks) {
    if ("paragraph" in block) parts.push(block.paragraph);
    else if ("button" in block) parts.push(`${block.button.label}:\n${block.button.url}`);
    else if ("quote" in block) {
      const quoted = block.quote.split("\n").map((line) => `> ${line}`).join("\n");
      parts.push(block.by ? `${block.by}:\n${quoted}` : quoted);
    } else if ("links" in block) {
      const items = block.links.items.map((i) => `- ${i.label}${i.detail ? ` (${i.detail})` : ""}\n  ${i.url}`);
      parts.push([block.links.heading, ...items].join("\n"));
    } else parts.push(block.note);
  }
  parts.push(`-- \n${footer}`);
  return `${parts.join("\n\n")}\n`;
}

function paragraphHtml(text: string, style = ""): string {
  const lines = text.split("\n").map(esc).join("<br>");
  return `<p style="margin:0 0 16px;${font}${textColour}font-size:16px;line-height:1.5;${style}">${lines}</p>`;
}

function toHtml({ locale, subject, greeting, blocks, footer }: MailLayoutInput): string {
  const body: string[] = [];
  if (greeting) body.push(paragraphHtml(greeting));
  for (const block of blocks) {
    if ("paragraph" in block) body.push(paragraphHtml(block.paragraph));
    else if ("button" in block) {
      const url = esc(block.button.url);
      body.push(
        `<p style="margin:24px 0;${font}"><a href="${url}" style="display:inline-block;background:#0b5394;color:#ffffff;` +
          `font-size:17px;font-weight:bold;text-decoration:none;padding:14px 22px;border-radius:6px;">${esc(block.button.label)}</a></p>` +
          paragraphHtml(url, "font-size:13px;color:#555555;word-break:break-all;"),
      );
    } else if ("quote" in block) {
      if (block.by) body.push(paragraphHtml(block.by, "margin-bottom:4px;font-weight:bold;"));
      body.push(
        `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #9fb8d0;background:#f3f6f9;">` +
          paragraphHtml(block.quote, "margin:0;") +
          `</blockquote>`,
      );
    } else if ("links" in block) {
      body.push(paragraphHtml(block.links.heading, "margin-bottom:8px;font-weight:bold;"));
      const items = block.links.items.map(
        (i) =>
          `<li style="margin:0 0 10px;${font}${textColour}font-size:16px;line-height:1.4;"><a href="${esc(i.url)}" style="color:#0b5394;">${esc(i.label)}</a>` +
          (i.detail ? `<br><span style="font-size:14px;color:#555555;">${esc(i.detail)}</span>` : "") +
          `</li>`,
      );
      body.push(`<ul style="margin:0 0 20px;padding-left:20px;">${items.join("")}</ul>`);
    } else body.push(paragraphHtml(block.note, "font-size:14px;color:#444444;"));
  }
  return `<!doctype html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px 20px;">
${body.join("\n")}
<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px;">
${paragraphHtml(footer, "font-size:13px;color:#555555;margin:0;")}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
