import { findStreets } from "./addresses";
import { findAges, findSpecialCategories, identifyingSentences } from "./descriptions";
import { Doc, type Finding } from "./document";
import { type PrivacyCheck, type PrivacyContext, type PrivacyKind, type PrivacyMark, PRIVACY_TEXT_MAX } from "./kinds";
import { nameLists } from "./lists.server";
import { findNames } from "./names";
import { isStatedPlaceholder } from "./placeholders";
import { findBirthdates, findBsns, findEmails, findIbans, findPhones, findPlates, findPostcodes } from "./numbers.server";
import { type Span, fold, overlaps } from "./text";
import { PARTICLES } from "./vocabulary";

// The privacy guard: what in a text looks like personal data of someone other than its writer,
// each with a kind and a replacement. Pure and synchronous: the same text and writer give the
// same marks, on the server (API, no-JS submit, importer) and in tests. Decision record 021.

/** When two findings overlap, the more specific kind wins (an e-mail address holds a name). */
const PRIORITY: PrivacyKind[] = ["email", "iban", "phone", "bsn", "plate", "birthdate", "address", "postcode", "name", "age", "special"];
const RANK = Object.fromEntries(PRIORITY.map((k, i) => [k, i])) as Record<PrivacyKind, number>;

const REPLACEMENTS: Record<"nl" | "en", Record<Exclude<PrivacyKind, "name" | "special">, string> & { person: string; family: string; health: string; origin: string; religion: string }> = {
  nl: {
    person: "bewoner",
    family: "familie",
    address: "[adres]",
    postcode: "[postcode]",
    phone: "[telefoonnummer]",
    email: "[e-mailadres]",
    bsn: "[BSN]",
    iban: "[rekeningnummer]",
    birthdate: "[geboortedatum]",
    plate: "[kenteken]",
    age: "[leeftijd]",
    health: "[gezondheid]",
    origin: "[afkomst]",
    religion: "[geloof]",
  },
  en: {
    person: "resident",
    family: "family",
    address: "[address]",
    postcode: "[postcode]",
    phone: "[phone number]",
    email: "[email address]",
    bsn: "[BSN]",
    iban: "[account number]",
    birthdate: "[date of birth]",
    plate: "[licence plate]",
    age: "[age]",
    health: "[health]",
    origin: "[origin]",
    religion: "[belief]",
  },
};

export function checkPrivacy(text: string, context: PrivacyContext = {}): PrivacyCheck {
  const input = text.length > PRIVACY_TEXT_MAX ? text.slice(0, PRIVACY_TEXT_MAX) : text;
  const doc = new Doc(input);
  const lists = nameLists();

  const streets = findStreets(doc, lists);
  const shaped = [
    ...findEmails(doc),
    ...findIbans(doc),
    ...findPhones(doc),
    ...findBsns(doc),
    ...findPlates(doc),
    ...findBirthdates(doc),
    ...findPostcodes(doc),
    ...streets.findings,
  ]
    .filter((f) => !streets.publicAddresses.some((p) => overlaps(p, f)))
    .filter((f) => !isStatedPlaceholder(doc.text, f));
  const names = findNames(doc, lists, { writer: writerWords(context), streets: streets.streets }).filter(
    (n) => !shaped.some((f) => overlaps(f, n)) && !streets.publicAddresses.some((p) => overlaps(p, n)),
  );
  const identified = [...shaped, ...names];
  const ids = identifyingSentences(doc, identified, streets.streets);
  const described = [...findAges(doc, identified, ids), ...findSpecialCategories(doc, ids)];
  const marks = settle([...identified, ...described]);
  return { warn: marks.length > 0, marks: withReplacements(marks, context.locale ?? "nl") };
}

/** The writer's own words: their display name, handle and organisation are not someone else's. */
function writerWords(context: PrivacyContext): Set<string> {
  const words = new Set<string>();
  for (const part of [context.displayName, context.organisation]) {
    for (const w of (part ?? "").split(/[\s,.()/-]+/)) if (w && !PARTICLES.has(fold(w))) words.add(fold(w));
  }
  for (const w of (context.handle ?? "").split(/[^\p{L}]+/u)) if (w.length >= 2) words.add(fold(w));
  return words;
}

/** One mark per stretch of text: the higher-priority kind, then the longer finding, wins. */
function settle(findings: Finding[]): Finding[] {
  const byStart = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  const kept: Finding[] = [];
  // Overlaps are rare and local: settle each run of findings that overlap one another on its own.
  for (let i = 0; i < byStart.length; ) {
    let end = byStart[i]!.end;
    let j = i + 1;
    while (j < byStart.length && byStart[j]!.start < end) end = Math.max(end, byStart[j++]!.end);
    const group = byStart.slice(i, j).sort((a, b) => RANK[a.kind] - RANK[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const winners: Finding[] = [];
    for (const f of group) if (!winners.some((k) => overlaps(k, f))) winners.push(f);
    kept.push(...winners.sort((a, b) => a.start - b.start));
    i = j;
  }
  return kept;
}

/** "bewoner A" for the first person named, "bewoner B" for the next; every mention of one person the same. */
function withReplacements(findings: Finding[], locale: "nl" | "en"): PrivacyMark[] {
  const words = REPLACEMENTS[locale];
  const people: string[][] = [];
  const letterOf = (person: string[]): string => {
    let index = people.findIndex((p) => samePerson(p, person));
    if (index < 0) index = people.push(person) - 1;
    else if (person.length > people[index]!.length) people[index] = person;
    return index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
  };
  return findings.map((f): PrivacyMark => {
    const span: Span = { start: f.start, end: f.end };
    if (f.kind === "name") {
      const letter = letterOf(f.person ?? []);
      return { ...span, kind: f.kind, replacement: `${f.family ? words.family : words.person} ${letter}` };
    }
    if (f.kind === "special") return { ...span, kind: f.kind, replacement: words[f.category ?? "health"] };
    return { ...span, kind: f.kind, replacement: words[f.kind] };
  });
}

/** Two mentions are one person when one's name parts are all in the other's ("Henk" in "Henk van Dijk"). */
function samePerson(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && short.every((p) => long.includes(p));
}
