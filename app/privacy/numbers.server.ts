import { countrySpecs, electronicFormatIBAN, isValidIBAN } from "ibantools";
import { findPhoneNumbersInText } from "libphonenumber-js/max";
import type { Doc, Finding } from "./document";
import { BIRTH_CUES, MONTHS, NOT_POSTCODE_LETTERS, ORGANISATION_CONTACT_CUES, ROLE_MAILBOXES } from "./vocabulary";

// The personal data with a shape: e-mail addresses, phone numbers (libphonenumber-js, Google's
// metadata), IBANs (ibantools, mod 97), BSNs (the 11-proef), postcodes, licence plates and dates
// of birth. Each detector also knows what of that shape is public: an organisation's mailbox or
// number, 112, 0800/0900/088 and 14 0xx numbers, a foundation's account, a meeting's date.

const LOCAL_PART = /[\p{L}\d._%+-]+$/u;
const DOMAIN = /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u;

/** info@, wijkteamnoord@, secretariaat.oost@: an organisation's mailbox, not a person's. */
function isRoleMailbox(local: string): boolean {
  const first = local.split(/[._-]/)[0]!.replace(/\d+$/, "");
  return ROLE_MAILBOXES.has(first) || [...ROLE_MAILBOXES].some((r) => r.length >= 4 && local.startsWith(r));
}

export function findEmails(doc: Doc): Finding[] {
  const out: Finding[] = [];
  const { text } = doc;
  // From each "@": the local part before it, the domain after it.
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    const local = LOCAL_PART.exec(text.slice(Math.max(0, at - 64), at))?.[0].replace(/^[._%+-]+/, "");
    const domain = DOMAIN.exec(text.slice(at + 1, at + 256))?.[0];
    if (!local || !domain || isRoleMailbox(local.toLowerCase())) continue;
    out.push({ start: at - local.length, end: at + 1 + domain.length, kind: "email" });
  }
  return out;
}

/** Numbers of services, companies and organisations, not of a person. */
const PUBLIC_PHONE_TYPES = new Set(["TOLL_FREE", "PREMIUM_RATE", "UAN", "SHARED_COST", "VOICEMAIL"]);

/** Where a phone number may be: a + or a 0 (or "(0"), then at least eight more digits and separators.
 *  Dutch writers always give the trunk 0 or a country code; nine bare digits are something else. */
const PHONE_CANDIDATE = /(?:\+|\(0|0)\d[\d \t().\/-]{6,22}\d/g;

export function findPhones(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const candidate of doc.text.matchAll(PHONE_CANDIDATE)) {
    // libphonenumber-js reads only the candidate (reading the whole text costs a millisecond a kilobyte).
    const from = Math.max(0, candidate.index - 1);
    const window = doc.text.slice(from, candidate.index + candidate[0].length + 1);
    for (const found of findPhoneNumbersInText(window, { defaultCountry: "NL" })) out.push(...phoneFinding(doc, from + found.startsAt, from + found.endsAt, found.number.getType()));
  }
  return out;
}

function phoneFinding(doc: Doc, start: number, end: number, type: string | undefined): Finding[] {
  if (!/^[0+(]/.test(doc.text.slice(start, end))) return [];
  if (doc.inSkipped({ start, end })) return [];
  if (type && PUBLIC_PHONE_TYPES.has(type)) return [];
  if (type !== "MOBILE" && nearOrganisation(doc, start, end)) return [];
  return [{ start, end, kind: "phone" }];
}

/** An organisation or service named just before (or just after) a number or account. */
function nearOrganisation(doc: Doc, start: number, end: number): boolean {
  // An organisation's mailbox beside the number ("085-0609190 of info@wijkpuntoost.nl").
  const around = doc.text.slice(Math.max(0, start - 80), end + 80);
  for (const m of around.matchAll(/([\p{L}\d._%+-]+)@[\p{L}\d-]+\./gu)) if (isRoleMailbox(m[1]!.toLowerCase())) return true;
  const before = doc.wordsBefore(start, 12);
  const after = doc.wordsAfter(end, 6);
  return [...before, ...after].some((w) => ORGANISATION_CONTACT_CUES.has(w) || (/(?:teams?|punt|loket|lijn|huis|centrum|praktijk|stichting)$/.test(w) && w !== "thuis"));
}

const IBAN_START = /(?<![\p{L}\d])([A-Z]{2})(\d{2})(?=\s?[A-Z0-9])/gu;

export function findIbans(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const m of doc.text.matchAll(IBAN_START)) {
    const spec = countrySpecs[m[1]!];
    if (!spec?.chars) continue;
    // Walk the characters, allowing one space between groups, until the country's length.
    let i = m.index;
    let chars = "";
    while (i < doc.text.length && chars.length < spec.chars) {
      const c = doc.text[i]!;
      if (/[A-Za-z0-9]/.test(c)) chars += c;
      else if (!(c === " " && /[A-Za-z0-9]/.test(doc.text[i + 1] ?? "") && chars.length > 0)) break;
      i++;
    }
    if (chars.length !== spec.chars || /[A-Za-z0-9]/.test(doc.text[i] ?? "")) continue;
    if (!isValidIBAN(electronicFormatIBAN(chars) ?? "")) continue;
    if (nearOrganisation(doc, m.index, i)) continue;
    out.push({ start: m.index, end: i, kind: "iban" });
  }
  return out;
}

const BSN = /(?<![\d.,/-])(\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3}|\d{8,9})(?![\d/-]|[.,]\d)/g;

