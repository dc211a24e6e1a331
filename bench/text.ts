// Dutch-like text for the generated data set: titles, dilemma bodies and replies built from
// the words and situations of neighbourhood work, so row sizes, Markdown shapes and trigram
// statistics look like a real circle's rather than lorem ipsum. Deterministic per seed.
import { Bits } from "~/search/dutch/hunspell";
import { dutchLexicon } from "~/search/dutch/lexicon.server";

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

// Word choice follows Zipf's law, as in real text: a few words are everywhere ("bewoners"), most
// are rare. Hand-picked words of the field sit at spread-out ranks among generated ones, and
// one sentence in three carries words from the OpenTaal lexicon's long tail, so a query word
// matches as many posts as it would in a real circle's archive, not a quarter of them.

/** A pick with probability ∝ 1/rank (Zipf, s = 1) over `items`, most common first. */
export function zipf<T>(random: Random, items: readonly T[]): T {
  let cumulative = ZIPF_CACHE.get(items.length);
  if (!cumulative) {
    cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) cumulative[i] = sum += 1 / (i + 1);
    ZIPF_CACHE.set(items.length, cumulative);
  }
  const roll = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < roll) lo = mid + 1;
    else hi = mid;
  }
  return items[lo]!;
}
const ZIPF_CACHE = new Map<number, Float64Array>();

/** `generated`, with `chosen` placed at ranks 1, 2, 3, 4, 6, 9 … (×1.45 each): the field's
 *  own words common to rare, among generated ones. */
function spread(chosen: readonly string[], generated: readonly string[]): string[] {
  const out = [...generated];
  chosen.forEach((word, i) => out.splice(Math.min(out.length, Math.max(i, Math.floor(1.45 ** i) - 1)), 0, word));
  return [...new Set(out)];
}

