import type { Finding } from "./document";

// Numbers the writer says are not real: an example on a form ("een voorbeeld-BSN, 123456789",
// "voorbeeldpostcode: 1234 AB") or a value they call made up right after it ("1234 AB is geen
// echte postcode", "06-… is verzonnen"). Only for the kinds that are numbers or addresses by
// shape (not names, ages or health): a person stays a person whatever the sentence says. The
// word must sit right against the value; "bijvoorbeeld" alone is not enough ("bel bijvoorbeeld
// zijn dochter op 06-…" names a real number).

const SHAPED = new Set(["email", "iban", "phone", "bsn", "plate", "postcode"]);
/** "voorbeeld-BSN", "voorbeeldpostcode:", "het voorbeeld", "(voorbeeld)" just before the value. */
const EXAMPLE_BEFORE = /(?:^|[^\p{L}])(?:voorbeeld[\p{L}-]*|fictieve?[\p{L}-]*|nep[\p{L}-]+)[ \t]*[:,(]?[ \t]*$/iu;
/** "… is geen echte …", "… bestaat niet", "… is verzonnen / fictief / nep" just after it. */
const NOT_REAL_AFTER = /^[ \t,)]*(?:is[ \t]+)?(?:geen[ \t]+echte?|niet[ \t]+echt|bestaat[ \t]+niet|(?:is[ \t]+)?(?:verzonnen|fictief|nep)(?![\p{L}]))/iu;

export function isStatedPlaceholder(text: string, finding: Finding): boolean {
  if (!SHAPED.has(finding.kind)) return false;
  const before = text.slice(Math.max(0, finding.start - 30), finding.start);
  const after = text.slice(finding.end, finding.end + 30);
  return EXAMPLE_BEFORE.test(before) || NOT_REAL_AFTER.test(after);
}
