import type { Doc, Finding } from "./document";
import type { NameLists } from "./lists.server";
import { PhraseIndex } from "./phrases";
import type { Span, Token } from "./text";
import { fold } from "./text";
import {
  CLOSINGS,
  FAMILY_WORDS,
  GREETINGS,
  HONORIFICS,
  IDIOMS,
  METHOD_PHRASES,
  MULTIWORD_PLACES,
  NEVER_NAMES,
  OFFICES,
  ORDINARY_AT_SENTENCE_START,
  ORGANISATION_HEADS,
  ORGANISATION_TAILS,
  PARTICLES,
  PERSON_VERBS_AFTER,
  PERSON_VERBS_BEFORE,
  RELATIONS,
} from "./vocabulary";

// People's names. Dutch writes only names (and sentence starts) with a capital, so a capital in
// mid-sentence on a known first name is a name; a title ("mevrouw", "familie"), initials or a
// relation ("buurjongen") before a capitalised word makes that word a name even when no list
// knows it. What looks like a name but is not: organisations and venues, streets, public
// officials by office, idioms, methods named after their authors, a greeting to a fellow
// member, the writer's own name (context, introduction, signature).

/** Names of organisations, brands and public figures that read like a person's name. */
const NOT_PEOPLE = [
  "albert heijn", "dirk van den broek", "jan linders", "leen bakker", "ronald mcdonald", "jeroen bosch",
  "anne frank", "albert schweitzer", "vincent van gogh", "johan cruijff", "johan cruyff", "cruyff",
  "willem-alexander",
  "leo kanner", "antoni van leeuwenhoek", "erasmus", "rembrandt", "pieter baan", "willem drees",
  "martin luther king", "nelson mandela", "kruidvat", "hema", "jumbo", "lidl", "aldi", "action",
  "mcdonald's", "mcdonalds", "plus", "coop", "spar", "vomar", "hoogvliet", "appie", "zeeman",
  "bartiméus", "bartimeus", "philadelphia", "humanitas", "cordaan", "careyn", "sint jozef", "sint-jozef",
  "sint jan", "sint-jan", "st. jan", "jezus", "christus", "jezus christus", "allah", "god", "de profeet",
  "boeddha", "mozes", "noach",
];

// A method's author on their own ("volgens Hofstede") is no resident; after a first name
// ("Gerrit-Jan Hofstede") the same word is someone's surname.
const phrases = new PhraseIndex([...IDIOMS, ...METHOD_PHRASES.filter((p) => /\s/.test(p))]);
const authors = new Set(METHOD_PHRASES.filter((p) => !/\s/.test(p)).map(fold));
const notPeople = new PhraseIndex([...NOT_PEOPLE, ...MULTIWORD_PLACES]);
const CLOSING = new RegExp(`^(?:${CLOSINGS.map((c) => c.replace(/ /g, "\\s+")).join("|")})\\b[\\s,.!]*`, "iu");
const ORGANISATION_TAIL_WORD = /(?:school|college|ziekenhuis|centrum|instituut|stichting|fonds|academie|museum|kliniek|theater|lyceum|huis)$/;
const PLACE_PREPOSITIONS = new Set(["in", "uit", "naar", "te", "richting", "rond", "omgeving", "vanuit", "buiten"]);
const SUBJECT_PRONOUNS = new Set(["je", "jij", "u", "jullie", "ik", "we", "wij", "ze", "zij", "hij", "het", "er", "dan", "maar"]);
const DETERMINERS = new Set(["de", "het", "een", "die", "deze", "dat", "dit"]);

export type NameContext = {
  /** Folded words of the writer's display name, handle and organisation. */
  writer: Set<string>;
  /** Street names found before: their words are no one's name. */
  streets: Span[];
};