/** A fixed shuffle (Fisher–Yates on a seeded PRNG). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const r = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const WHO = [
  "bewoners", "vrijwilligers", "de gemeente", "de buurtvereniging", "jongeren op het plein", "de woningcorporatie",
  "het wijkteam", "de huurderscommissie", "ouderen in de flat", "mantelzorgers", "de wijkagent", "een groep moeders",
  "statushouders", "de school", "nieuwe buren", "de bewonerscommissie", "de voedselbank", "de kerk", "de moskee",
  "ondernemers in het winkelcentrum", "de huisarts", "de buurtsportcoach", "de jongerenwerker", "de ouderenadviseur",
  "het buurtteam", "de wijkverpleegkundige", "de bibliotheek", "de sportvereniging", "de ouderraad", "de huismeester",
  "de buurtbemiddelaars", "de beheerder van het buurthuis", "de dorpsraad", "de wijkraad", "een eenzame buurman",
  "een alleenstaande vader", "de dagbesteding", "de thuiszorg", "het zorgcentrum", "de schuldhulpverlening",
  "de scouting", "de pastor", "de straatcoaches", "de handhavers", "de bewonersorganisatie", "de wijkmanager",
  "de opbouwwerker", "de cliëntenraad", "de tienerclub", "de seniorenvereniging", "het inloophuis", "de GGD",
];
const ACTIVITY_PREFIX = [
  "buurt", "wijk", "straat", "bewoners", "jongeren", "ouderen", "taal", "kook", "kleding", "speel", "kinder",
  "vrouwen", "mannen", "huiswerk", "ontmoetings", "muziek", "kunst", "sport", "voetbal", "klus", "fiets",
  "computer", "natuur", "groen", "lees", "koffie", "soep", "dans", "zang", "toneel", "film", "spelletjes",
  "moestuin", "beweeg", "schilder", "naai", "brei", "tuin", "zomer", "winter",
];
const ACTIVITY_HEAD: [string, "de" | "het"][] = [
  ["feest", "het"], ["café", "het"], ["ochtend", "de"], ["avond", "de"], ["groep", "de"], ["krant", "de"],
  ["app", "de"], ["actie", "de"], ["netwerk", "het"], ["punt", "het"], ["project", "het"], ["club", "de"],
  ["markt", "de"], ["lunch", "de"], ["cursus", "de"], ["spreekuur", "het"], ["atelier", "het"], ["middag", "de"],
  ["dag", "de"], ["kring", "de"], ["werkplaats", "de"], ["festival", "het"], ["tafel", "de"],
];
const ACTIVITY = spread(
  [
    "de moestuin", "het buurtfeest", "de koffieochtend", "het repair café", "de speeltuin", "de buurtpreventie-app",
    "het huiskamerproject", "de taalcafé-avond", "de schoonmaakactie", "het buurthuis", "de kledingruil",
    "de huiswerkklas", "de wandelgroep", "de buurtkrant", "het ontmoetingspunt", "de kookavond",
    "het burenhulp-netwerk", "de zwerfvuilactie",
  ],
  shuffled(ACTIVITY_PREFIX.flatMap((p) => ACTIVITY_HEAD.map(([h, article]) => `${article} ${p}${h}`)), 31),
);
const CONCEPT = [
  "eigen kracht", "loslaten", "participatie", "vertrouwen", "zelfredzaamheid", "eigenaarschap", "motivatie",
  "de leefwereld", "de systeemwereld", "wederkerigheid", "informele zorg", "samenredzaamheid", "draagkracht",
  "het netwerk van de bewoner", "regie bij de bewoner", "presentie", "nabijheid", "sociale cohesie", "inclusie",
  "kwetsbaarheid", "eenzaamheid", "armoede", "laaggeletterdheid", "burgerkracht", "het sociaal domein", "preventie",
  "positieve gezondheid", "talent", "erkenning", "waardering", "gelijkwaardigheid", "leefbaarheid", "betrokkenheid",
  "verbinding", "zingeving", "autonomie", "vraaggericht werken", "outreachend werken", "de kanteling", "veerkracht",
];
const METHOD = [
  "een keukentafelgesprek", "een huisbezoek", "een buurtgesprek", "een netwerkkaart", "een rondetafelgesprek",
  "een buurtschouw", "een wijkwandeling", "een waarderend gesprek", "intervisie", "een moreel beraad", "een ecogram",
  "een sociale kaart", "een buurtpeiling", "een ideeënavond", "een groepsgesprek", "een intakegesprek",
  "een vraag-en-aanbodmarkt", "een proeftuin", "een krachtenkaart", "een levensverhaal",
];
const VERB = [
  "ondersteunen", "betrekken", "aanspreken", "motiveren", "stimuleren", "loslaten", "verbinden", "begrenzen",
  "overdragen", "uitnodigen", "serieus nemen", "volgen", "bijsturen", "aanmoedigen", "coachen", "faciliteren",
  "bemiddelen", "doorverwijzen", "meenemen", "opzoeken", "bevragen", "vertrouwen", "uitdagen", "ontzorgen",
  "terugtreden", "aansluiten", "informeren", "bedanken", "waarderen", "confronteren",
];
const FEELING = [
  "ik twijfel", "ik merk dat ik zelf de kar trek", "het voelt ongemakkelijk", "ik word er onrustig van",
  "ik weet niet goed waar de grens ligt", "ik wil niemand voor het hoofd stoten", "het kost me veel tijd",
  "ik krijg er energie van, maar", "collega's denken er anders over", "mijn leidinggevende wil resultaten zien",
  "ik voel me verantwoordelijk", "ik ben bang dat het stilvalt", "het schuurt met mijn opdracht",
  "ik zie het anders dan de bewoners", "ik loop achter de feiten aan", "ik word steeds vaker gebeld",
];
const QUARTER = [
  "Rivieren", "Bloemen", "Vogel", "Schilders", "Componisten", "Dichters", "Bomen", "Staatslieden", "Zeehelden",
  "Sterren", "Vruchten", "Bergen", "Molen", "Kastelen", "Indische",
];
const STREET = ["Linden", "Eiken", "Beuken", "Kastanje", "Iepen", "Wilgen", "Populieren", "Esdoorn", "Berken", "Acacia", "Platanen", "Meidoorn"];
const TOWN = [
  "Noord", "Zuid", "Oost", "West", "het dorp", "de oude kern", "Utrecht", "Zwolle", "Tilburg", "Deventer", "Almere",
  "Leeuwarden", "Heerlen", "Schiedam", "Zaandam", "Apeldoorn", "Arnhem", "Emmen", "Den Bosch", "Gouda",
];
const PLACE = [
  "in de Rivierenwijk", "in Noord", "op het plein", "in het dorp", "rond het winkelcentrum", "in de Schilderswijk",
  "in de nieuwbouwwijk", "in onze flat aan de Lindenlaan", "in de oude kern", "aan de singel",
  ...shuffled([
    ...QUARTER.map((q) => `in de ${q}wijk`),
    ...STREET.flatMap((s) => [`aan de ${s}laan`, `in de ${s}straat`]),
    ...TOWN.map((t) => `in ${t}`),
  ], 37),
];

/** Nouns and adjectives of the lexicon's long tail (base forms), in a fixed random order of commonness. */
let tailWords: string[] | null = null;
function tail(): string[] {
  if (tailWords) return tailWords;
  const lexicon = dutchLexicon();
  const words: string[] = [];
  for (const form of lexicon.forms()) {
    if (!/^[a-z]{4,14}$/.test(form) || lexicon.lemmas(form).length > 0) continue; // base forms only
    const b = lexicon.bits(form);
    if (b & Bits.Lower && b & (Bits.Noun | Bits.Adj) && !(b & Bits.CompoundOnly)) words.push(form);
  }
  tailWords = shuffled(words, 41).slice(0, 40_000);
  return tailWords;
}

