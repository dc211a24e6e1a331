import EmailReplyParser from "email-reply-parser";
import { cleanText } from "~/platform/clean-text";

// The new words of a reply by mail (decision 028): the mail's text without the message it
// quotes and without the sender's signature. email-reply-parser (Crisp's port of GitHub's
// email_reply_parser) knows the quote headers of many mail programs and languages, Dutch
// "Op … schreef …:" among them, "> " quoting and "Verstuurd vanaf mijn iPhone". What it
// misses in Dutch and English mail, we cut ourselves, each rule with a test
// (tests/unit/reply-text.test.ts):
//   - Outlook's quoted header block ("-----Oorspronkelijk bericht-----", "Van: … Verzonden: …");
//   - a closing with a short signature under it ("Met vriendelijke groet," + name, function).

/** A closing line: what comes after it is a signature when it is short. */
const CLOSING =
  /^\s*(?:met\s+)?(?:vriendelijke|hartelijke|beste|warme|lieve|collegiale)\s+groet(?:en)?\b.*$|^\s*(?:groet(?:en|jes)?|gr\.?|mvg|m\.v\.g\.?|kind regards|best regards|warm regards|regards|best wishes|cheers)\s*[,.!]?\s*$/i;
/** Lines a signature may have under its closing: name, function, organisation, phone. */
const SIGNATURE_LINES = 6;
const OUTLOOK_SEPARATOR = /^\s*-{2,}\s*(?:oorspronkelijk bericht|original message|doorgestuurd bericht|forwarded message)\s*-{2,}\s*$/i;
const OUTLOOK_HEADER = /^\s*\*?(?:van|from)\s*:\*?\s.+$/i;
const OUTLOOK_NEXT = /^\s*\*?(?:verzonden|datum|sent|date|aan|to)\s*:\*?/i;

export function replyText(mailText: string): string {
  const text = mailText.replace(/\r\n?/g, "\n");
  const visible = new EmailReplyParser().parseReply(text);
  return cleanText(cutSignature(cutOutlookQuote(visible.split("\n"))).join("\n")).trim();
}

function cutOutlookQuote(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (OUTLOOK_SEPARATOR.test(lines[i]!)) return lines.slice(0, i);
    if (OUTLOOK_HEADER.test(lines[i]!) && OUTLOOK_NEXT.test(lines[i + 1] ?? "")) return lines.slice(0, i);
  }
  return lines;
}

function cutSignature(lines: string[]): string[] {
  for (let i = lines.length - 1; i > 0; i--) {
    if (!CLOSING.test(lines[i]!)) continue;
    const after = lines.slice(i + 1).filter((l) => l.trim() !== "");
    if (after.length <= SIGNATURE_LINES) return lines.slice(0, i);
    return lines;
  }
  return lines;
}
