// E-mail addresses as people really have them: plus-addressing (anna+kring@…), international
// domain names (jan@bücher.example) and Unicode mailbox names (RFC 6531), while what is not an
// address at all is refused. Shared by the server and the browser (the forms' schemas): the
// domain is checked by the WHATWG URL parser, which both have and which applies IDNA.

// Invisible characters a copy from a document or chat brings along.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// RFC 5322 atext, plus any non-ASCII letter or digit (RFC 6531).
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{M}\p{N}]+$/u;
const DOMAIN_CHARS = /^[^\s@/\\:?#[\]%<>"'`,;()]+$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** What a person typed or pasted, as we compare and store it: NFC, no invisible characters, no
 *  surrounding spaces or angle brackets, the domain in lower case. */
export function normaliseEmail(input: string): string {
  let value = input.normalize("NFC").replace(INVISIBLE, "").trim();
  // "mailto:anna@…" or "<anna@…>" pasted from a mail program.
  value = value.replace(/^mailto:/i, "").replace(/^<(.*)>$/, "$1").trim();
  const at = value.lastIndexOf("@");
  if (at < 0) return value;
  return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/** The domain in ASCII (IDNA), or null when it cannot be one. */
export function asciiDomain(domain: string): string | null {
  if (!DOMAIN_CHARS.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  if (host.length > 253 || host.endsWith(".")) return null;
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return host;
}

/** Whether a normalised value is an address mail can be sent to. */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254 || /[\u0000-\u001F\u007F\s]/.test(value)) return false;
  const at = value.lastIndexOf("@");
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  if (!local.split(".").every((atom) => LOCAL_ATOM.test(atom))) return false;
  return asciiDomain(domain) !== null;
}

/**
 * A pasted list of addresses (one a line, or separated by commas, semicolons or spaces; "Name
 * <address>" as a mail program copies them), normalised, without repeats, in order.
 */
export function splitAddressList(input: string): { addresses: string[]; notAddresses: string[] } {
  const addresses: string[] = [];
  const notAddresses: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    const address = normaliseEmail(raw);
    if (!address) return;
    if (!isEmailAddress(address)) {
      notAddresses.push(raw.trim());
      return;
    }
    const key = address.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    addresses.push(address);
  };
  // Quoted display names may hold commas ("Vries, Jan" <jan@…>): out first.
  const cleaned = input.normalize("NFC").replace(INVISIBLE, "").replace(/"[^"\n]*"/g, " ");
  for (const entry of cleaned.split(/[\n,;]+/)) {
    const bracketed = [...entry.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
    if (bracketed.length) bracketed.forEach(add); // "Anna de Vries <anna@…>": the name is not an address
    else entry.split(/\s+/).filter(Boolean).forEach(add);
  }
  return { addresses, notAddresses };
}