const TEMPLATE_SENTENCES: ((r: Random, t: Topic | null) => string)[] = [
  (r, t) => `Sinds een half jaar werk ik ${word(r, t, "place")} met ${word(r, t, "who")} aan ${word(r, t, "activity")}.`,
  (r, t) => `In het begin waren ${word(r, t, "who")} heel enthousiast, maar nu zakt het in.`,
  (r, t) => `Ik probeer uit te gaan van ${word(r, t, "concept")}, maar ${zipf(r, FEELING)}.`,
  () => `Als ik een stap terug doe, gebeurt er weinig; als ik het overneem, is het niet meer van hen.`,
  (r, t) => `${cap(word(r, t, "who"))} vragen steeds vaker of ik ${word(r, t, "activity")} wil regelen.`,
  (r, t) => `Herkenbaar: bij ons ging het precies zo met ${word(r, t, "activity")}.`,
  (r, t) => `Wat bij mij hielp, was vooraf afspreken wanneer ik ga ${word(r, t, "verb")}.`,
  (r, t) => `Kleine successen vieren houdt de energie erin, merk ik ${word(r, t, "place")}.`,
  (r, t) => `Misschien kun je ${word(r, t, "who")} vragen wat zij zelf nodig hebben.`,
  (r, t) => `Ik zou eerst ${word(r, t, "method")} doen over ${word(r, t, "concept")}.`,
  (r, t) => `Het gaat volgens mij minder om de methode en meer om ${word(r, t, "concept")}.`,
  (r, t) => `Let wel op dat je ${word(r, t, "who")} niet kwijtraakt als je te snel gaat ${word(r, t, "verb")}.`,
  (r, t) => `${cap(word(r, t, "who"))} vragen om cijfers, terwijl ${word(r, t, "concept")} moeilijk te meten is.`,
  (r, t) => `Een collega ${word(r, t, "place")} werkt met ${word(r, t, "method")} en een vaste contactpersoon uit de groep.`,
  () => `Ik ben benieuwd hoe anderen dit aanpakken.`,
  () => `Dank voor het delen, hier heb ik echt iets aan.`,
  (r, t) => `Dat klopt, maar ${zipf(r, FEELING)} als ${word(r, t, "who")} het niet oppakken.`,
  (r, t) => `Vorige maand hebben we met ${word(r, t, "who")} ${word(r, t, "activity")} opgezet.`,
  (r, t) => `Wij zijn begonnen met ${word(r, t, "method")}, daarna kwam ${word(r, t, "activity")} vanzelf.`,
  (r, t) => `${cap(word(r, t, "who"))} en ${word(r, t, "who")} zitten nu samen aan tafel.`,
];
const TAIL_SENTENCES: ((r: Random, t: Topic | null) => string)[] = [
  (r) => `Het raakt ook aan ${zipf(r, tail())} en ${zipf(r, tail())}.`,
  (r) => `Bij ons speelt ${zipf(r, tail())} een rol, en soms ${zipf(r, tail())}.`,
  (r) => `Denk ook aan ${zipf(r, tail())}: dat vergeten we vaak.`,
  (r) => `${cap(zipf(r, tail()))} blijft lastig, zeker met ${zipf(r, tail())} erbij.`,
  (r) => `Iemand noemde ${zipf(r, tail())}, ${zipf(r, tail())} en ${zipf(r, tail())}.`,
  (r) => `Op de laatste bijeenkomst ging het lang over ${zipf(r, tail())}; volgens mij hoort ${zipf(r, tail())} daar ook bij.`,
  (r) => `Wat mij opvalt: zodra ${zipf(r, tail())} ter sprake komt, wordt het stil, en over ${zipf(r, tail())} praat niemand.`,
];

