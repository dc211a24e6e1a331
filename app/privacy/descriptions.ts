import type { Doc, Finding } from "./document";
import type { Span, Token } from "./text";
import {
  GROUP_WORDS,
  HEALTH_STEMS,
  NOT_A_PERSON_AFTER,
  ORIGIN_STEMS,
  PERSON_NOUNS,
  PERSON_PRONOUNS,
  RELIGION_STEMS,
  SINGLING_OUT,
} from "./vocabulary";

// What is said of a person: an age, and health, origin or religion (AVG art. 9). Said of a
// group ("ouderen met geheugenproblemen in de wijk") it is no one's data; said of a named or
// singled-out person ("de slechthorende buurman van nummer 7") it is. So these are marked only
// in a sentence that also names someone, gives an address or a house number, or singles a person
// out, or in the sentence after one that named someone, when it goes on about him or her.

/** Sentences that identify someone, from the names and addresses found and the words used. */
export function identifyingSentences(doc: Doc, found: Finding[], streets: Span[] = []): { named: Set<number>; singled: Set<number> } {
  const named = new Set<number>();
  const singled = new Set<number>();
  for (const f of found) {
    const s = doc.sentenceAt(f.start);
    if (f.kind === "name") named.add(s);
    else singled.add(s);
  }
  // A street narrows a person down to a few dozen doors ("een Marokkaanse jongen uit de Pijlstraat").
  for (const street of streets) singled.add(doc.sentenceAt(street.start));
  for (const t of doc.tokens) {
    if (SINGLING_OUT.has(t.lower) || /^(nummer|nr|huisnummer)$/.test(t.lower)) {
      const next = doc.tokens[t.i + 1];
      if (/^(nummer|nr|huisnummer)$/.test(t.lower) && !(next && /^\d+$/.test(next.text))) continue;
      singled.add(t.sentence);
    }
  }
  return { named, singled };
}

function aboutSomeone(doc: Doc, sentence: number, ids: { named: Set<number>; singled: Set<number> }): boolean {
  if (ids.named.has(sentence)) return true;
  const words = doc.sentenceTokens(sentence);
  const onePerson = words.some((t) => PERSON_NOUNS.has(t.lower) && !GROUP_WORDS.has(t.lower));
  if (ids.singled.has(sentence) && onePerson) return true;
  // "Henk woont alleen. Hij heeft sinds kort dementie.": the next sentences go on about Henk.
  const refers = words.some((t) => PERSON_PRONOUNS.has(t.lower)) || onePerson;
  return refers && (ids.named.has(sentence - 1) || ids.named.has(sentence - 2));
}

/** Groups: "ouderen met …", "veel moslimvrouwen", "mensen die …" just before the word. */
function saidOfGroup(doc: Doc, t: Token): boolean {
  // "een van de weinige Turkse vaders": one of a group is still one person.
  const lead = doc.tokens.slice(Math.max(0, t.i - 4), t.i).map((w) => w.lower).join(" ");
  if (/\b(?:een|één) van de\b/.test(lead)) return false;
  for (let k = t.i - 1; k >= 0 && k >= t.i - 4; k--) {
    const w = doc.tokens[k]!;
    if (w.sentence !== t.sentence) break;
    if (GROUP_WORDS.has(w.lower)) return true;
  }
  const next = doc.tokens[t.i + 1];
  return Boolean(next && next.sentence === t.sentence && GROUP_WORDS.has(next.lower));
}

type Category = NonNullable<Finding["category"]>;
const STEMS: [Category, string[]][] = [
  ["health", HEALTH_STEMS],
  ["origin", ORIGIN_STEMS],
  ["religion", RELIGION_STEMS],
];
/** "=word": that word only; otherwise the start of a word. */
const SPECIAL = new RegExp(
  `(?<![\\p{L}\\d])(?:${STEMS.flatMap(([c, stems]) =>
    stems.map((s, n) => `(?<${c}_${n}>${s.startsWith("=") ? `${escape(s.slice(1))}(?![\\p{L}])` : `${escape(s)}[\\p{L}-]*`})`),
  ).join("|")})`,
  "giu",
);
function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "Turkse kookles", "katholieke school": the word describes a thing or a place. */
function thingNotPerson(word: string): boolean {
  if (NOT_A_PERSON_AFTER.has(word)) return true;
  for (const w of NOT_A_PERSON_AFTER) if (w.length >= 3 && word.endsWith(w)) return true;
  return false;
}

