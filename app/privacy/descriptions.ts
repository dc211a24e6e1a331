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

function aboutSomeone(doc: Doc, sentence: number, ids: { named: Set<number>; singled: Set<number> }, isNoun: boolean): boolean {
  if (ids.named.has(sentence)) return true;
  const words = doc.sentenceTokens(sentence);
  // "een moslim", "de Marokkaan": the word itself is a person.
  const onePerson = isNoun || words.some((t) => PERSON_NOUNS.has(t.lower) && !GROUP_WORDS.has(t.lower));
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
type Stem = { stem: string; exact: boolean; category: Category };
/** Stems by their first two letters: each word is compared with a handful, not all of them. */
const STEMS = new Map<string, Stem[]>();
for (const [category, stems] of [["health", HEALTH_STEMS], ["origin", ORIGIN_STEMS], ["religion", RELIGION_STEMS]] as const) {
  for (const raw of stems) {
    const exact = raw.startsWith("=");
    const stem = exact ? raw.slice(1) : raw;
    const list = STEMS.get(stem.slice(0, 2)) ?? [];
    list.push({ stem, exact, category });
    STEMS.set(stem.slice(0, 2), list);
  }
}

/** The special-category word starting at this token, if any: its end and category. */
function specialAt(doc: Doc, t: Token): { end: number; category: Category } | null {
  for (const { stem, exact, category } of STEMS.get(t.lower.slice(0, 2)) ?? []) {
    if (stem.includes(" ")) {
      // "syndroom van down", "donkere huidskleur": compare the text from here.
      if (doc.text.slice(t.start, t.start + stem.length).toLowerCase() !== stem) continue;
      const rest = /^[\p{L}-]*/u.exec(doc.text.slice(t.start + stem.length))![0];
      return { end: t.start + stem.length + rest.length, category };
    }
    if (exact ? t.lower === stem : t.lower.startsWith(stem)) return { end: t.end, category };
  }
  return null;
}

/** Origin and religion words that name a person ("moslim", "Marokkaan", "christen"), not an adjective. */
const PERSON_WORD = /^(?:moslim|christen|jood|hindoe|boeddhist|sikh|atheïst|atheist|salafist|bekeerling|marokkaan|turk|surinamer|antilliaan|arubaan|kaapverdiaan|somaliër|syriër|eritreeër|afghaan|irakees|iraniër|koerd|roemeen|bulgaar|ghanees|nigeriaan|hindoestaan|javaan|molukker|chinees|vietnamees|afrikaan|oekraïner|russin|berber|riffijn|egyptenaar|ethiopiër|soedanees|jemeniet|libanees|pakistaan|tunesiër|algerijn|vluchteling|asielzoeker|statushouder|allochtoon)$/;

/** "Turkse kookles", "katholieke school": the word describes a thing or a place. */
function thingNotPerson(word: string): boolean {
  if (NOT_A_PERSON_AFTER.has(word)) return true;
  for (const w of NOT_A_PERSON_AFTER) if (w.length >= 3 && word.endsWith(w)) return true;
  return false;
}

export type Identifying = ReturnType<typeof identifyingSentences>;

export function findSpecialCategories(doc: Doc, ids: Identifying): Finding[] {
  const out: Finding[] = [];
  for (const t of doc.tokens) {
    const special = specialAt(doc, t);
    if (!special) continue;
    const isNoun = special.category !== "health" && PERSON_WORD.test(t.lower);
    if (!aboutSomeone(doc, t.sentence, ids, isNoun) || saidOfGroup(doc, t)) continue;
    const lastToken = doc.tokens[doc.tokenIndexAt(special.end) - 1] ?? t;
    const after = doc.tokens[lastToken.i + 1];
    if (after && after.sentence === t.sentence && thingNotPerson(after.lower)) continue;
    out.push({ start: t.start, end: special.end, kind: "special", category: special.category });
  }
  return out;
}

const NUMBER_WORDS = /^(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd)jarige?$/;
/** Words before a number that make it someone's age ("is 15", "van 94", "bijna 80"). */
const AGE_LEADS = new Set(["is", "was", "wordt", "werd", "van", "nu", "inmiddels", "pas", "amper", "bijna", "ruim", "rond", "ongeveer"]);
/** After the number: a count, a range or a duration, not an age. */
const NOT_AN_AGE_AFTER =
  /^(?:\d|[.,]\d|[:%-](?!jarig)|[ \t]*(?:(?:tot|en|à|a|-|of)[ \t]*\d|\+|plus|procent|keer|euro|minuten|uur|meter|dagen|weken|maanden|huizen|woningen|mensen|bewoners|kinderen|deelnemers|vrijwilligers|jaar[ \t]+(?:geleden|lang|bij|in|vrijwilliger|getrouwd|samen|werkzaam|actief|terug))\b)/;

/** Where an age is said at this token ("(83)", "87-jarige", "is 15 jaar", "wordt volgende week 102"). */
function ageAt(doc: Doc, t: Token): { start: number; end: number; jarig: boolean } | null {
  const { text } = doc;
  if (NUMBER_WORDS.test(t.lower)) return { start: t.start, end: t.end, jarig: true };
  if (!/^\d{1,3}$/.test(t.text) || Number(t.text) < 1 || Number(t.text) > 110) return null;
  const after = text.slice(t.end, t.end + 40);
  const jarig = /^[ -]?jarige?(?![\p{L}])/u.exec(after);
  if (jarig) return { start: t.start, end: t.end + jarig[0].length, jarig: true };
  if (/\([ \t*_]*$/.test(t.before)) {
    const close = /^[ \t*_]*(?:jaar|jr\.?)?[ \t*_]*\)/.exec(after);
    return close ? { start: t.start, end: t.end, jarig: false } : null;
  }
  if (NOT_AN_AGE_AFTER.test(after)) return null;
  const unit = /^[ \t]+jaar(?:[ \t]+oud)?\b/.exec(after);
  const end = t.end + (unit?.[0].length ?? 0);
  const prev = doc.tokens[t.i - 1];
  if (prev && prev.sentence === t.sentence && /^[ \t]+$/.test(t.before) && AGE_LEADS.has(prev.lower)) return { start: t.start, end, jarig: false };
  if (/,[ \t]*$/.test(t.before)) return { start: t.start, end, jarig: false };
  // "wordt volgende week 102", "werd gisteren 90"
  for (let k = t.i - 1; k >= 0 && k >= t.i - 5 && doc.tokens[k]!.sentence === t.sentence; k--) {
    const w = doc.tokens[k]!;
    if (/^\d/.test(w.text)) break;
    if ((w.lower === "wordt" || w.lower === "werd") && /^(?:[ \t]*(?:jaar\b|!|\.|,)|[ \t]*$)/.test(after)) return { start: t.start, end, jarig: false };
  }
  return null;
}

/** An age that, with what else the sentence says, points at one person. */
export function findAges(doc: Doc, found: Finding[], ids: Identifying): Finding[] {
  const names = found.filter((f) => f.kind === "name");
  const out: Finding[] = [];
  for (const t of doc.tokens) {
    const age = ageAt(doc, t);
    if (!age || doc.inSkipped(age)) continue;
    const before = doc.wordsBefore(age.start, 6);
    const near = before.slice(-4);
    // The writer's own age ("Ik ben Marloes, 41", "ik (52)"), a group's ("kinderen van 8").
    if (near.some((w) => w === "ik" || w === "mijn" || w === "me")) continue;
    if (near.slice(-3).some((w) => GROUP_WORDS.has(w)) && !near.slice(-2).some((w) => PERSON_NOUNS.has(w))) continue;
    const sentence = t.sentence;
    const nameBefore = names.some((n) => n.end <= age.start && doc.sentenceAt(n.start) === sentence);
    const attached =
      names.some((n) => n.end <= age.start && age.start - n.end <= 6) ||
      near.slice(-3).some((w) => PERSON_NOUNS.has(w)) ||
      age.jarig ||
      (before.some((w) => /^(?:is|was|wordt|werd)$/.test(w)) && (nameBefore || before.some((w) => PERSON_PRONOUNS.has(w) || PERSON_NOUNS.has(w))));
    const pronoun = before.some((w) => PERSON_PRONOUNS.has(w));
    const singled =
      ids.named.has(sentence) || ids.singled.has(sentence) || (pronoun && (ids.named.has(sentence - 1) || ids.singled.has(sentence - 1)));
    if (!attached || !singled) continue;
    out.push({ start: age.start, end: age.end, kind: "age" });
  }
  return out;
}