/** What a thread is about: its people, activity, idea, method, verb and place. Its posts use
 *  these words more often than others (words cluster in threads, as in a real forum). */
export type Topic = Record<"who" | "activity" | "concept" | "method" | "verb" | "place", string>;

const LISTS: Record<keyof Topic, readonly string[]> = {
  who: WHO, activity: ACTIVITY, concept: CONCEPT, method: METHOD, verb: VERB, place: PLACE,
};

/** Topic number n of a data set: the same words for the same n, each drawn by Zipf. */
export function topic(n: number): Topic {
  const r = prng(100_003 + n);
  return {
    who: zipf(r, WHO), activity: zipf(r, ACTIVITY), concept: zipf(r, CONCEPT),
    method: zipf(r, METHOD), verb: zipf(r, VERB), place: zipf(r, PLACE),
  };
}

/** Words anyone uses anywhere; the other slots name specific things, mentioned outside their
 *  own threads only in passing. */
const GENERAL: ReadonlySet<keyof Topic> = new Set(["who", "verb"]);

/** A word for a slot: the thread's own word six times in ten; else a general word by Zipf,
 *  or any specific word (uniformly: "de moestuin" is common because many threads are about
 *  it, not because every thread mentions it). */
function word(r: Random, t: Topic | null, slot: keyof Topic): string {
  if (t && r() < 0.6) return t[slot];
  return t && !GENERAL.has(slot) ? pick(r, LISTS[slot]) : zipf(r, LISTS[slot]);
}

function sentence(r: Random, t: Topic | null): string {
  return r() < 0.35 ? pick(r, TAIL_SENTENCES)(r, t) : pick(r, TEMPLATE_SENTENCES)(r, t);
}