export function findNames(doc: Doc, lists: NameLists, context: NameContext): Finding[] {
  const tokens = doc.tokens;
  // "Esra's geboortedatum": the name without its possessive.
  const folded = tokens.map((t) => fold(t.text).replace(/'s$/, ""));
  const writer = new Set(context.writer);
  const blocked = blockedTokens(doc, folded, lists, context.streets, writer);
  const found: Finding[] = [];
  const used = new Set<number>();

  const isAcronym = (t: Token) => t.text.length > 1 && t.text === t.text.toUpperCase();
  const isFirstName = (f: string) => lists.firstNames.has(f) || (f.includes("-") && f.split("-").every((p) => lists.firstNames.has(p)));
  const sameRun = (prev: Token, t: Token) =>
    t.sentence === prev.sentence && (/^[ \t]+'?$/.test(t.before) || (prev.initial && /^\.[ \t]*$/.test(t.before)));

  /** A surname-like word after a first name, title or initials (capitalised, or a known name). */
  const nameWord = (t: Token, f: string, afterParticle: boolean) =>
    !blocked.has(t.i) &&
    !NEVER_NAMES.has(f) &&
    !isAcronym(t) &&
    f.length >= 2 &&
    // "Pan-syndroom", "Klaassen-verhaal": a compound noun, not a double surname ("Jansen-Bos", "Jansen-de").
    !/-(?!(?:de|van|der|den|ter|ten|el|al)$)\p{Ll}[\p{L}]*$/u.test(t.text) &&
    !ORGANISATION_TAILS.has(f) &&
    ((t.cap && (afterParticle || lists.surnames.has(f) || isFirstName(f) || !lists.words.has(f)) && !(t.atStart && lists.words.has(f))) ||
      (!t.cap && (lists.surnames.has(f) || isFirstName(f)) && !lists.ambiguous.has(f) && !lists.words.has(f)));

  /** From token `from`: initials, first names, particles and a surname, as far as they go. */
  function run(from: number, allowLower: boolean, firstIsName = false): { last: number; parts: string[] } | null {
    let last = -1;
    const parts: string[] = [];
    let pendingParticle = false;
    for (let j = from; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (j > from && !sameRun(tokens[j - 1]!, t)) break;
      if (blocked.has(j)) break;
      const f = folded[j]!;
      if (t.initial) {
        last = j;
        continue;
      }
      if (PARTICLES.has(f)) {
        pendingParticle = true;
        continue;
      }
      if ((firstIsName && j === from) || (nameWord(t, f, pendingParticle) && (t.cap || allowLower))) {
        parts.push(f);
        last = j;
        pendingParticle = false;
        continue;
      }
      break;
    }
    if (!parts.length) return null;
    // An organisation or street follows the name: it was never a person ("Jeroen Bosch Ziekenhuis").
    const next = tokens[last + 1];
    if (next && sameRun(tokens[last]!, next) && (ORGANISATION_TAILS.has(next.lower) || ORGANISATION_TAIL_WORD.test(next.lower))) {
      for (let k = from; k <= last + 1; k++) blocked.add(k);
      return null;
    }
    return { last, parts };
  }

  const emit = (first: number, last: number, parts: string[], family = false) => {
    for (let k = first; k <= last; k++) used.add(k);
    found.push({ start: tokens[first]!.start, end: tokens[last]!.end, kind: "name", person: parts, family });
  };

  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i) || blocked.has(i) || NEVER_NAMES.has(folded[i]!)) continue;
    const t = tokens[i]!;
    const f = folded[i]!;
    const next = tokens[i + 1];

    // "mevrouw Jansen", "de heer El Idrissi", "dhr. De Vries", "familie Yıldırım"
    const honorific = HONORIFICS.has(f) && (f !== "heer" || tokens[i - 1]?.lower === "de");
    if ((honorific || FAMILY_WORDS.has(f)) && next && next.sentence === t.sentence && /^\.?[ \t]+$/.test(next.before)) {
      const r = run(i + 1, true);
      if (r) {
        const first = f === "heer" ? i - 1 : i;
        emit(first, r.last, r.parts, FAMILY_WORDS.has(f));
        i = r.last;
        continue;
      }
    }

    // "buurjongen Dewi", "mijn cliënt Xiomara", "opa Henk"
    if (RELATIONS.has(f) && next && next.cap && !isAcronym(next) && sameRun(t, next) && !blocked.has(i + 1)) {
      const nf = folded[i + 1]!;
      if (isFirstName(nf) || lists.surnames.has(nf) || (!lists.words.has(nf) && !lists.places.has(nf))) {
        const r = run(i + 1, false);
        if (r) {
          emit(i + 1, r.last, r.parts);
          i = r.last;
          continue;
        }
      }
    }

    // "A.M. Verhoeven", "J. de Vries"
    if (t.initial) {
      let j = i;
      while (tokens[j]?.initial && (j === i || sameRun(tokens[j - 1]!, tokens[j]!))) j++;
      const r = tokens[j] && sameRun(tokens[j - 1]!, tokens[j]!) ? run(j, false) : null;
      if (r && !t.atStart) {
        emit(i, r.last, r.parts);
        i = r.last;
        continue;
      }
      if (r && t.atStart && !lists.words.has(folded[j]!)) {
        emit(i, r.last, r.parts);
        i = r.last;
        continue;
      }
    }

    if (!t.cap || isAcronym(t)) {
      // A first name typed in lowercase ("bertus van nummer 3"): only names that are no word.
      if (!t.cap && f.length >= 4 && lists.firstNames.has(f) && !lists.ambiguous.has(f) && !lists.words.has(f) && !lists.places.has(f)) {
        const r = run(i, true);
        if (r) {
          emit(i, r.last, r.parts);
          i = r.last;
        }
      }
      continue;
    }

    const bracket = doc.text.indexOf("(", t.end);
    const ageFollows = bracket >= 0 && bracket <= t.end + 2 && /^[ \t]*\([ \t]*\d{1,3}[ \t]*(?:jaar|jr\.?)?[ \t]*[,)]/.test(doc.text.slice(t.end, t.end + 14));
    const datePrecedes = /^\d{1,2}$/.test(tokens[i - 1]?.text ?? "") && /^[ \t]+$/.test(t.before);
    const placeHere = lists.places.has(f) && PLACE_PREPOSITIONS.has(tokens[i - 1]?.lower ?? "");

    if (isFirstName(f) && !datePrecedes && !placeHere) {
      // "Wil je…", "Mark je agenda": at a sentence's start, a pronoun after it makes it a verb.
      const ordinary = t.atStart && (ORDINARY_AT_SENTENCE_START.has(f) || SUBJECT_PRONOUNS.has(next?.lower ?? ""));
      const r = run(i, false, true);
      if (r && (!ordinary || r.parts.length > 1 || ageFollows)) {
        emit(i, r.last, r.parts);
        i = r.last;
        continue;
      }
    }

    // "Xiomara (34)", "Petronella belde", "belde Petronella": someone no list knows.
    const unknown = f.length >= 3 && !lists.words.has(f) && !lists.places.has(f) && !ORGANISATION_TAILS.has(f) && !ORGANISATION_HEADS.has(f);
    const verbAfter = next && sameRun(t, next) && PERSON_VERBS_AFTER.has(next.lower);
    const verbBefore = !t.atStart && PERSON_VERBS_BEFORE.has(tokens[i - 1]?.lower ?? "") && /^[ \t]+$/.test(t.before);
    if (unknown && (ageFollows || verbAfter || verbBefore)) {
      const r = run(i, false, true);
      if (r) {
        emit(i, r.last, r.parts);
        i = r.last;
        continue;
      }
    }

    // A known surname in mid-sentence that is no ordinary word or town ("ik belde Hoekstra").
    if (!t.atStart && f.length >= 4 && lists.surnames.has(f) && !lists.ambiguous.has(f) && !lists.words.has(f) && !lists.places.has(f) && !DETERMINERS.has(tokens[i - 1]?.lower ?? "")) {
      const r = run(i, false);
      if (r) {
        // "Achmed El Khattabi": back over particles and a first name no list knows.
        let first = i;
        while (first > 0 && PARTICLES.has(folded[first - 1]!) && sameRun(tokens[first - 1]!, tokens[first]!) && !used.has(first - 1)) first--;
        const before = tokens[first - 1];
        if (before && before.cap && !used.has(first - 1) && !blocked.has(first - 1) && !lists.words.has(folded[first - 1]!) && sameRun(before, tokens[first]!) && !NEVER_NAMES.has(folded[first - 1]!)) first--;
        while (first < i && PARTICLES.has(folded[first]!) && !tokens[first]!.cap) first++;
        emit(first, r.last, [...(first < i && !PARTICLES.has(folded[first]!) ? [folded[first]!] : []), ...r.parts]);
        i = r.last;
      }
    }
  }

  // Everyone named once is named again by a part of their name ("Henk van Dijk … Henk").
  const known = new Map<string, string[]>();
  for (const n of found) for (const p of n.person!) if (p.length >= 3 && !PARTICLES.has(p)) known.set(p, n.person!);
  if (known.size) {
    for (const t of tokens) {
      if (used.has(t.i) || blocked.has(t.i) || !t.cap) continue;
      const person = known.get(folded[t.i]!);
      if (person) found.push({ start: t.start, end: t.end, kind: "name", person });
    }
  }
  return found.filter((n) => !n.person!.every((p) => writer.has(p)));
}