export function findSpecialCategories(doc: Doc, found: Finding[], streets: Span[]): Finding[] {
  const ids = identifyingSentences(doc, found, streets);
  const out: Finding[] = [];
  for (const m of doc.text.matchAll(SPECIAL)) {
    const start = m.index;
    const end = start + m[0].length;
    const at = doc.tokenIndexAt(start);
    const t = doc.tokens[at];
    if (!t || t.start !== start || doc.inSkipped({ start, end })) continue;
    if (!aboutSomeone(doc, t.sentence, ids) || saidOfGroup(doc, t)) continue;
    const lastToken = doc.tokens[doc.tokenIndexAt(end) - 1] ?? t;
    const after = doc.tokens[lastToken.i + 1];
    if (after && after.sentence === t.sentence && thingNotPerson(after.lower)) continue;
    const group = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)?.[0] ?? "health_0";
    out.push({ start, end, kind: "special", category: group.split("_")[0] as Category });
  }
  return out;
}

const NUMBER_WORDS = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd";
/** After the number: a count, a range or a duration, not an age. */
const NOT_AN_AGE_AFTER = String.raw`(?![\d]|[.,]\d|[:%-]|[ \t]*(?:(?:tot|en|à|a|-|of)[ \t]*\d|\+|plus|procent|keer|euro|minuten|uur|meter|dagen|weken|maanden|huizen|woningen|mensen|bewoners|kinderen|deelnemers|vrijwilligers|jaar[ \t]+(?:geleden|lang|bij|in|vrijwilliger|getrouwd|samen|werkzaam|actief|terug)))`;
const AGES = [
  // "Henk (83)", "Xiomara (34 jaar)"
  /\((\d{1,3})(?:[ \t]*(?:jaar|jr\.?))?\)/g,
  // "87-jarige", "15-jarig", "tachtigjarige"
  new RegExp(`(?<![\\p{L}\\d])(?:(\\d{1,3})[ -]?jarige?|(?:${NUMBER_WORDS})jarige?)(?![\\p{L}])`, "giu"),
  // "is 15", "van 94", ", 83," and "15 jaar (oud)"
  new RegExp(String.raw`(?<=\b(?:is|was|wordt|werd|van|nu|inmiddels|pas|amper|bijna|ruim|rond|ongeveer)[ \t]+|,[ \t]*)(\d{1,3})(?:[ \t]+jaar(?:[ \t]+oud)?)?` + NOT_AN_AGE_AFTER, "g"),
  // "wordt volgende week 102", "werd gisteren 90"
  new RegExp(String.raw`(?<=\b(?:wordt|werd)\b[^.!?\n\d]{1,30}?)(\d{1,3})(?=[ \t]*(?:jaar\b|!|\.|,|$))` + NOT_AN_AGE_AFTER, "g"),
];

/** An age that, with what else the sentence says, points at one person. */
export function findAges(doc: Doc, found: Finding[], streets: Span[]): Finding[] {
  const ids = identifyingSentences(doc, found, streets);
  const names = found.filter((f) => f.kind === "name");
  const out: Finding[] = [];
  const seen = new Set<number>();
  for (const re of AGES) {
    for (const m of doc.text.matchAll(re)) {
      const digits = m[0].match(/\d+/)?.[0];
      if (digits && (Number(digits) < 1 || Number(digits) > 110)) continue;
      const start = m[0].startsWith("(") ? m.index + 1 : m.index;
      const end = m[0].endsWith(")") ? m.index + m[0].length - 1 : m.index + m[0].length;
      if (seen.has(start) || doc.inSkipped({ start, end })) continue;
      const before = doc.wordsBefore(start, 6);
      const near = before.slice(-4);
      // The writer's own age ("Ik ben Marloes, 41", "ik (52)"), a group's ("kinderen van 8").
      if (near.some((w) => w === "ik" || w === "mijn" || w === "me")) continue;
      if (near.slice(-3).some((w) => GROUP_WORDS.has(w)) && !near.slice(-2).some((w) => PERSON_NOUNS.has(w))) continue;
      const sentence = doc.sentenceAt(start);
      const nameBefore = names.some((n) => n.end <= start && doc.sentenceAt(n.start) === sentence);
      const attached =
        names.some((n) => n.end <= start && start - n.end <= 6) ||
        near.slice(-3).some((w) => PERSON_NOUNS.has(w)) ||
        /jarig/.test(m[0]) ||
        (before.some((w) => /^(?:is|was|wordt|werd)$/.test(w)) && (nameBefore || before.some((w) => PERSON_PRONOUNS.has(w) || PERSON_NOUNS.has(w))));
      const pronoun = before.some((w) => PERSON_PRONOUNS.has(w));
      const singled =
        ids.named.has(sentence) || ids.singled.has(sentence) || (pronoun && (ids.named.has(sentence - 1) || ids.singled.has(sentence - 1)));
      if (!attached || !singled) continue;
      seen.add(start);
      out.push({ start, end, kind: "age" });
    }
  }
  return out;
}
