import type { Doc, Finding } from "./document";
import type { NameLists } from "./lists.server";
import type { Span, Token } from "./text";
import { fold } from "./text";
import { LOWERCASE_STREET_SUFFIXES, PARTICLES, WEAK_STREET_SUFFIXES, RESIDENCE_CUES, STREET_PREFIXES, STREET_SUFFIXES, STREET_WORDS, VENUES } from "./vocabulary";

// Street names, and addresses: a street with a house number (and a postcode and town when they
// follow). A street without a number is a place ("op het Mercatorplein"), never marked, but its
// words are no person's name either ("Jan van Galenstraat"). An address is public when a venue,
// service or meeting is named before it and nobody is said to live there.

export type Streets = { findings: Finding[]; streets: Span[]; publicAddresses: Span[] };

const SUFFIXES = [...STREET_SUFFIXES].sort((a, b) => b.length - a.length);
const LOWERCASE_SUFFIXES = [...LOWERCASE_STREET_SUFFIXES].sort((a, b) => b.length - a.length);
const WEAK = new Set(WEAK_STREET_SUFFIXES);
const HOUSE_NUMBER = /^[ \t]*(?:nr\.?|nummer|no\.?)?[ \t]*(\d{1,4})(?:[ \t]?[a-zA-Z](?![\p{L}\d/])|-(?:[IVX]{1,3}|\d{1,3}|hs|bis)(?![\p{L}\d])|[ \t](?:hs|bis|I{1,3}|IV)(?![\p{L}\d]))?(?![\d.,:/-]?\d)/u;
const TAIL = /^[ \t]*,?[ \t]*(?:([1-9]\d{3}[ ]?[A-Z]{2})(?![\p{L}\d]))?(?:[ \t]*,?[ \t]*((?:'s-)?\p{Lu}[\p{L}-]+(?:[ \t](?:aan|op|a\/d|bij)[ \t](?:de[ \t]|den[ \t])?\p{Lu}[\p{L}-]+|[ \t]\p{Lu}[\p{L}-]+)?))?/u;
/** Words after a number that make it a count, not a house number ("Kerkstraat 40 woningen"). */
const COUNTED = /^[ \t]*(?:jaar|keer|minuten|min|uur|meter|m|km|procent|%|euro|€|mensen|bewoners|huizen|woningen|kinderen|deelnemers|stuks|dagen|weken|maanden|plekken|adressen|huishoudens|flats|portieken)\b/iu;

/** "Kerkstraat 2 t/m 48", "nummers 1-40": a stretch of a street, not one address. */
const RANGE = /^[ \t]*(?:t\/m|tot(?:[ \t]+en[ \t]+met)?[ \t]+\d|-[ \t]*\d{2}|en[ \t]+\d)/;

/** "strong": a street name (Kerkstraat); "weak": a street only with a number (Hofstede is a surname). */
function streetKind(t: Token): "strong" | "weak" | null {
  const w = t.lower;
  for (const s of t.cap ? SUFFIXES : LOWERCASE_SUFFIXES) {
    if (w.length >= s.length + 3 && w.endsWith(s)) return WEAK.has(s) ? "weak" : "strong";
  }
  return null;
}
/** The last letters a street name can end in: most words are ruled out with one lookup. */
const LAST_TWO = new Set(STREET_SUFFIXES.map((s) => s.slice(-2)));

/** Where the street's name starts: back over prefixes ("Burgemeester"), names and particles. */
function streetStart(doc: Doc, end: number, lists: NameLists): number {
  let start = end;
  for (let i = end - 1; i >= 0 && end - i <= 6; i--) {
    const t = doc.tokens[i]!;
    const next = doc.tokens[i + 1]!;
    if (t.sentence !== next.sentence || !/^[ \t.]*$/.test(next.before) || next.before.length > 2) break;
    const f = fold(t.text);
    // Lowercase particles belong only between capitalised words ("Jan van der Heijdenstraat"),
    // but "de" or "het" just before the street is its article ("Piet van de Rozenstraat").
    if (PARTICLES.has(f) && !t.cap) {
      if (i === end - 1 && (f === "de" || f === "het")) break;
      if (i === end - 2 && f === "van" && /^(de|het)$/.test(doc.tokens[end - 1]!.lower)) break;
      continue;
    }
    const belongs =
      STREET_PREFIXES.has(f) ||
      /^\d+e$/.test(f) ||
      t.initial ||
      (PARTICLES.has(f) && t.cap) ||
      (t.cap && !t.atStart && (lists.firstNames.has(f) || lists.surnames.has(f) || !lists.words.has(f))) ||
      (t.cap && t.atStart && (lists.firstNames.has(f) || STREET_PREFIXES.has(f)));
    if (!belongs) break;
    start = i;
  }
  // A street name does not start with a particle ("op de Kerkstraat").
  while (start < end && PARTICLES.has(doc.tokens[start]!.lower) && !doc.tokens[start]!.cap) start++;
  return start;
}

export function findStreets(doc: Doc, lists: NameLists): Streets {
  const out: Streets = { findings: [], streets: [], publicAddresses: [] };
  const { tokens, text } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let last = i;
    const kind = LAST_TWO.has(t.lower.slice(-2)) ? streetKind(t) : null;
    if (kind) {
      // "Kerkstraat"; "Jan van Galenstraat" (the name goes back).
    } else if (STREET_WORDS.has(t.lower) && t.cap && tokens[i + 1] && PARTICLES.has(tokens[i + 1]!.lower)) {
      // "Laan van Meerdervoort", "Plein van de Oude Raad": forward over particles to a capitalised word.
      let j = i + 1;
      while (tokens[j] && PARTICLES.has(tokens[j]!.lower)) j++;
      if (!tokens[j]?.cap || tokens[j]!.sentence !== t.sentence) continue;
      last = j;
    } else continue;
    const first = streetStart(doc, i, lists);
    const name = { start: tokens[first]!.start, end: tokens[last]!.end };
    const rest = text.slice(name.end, name.end + 60);
    const number = HOUSE_NUMBER.exec(rest);
    if (!number || COUNTED.test(rest.slice(number[0].length)) || RANGE.test(rest.slice(number[0].length))) {
      if (kind !== "weak") out.streets.push(name);
      i = last;
      continue;
    }
    out.streets.push(name);
    let end = name.end + number[0].length;
    const tail = TAIL.exec(text.slice(end, end + 60));
    if (tail?.[1] || (tail?.[2] && lists.places.has(fold(tail[2].split(/[ \t]/)[0]!)))) end += tail[0].length;
    const address = { start: name.start, end };
    if (isPublicPlace(doc, address, lists)) out.publicAddresses.push(address);
    else out.findings.push({ ...address, kind: "address" });
    i = doc.tokenIndexAt(end) - 1;
  }
  return out;
}

/** A venue, service or meeting named before the address, and nobody said to live there. */
export function isPublicPlace(doc: Doc, span: Span, lists: NameLists): boolean {
  const before = doc.wordsBefore(span.start, 12, 1);
  if (namedPlaceBefore(doc, span, lists)) return true;
  const after = doc.wordsAfter(span.end, 4);
  const near = [...before.slice(-10), ...after];
  if (near.some((w) => RESIDENCE_CUES.has(w))) return false;
  if (before.slice(-3).some((w) => w === "van" || w === "bij") && before.slice(-6).some((w) => /^(mevrouw|meneer|familie|mw|dhr|hem|haar|hun|zijn)$/.test(w))) return false;
  return near.some((w) => VENUES.has(w) || /(?:huis|centrum|punt|kantoor|school|kerk|zaal|hal|bibliotheek|winkel)$/.test(w) && !/^(thuis|huis)$/.test(w));
}

/** "Het Huis van de Wijk, Stationsstraat 20": a capitalised name that is no person's, then the address. */
function namedPlaceBefore(doc: Doc, span: Span, lists: NameLists): boolean {
  const at = doc.tokenIndexAt(span.start);
  const first = doc.tokens[at];
  if (!first || !/^[ \t]*,[ \t]*$/.test(first.before)) return false;
  const words: Token[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const t = doc.tokens[i]!;
    if (t.sentence !== first.sentence || !(t.cap || PARTICLES.has(t.lower))) break;
    words.unshift(t);
    if (!/^[ \t]+$/.test(t.before)) break;
  }
  const capitals = words.filter((t) => t.cap && !PARTICLES.has(t.lower));
  if (!capitals.length) return false;
  return !capitals.some((t) => {
    const f = fold(t.text);
    return lists.firstNames.has(f) || (lists.surnames.has(f) && !lists.ambiguous.has(f));
  });
}