/** Tokens that cannot be a resident's name, and the writer's own names found in the text. */
function blockedTokens(doc: Doc, folded: string[], lists: NameLists, streets: Span[], writer: Set<string>): Set<number> {
  const tokens = doc.tokens;
  const blocked = new Set<number>([...phrases.cover(tokens, folded), ...notPeople.cover(tokens, folded)]);
  for (const t of tokens) {
    if (!authors.has(folded[t.i]!)) continue;
    const prev = tokens[t.i - 1];
    const named = prev && prev.sentence === t.sentence && (prev.initial || folded[prev.i]!.split("-").every((p) => lists.firstNames.has(p)) || HONORIFICS.has(folded[prev.i]!));
    if (!named) blocked.add(t.i);
  }
  let street = 0;
  for (const t of tokens) {
    while (street < streets.length && streets[street]!.end <= t.start) street++;
    if (street < streets.length && streets[street]!.start <= t.start) blocked.add(t.i);
  }
  const capitalRun = (from: number) => {
    const out: number[] = [];
    for (let j = from; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (j > from && (t.sentence !== tokens[j - 1]!.sentence || !/^[ \t"'“]*$/.test(t.before))) break;
      if (t.cap || (PARTICLES.has(folded[j]!) && tokens[j + 1]?.cap) || t.initial) out.push(j);
      else break;
    }
    return out;
  };
  for (let i = 0; i < tokens.length; i++) {
    const f = folded[i]!;
    // "Stichting Jan de Wit", "buurthuis De Linde", "wethouder Jansen", "koningin Máxima"
    const office = OFFICES.has(f) || (/^(?:oud|loco|vice|ex)-?/.test(f) && OFFICES.has(f.replace(/^(?:oud|loco|vice|ex)-?/, "")));
    if (ORGANISATION_HEADS.has(f) || office) for (const j of capitalRun(i + 1)) blocked.add(j);
    // "Methode Gordon", "model van Quinn": an author after a method word and "van".
    const next = tokens[i + 1];
    if (next && (next.cap || PARTICLES.has(folded[i + 1]!)) && /(?:methode|model|piramide|kwadrant|kwadranten|cirkel|ladder|theorie|cyclus|rollen|stijlen|schaal|matrix|fasen|boek|artikel)$/.test(f)) {
      let j = i + 1;
      while (tokens[j] && PARTICLES.has(folded[j]!)) j++;
      if (tokens[j]?.cap && j - i <= 3) for (const k of capitalRun(j)) blocked.add(k);
    }
  }
  // "Hoi Karin," at the start of a line: a fellow member, whose name is on the thread already.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.atStart) continue;
    let j = i;
    if (GREETINGS.has(folded[i]!)) j = i + 1;
    else if (/^(dank|bedankt|thanks|thx)$/.test(folded[i]!)) {
      j = i + 1;
      while (tokens[j] && /^(je|jij|u|wel|voor|jullie)$/.test(folded[j]!)) j++;
    } else continue;
    const names = capitalRun(j).filter((k) => tokens[k]!.sentence === t.sentence || k === j);
    if (!names.length || names[0] !== j || tokens[j]!.before.includes("\n")) continue;
    const afterName = doc.text.slice(tokens[names.at(-1)!]!.end).match(/^[ \t]*([,!:.\n]|$)/);
    if (afterName) for (const k of names) blocked.add(k);
  }
  // "Hanna Helper schreef:" at the start of a line: a quote's attribution ("Citeer", decision
  // 038) names the fellow member quoted, whose name is on the thread already.
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.atStart || !tokens[i]!.cap) continue;
    const names = capitalRun(i);
    const next = names.at(-1)! + 1;
    if (names[0] === i && /^(schreef|wrote)$/.test(folded[next] ?? "")) for (const k of names) blocked.add(k);
  }
  // The signature: a closing ("Groet,") and the name after it, or a bare name as the last line.
  const tail = signatureStart(doc.text);
  if (tail !== null) for (const t of tokens) if (t.start >= tail) blocked.add(t.i);
  // "Ik ben Marloes", "mijn naam is …", "ik heet …": the writer introduces themselves.
  for (let i = 0; i + 2 < tokens.length; i++) {
    const w = folded[i]!;
    if (w !== "ik" && w !== "mijn" && w !== "ikzelf") continue;
    let j = i + 1;
    if (w === "mijn" && folded[j] === "naam" && folded[j + 1] === "is") j += 2;
    else if (folded[j] === "ben" || folded[j] === "heet") j += 1;
    else continue;
    while (tokens[j] && tokens[j]!.sentence === tokens[i]!.sentence && (tokens[j]!.cap || PARTICLES.has(folded[j]!)) && j <= i + 6) {
      if (tokens[j]!.cap) writer.add(folded[j]!);
      j++;
    }
  }
  return blocked;
}