const TITLE_TEMPLATES: ((r: Random, t: Topic | null) => string)[] = [
  (r, t) => `Hoe laat ik ${word(r, t, "activity")} los zonder dat het stilvalt?`,
  (r, t) => `Wanneer ga je ${word(r, t, "who")} ${word(r, t, "verb")}?`,
  (r, t) => `Moet ik ${word(r, t, "who")} ${word(r, t, "verb")} of juist niet?`,
  (r, t) => `${cap(word(r, t, "who"))} willen ${word(r, t, "activity")} overnemen: hoe nu verder?`,
  (r, t) => `Hoe houd je ${word(r, t, "concept")} vast als ${word(r, t, "who")} afhaken?`,
  (r, t) => `Wat doe je als ${word(r, t, "who")} ${word(r, t, "place")} niet mee willen doen?`,
  (r, t) => `${cap(word(r, t, "concept"))} of ${word(r, t, "concept")}: wat gaat voor?`,
  (r, t) => `Hoe betrek je ${word(r, t, "who")} bij ${word(r, t, "activity")}?`,
  (r, t) => `Wie is eigenaar van ${word(r, t, "activity")} ${word(r, t, "place")}?`,
  (r, t) => `Hoe ver ga je mee in de wensen van ${word(r, t, "who")}?`,
  (r, t) => `Werkt ${word(r, t, "method")} ook bij ${word(r, t, "who")}?`,
  (r, t) => `${cap(word(r, t, "activity"))} en ${zipf(r, tail())}: wat doe ik ermee?`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function paragraph(r: Random, t: Topic | null, min: number, max: number): string {
  return Array.from({ length: between(r, min, max) }, () => sentence(r, t)).join(" ");
}

export function dilemmaTitle(r: Random, t: Topic | null = null): string {
  return pick(r, TITLE_TEMPLATES)(r, t);
}

/** A dilemma body in the shape the demo content teaches: situation, what was tried, the question. */
export function dilemmaBody(r: Random, t: Topic | null = null): string {
  const parts = [
    `**Situatie:** ${paragraph(r, t, 2, 5)}`,
    `**Wat ik probeerde:** ${paragraph(r, t, 1, 4)}`,
    `**Mijn vraag:** ${dilemmaTitle(r, t)} ${r() < 0.5 ? "Waar ligt voor jullie de grens?" : ""}`.trim(),
  ];
  if (r() < 0.3) parts.splice(2, 0, `- ${word(r, t, "activity")}\n- ${word(r, t, "activity")}\n- ${word(r, t, "concept")}`);
  return parts.join("\n\n");
}

/** A reply: mostly one short paragraph, sometimes several, now and then a list, quote or link. */
export function replyBody(r: Random, t: Topic | null = null): string {
  const roll = r();
  if (roll < 0.45) return paragraph(r, t, 2, 4);
  if (roll < 0.8) return [paragraph(r, t, 2, 5), paragraph(r, t, 1, 4)].join("\n\n");
  if (roll < 0.9) {
    const items = Array.from({ length: between(r, 2, 4) }, () => `- ${cap(word(r, t, "concept"))}: ${sentence(r, t)}`);
    return [paragraph(r, t, 1, 2), items.join("\n")].join("\n\n");
  }
  if (roll < 0.96) return [`> ${sentence(r, t)}`, paragraph(r, t, 1, 3)].join("\n\n");
  return `${paragraph(r, t, 1, 2)} Zie ook [de handreiking](https://www.movisie.nl/) van Movisie, *vooral het stuk over ${word(r, t, "concept")}*.`;
}

const FIRST = [
  "Fatima", "Jan", "Anouk", "Mohamed", "Sanne", "Pieter", "Noor", "Kees", "Yasmina", "Joost", "Ilse",
  "Hamza", "Marieke", "Dennis", "Esra", "Bram", "Lotte", "Said", "Ingrid", "Thijs", "Femke", "Rachid",
  "Wendy", "Gerrit", "Aylin", "Ruud", "Naima", "Maarten", "Linda", "Kofi",
];
const LAST = [
  "de Vries", "Jansen", "El Amrani", "Bakker", "Visser", "Smit", "Yilmaz", "de Boer", "Mulder",
  "van Dijk", "Bos", "Hendriks", "Öztürk", "van der Berg", "Kramer", "Dekker", "Bouzid", "Peters",
  "van Leeuwen", "Willems", "Koç", "Brouwer", "de Graaf", "Vermeulen",
];
const ORGANISATIONS = [
  "Welzijn Rivierenland", "Wijkteam Noord", "Stichting Buurtkracht", "Alleato", "TijdvoorElkaar",
  "Gemeente Utrecht", "Humanitas", "Woonstichting De Linie", "Sociaal Werk Midden", "MEE",
  "Buurtteam Oost", "Vrijwilligerscentrale", null, null,
];

export function memberName(r: Random): { displayName: string; organisation: string | null } {
  return { displayName: `${pick(r, FIRST)} ${pick(r, LAST)}`, organisation: pick(r, ORGANISATIONS) };
}

/** Competences beyond the demo's nine, so filters and tags spread as in a grown circle. */
export const EXTRA_COMPETENCES = [
  ["netwerken-versterken", "Netwerken versterken", "Strengthening networks"],
  ["grenzen-stellen", "Grenzen stellen", "Setting boundaries"],
  ["vrijwilligers-begeleiden", "Vrijwilligers begeleiden", "Supporting volunteers"],
  ["samenwerken-met-partners", "Samenwerken met partners", "Working with partners"],
  ["signaleren", "Signaleren", "Spotting problems early"],
  ["gespreksvoering", "Gespreksvoering", "Conversation skills"],
  ["diversiteit", "Werken met diversiteit", "Working with diversity"],
  ["verantwoorden", "Resultaten zichtbaar maken", "Making results visible"],
  ["conflicten-hanteren", "Conflicten hanteren", "Handling conflicts"],
  ["informele-zorg", "Informele zorg versterken", "Strengthening informal care"],
  ["jongerenwerk", "Aansluiten bij jongeren", "Connecting with young people"],
] as const;