/** The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

export function findBsns(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const m of doc.text.matchAll(BSN)) {
    let digits = m[0].replace(/\D/g, "");
    if (digits.length === 8) {
      // An eight-digit BSN is a nine-digit one with its leading zero dropped; only with "BSN" near.
      if (!doc.wordsBefore(m.index, 4).some((w) => w === "bsn" || w === "burgerservicenummer" || w === "sofinummer")) continue;
      digits = `0${digits}`;
    }
    if (!passesElevenTest(digits)) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    if (doc.inSkipped(span)) continue;
    out.push({ ...span, kind: "bsn" });
  }
  return out;
}

const POSTCODE = /(?<![\p{L}\d€$])([1-9]\d{3}) ?([A-Z]{2})(?![\p{L}\d])/gu;
const HOUSE_NUMBER_AFTER = /^[ \t]*,?[ \t]*(?:(?:huis)?nummer|nr\.?|no\.?|huisnr\.?)?[ \t]*(\d{1,4})(?:[ \t]?[a-zA-Z](?![\p{L}])|-[\dIVX]{1,3}|[ \t]?(?:hs|bis|I{1,3})(?![\p{L}]))?(?!\d|[.,:]\d)/u;
const HOUSE_NUMBER_LATER = /^[^.\n]{0,25}?huisnummer[ \t:]*(\d{1,4}[a-zA-Z]?)/u;

/** A postcode with its house number (or a full postcode on its own, which points at one street side). */
export function findPostcodes(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const m of doc.text.matchAll(POSTCODE)) {
    if (NOT_POSTCODE_LETTERS.has(m[2]!)) continue;
    let end = m.index + m[0].length;
    const rest = doc.text.slice(end, end + 40);
    const number = HOUSE_NUMBER_AFTER.exec(rest) ?? HOUSE_NUMBER_LATER.exec(rest);
    if (number) end += number.index + number[0].length;
    out.push({ start: m.index, end, kind: "postcode" });
  }
  return out;
}

// Dutch sidecodes since 1951 (letters without vowels, C and Q), written with their dashes.
const L = "[BDFGHJKLMNPRSTVXZ]";
const SIDECODES = [
  `${L}{2}-\\d{2}-\\d{2}`, `\\d{2}-\\d{2}-${L}{2}`, `\\d{2}-${L}{2}-\\d{2}`, `${L}{2}-\\d{2}-${L}{2}`,
  `${L}{2}-${L}{2}-\\d{2}`, `\\d{2}-${L}{2}-${L}{2}`, `\\d{2}-${L}{3}-\\d`, `\\d-${L}{3}-\\d{2}`,
  `${L}{2}-\\d{3}-${L}`, `${L}-\\d{3}-${L}{2}`, `${L}{3}-\\d{2}-${L}`, `${L}-\\d{2}-${L}{3}`,
  `\\d-${L}{2}-\\d{3}`, `\\d{3}-${L}{2}-\\d`,
];
const SIDECODE = new RegExp(`^(?:${SIDECODES.join("|")})$`, "i");
/** Three groups joined by dashes: the shape every sidecode has. */
const PLATE_SHAPE = /[A-Za-z\d]{1,3}-[A-Za-z\d]{1,3}-[A-Za-z\d]{1,3}/g;
const PLATE_CUES = /kenteken|auto|busje|bus|wagen|scooter|brommer|motor|caravan|camper|bestelbus|parkeer/;

export function findPlates(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const m of doc.text.matchAll(PLATE_SHAPE)) {
    if (!SIDECODE.test(m[0]) || /[\p{L}\d-]/u.test(doc.text[m.index - 1] ?? "") || /[\p{L}\d-]/u.test(doc.text[m.index + m[0].length] ?? "")) continue;
    // Upper case is how plates are written; in lower case only with a vehicle named nearby.
    if (m[0] !== m[0].toUpperCase() && !doc.wordsBefore(m.index, 8).some((w) => PLATE_CUES.test(w))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "plate" });
  }
  return out;
}

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|");
const DATES = [
  /(?<![\d-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d-])/g,
  new RegExp(`(?<!\\d)(\\d{1,2})\\s+(${MONTH_NAMES})\\.?(?:\\s+('?\\d{4}|'\\d{2}))?(?![\\p{L}\\d])`, "giu"),
  /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g,
];

/** A date said to be someone's birth ("geboren op 3 september 1941", "geb. 12-03-1948", "(* 1-2-1950)"). */
export function findBirthdates(doc: Doc): Finding[] {
  const out: Finding[] = [];
  for (const re of DATES) {
    for (const m of doc.text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (doc.inSkipped({ start, end })) continue;
      const lead = doc.text.slice(Math.max(0, start - 3), start);
      // "geboren op …", "geb. …", "(* …)"; or after: "… jarig", "wordt op 12 maart 90".
      const cued =
        /[°*✝]\s*$/.test(lead) ||
        doc.wordsBefore(start, 6).some((w) => BIRTH_CUES.has(w)) ||
        doc.wordsBefore(start, 3, 1).some((w) => BIRTH_CUES.has(w)) || // "Geboortedatum: 11-09-1979"
        doc.wordsAfter(end, 6).some((w) => w === "jarig" || w === "verjaardag") ||
        (/^[ \t]+\d{1,3}(?:[ \t]+jaar)?\b/.test(doc.text.slice(end, end + 12)) && doc.wordsBefore(start, 3).includes("wordt"));
      if (!cued) continue;
      out.push({ start, end, kind: "birthdate" });
    }
  }
  return out;
}