/** Where the writer's signature starts (a closing line near the end, or a bare name as the last line). */
function signatureStart(text: string): number | null {
  const lines: { start: number; text: string }[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    lines.push({ start: at, text: line });
    at += line.length + 1;
  }
  const filled = lines.filter((l) => l.text.trim());
  const lastLines = filled.slice(-3);
  for (const l of lastLines) {
    const trimmed = l.text.trim().replace(/^[*_>\s-]+/, "");
    const closing = CLOSING.exec(trimmed);
    if (closing && trimmed.length - closing[0].length <= 40) return l.start;
  }
  const last = filled.at(-1);
  // A closing as the last sentence of the last line: "… wat ik moet vragen. Groet, Anouk".
  const inline = last && /[.!?]\s+(?=\S[^.!?]*$)/.exec(last.text.trimEnd());
  if (last && inline) {
    const rest = last.text.slice(inline.index + inline[0].length).trim();
    const closing = CLOSING.exec(rest);
    // Only with its comma: "Dank aan Jan de Vries" thanks someone, "Dank, Jan" signs.
    if (closing?.[0].includes(",") && rest.length - closing[0].length <= 40) return last.start + inline.index + inline[0].length;
  }
  const beforeLast = lines[lines.indexOf(last!) - 1];
  if (last && filled.length > 1 && beforeLast && !beforeLast.text.trim()) {
    const words = last.text.trim().replace(/^[-–—*_\s]+|[*_\s]+$/g, "");
    if (/^\p{Lu}[\p{L}'-]*(?:\s+(?:(?:van|de|der|den|ter|ten)\s+)*\p{Lu}[\p{L}'-]*){0,2}$/u.test(words)) return last.start;
  }
  return null;
}
