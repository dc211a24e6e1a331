// Dutch-like text for the generated data set: titles, dilemma bodies and replies built from
// the words and situations of neighbourhood work, so row sizes, Markdown shapes and trigram
// statistics look like a real circle's rather than lorem ipsum. Deterministic per seed.

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

const WHO = [
  "bewoners", "vrijwilligers", "de buurtvereniging", "jongeren op het plein", "de huurderscommissie",
  "een groep moeders", "ouderen in de flat", "de wijkagent", "de woningcorporatie", "het wijkteam",
  "statushouders", "mantelzorgers", "de gemeente", "de school", "de moskee", "de kerk",
  "ondernemers in het winkelcentrum", "de bewonerscommissie", "nieuwe buren", "de voedselbank",
];
const ACTIVITY = [
  "de moestuin", "het buurtfeest", "de koffieochtend", "het repair café", "de speeltuin",
  "de buurtpreventie-app", "het huiskamerproject", "de taalcafé-avond", "de schoonmaakactie",
  "het buurthuis", "de kledingruil", "de huiswerkklas", "de wandelgroep", "de buurtkrant",
  "het ontmoetingspunt", "de kookavond", "het burenhulp-netwerk", "de zwerfvuilactie",
];
const CONCEPT = [
  "eigen kracht", "loslaten", "zelfredzaamheid", "eigenaarschap", "participatie", "vertrouwen",
  "de leefwereld", "de systeemwereld", "wederkerigheid", "samenredzaamheid", "informele zorg",
  "het netwerk van de bewoner", "motivatie", "draagkracht", "regie bij de bewoner",
];
const VERB = [
  "loslaten", "ondersteunen", "aanspreken", "betrekken", "motiveren", "begrenzen", "verbinden",
  "overdragen", "stimuleren", "serieus nemen", "uitnodigen", "volgen", "bijsturen",
];
const FEELING = [
  "ik twijfel", "ik merk dat ik zelf de kar trek", "het voelt ongemakkelijk", "ik word er onrustig van",
  "ik weet niet goed waar de grens ligt", "ik wil niemand voor het hoofd stoten", "het kost me veel tijd",
  "ik krijg er energie van, maar", "collega's denken er anders over", "mijn leidinggevende wil resultaten zien",
];
const PLACE = [
  "in Noord", "in de Rivierenwijk", "in onze flat aan de Lindenlaan", "in het dorp", "op het plein",
  "in de Schilderswijk", "rond het winkelcentrum", "in de nieuwbouwwijk", "in de oude kern", "aan de singel",
];
const TITLE_TEMPLATES: ((r: Random) => string)[] = [
  (r) => `Hoe laat ik ${pick(r, ACTIVITY)} los zonder dat het stilvalt?`,
  (r) => `Wanneer ga je ${pick(r, WHO)} ${pick(r, VERB)}?`,
  (r) => `Moet ik ${pick(r, WHO)} ${pick(r, VERB)} of juist niet?`,
  (r) => `${cap(pick(r, WHO))} willen ${pick(r, ACTIVITY)} overnemen: hoe nu verder?`,
  (r) => `Hoe houd je ${pick(r, CONCEPT)} vast als ${pick(r, WHO)} afhaken?`,
  (r) => `Wat doe je als ${pick(r, WHO)} ${pick(r, PLACE)} niet mee willen doen?`,
  (r) => `${cap(pick(r, CONCEPT))} of ${pick(r, CONCEPT)}: wat gaat voor?`,
  (r) => `Hoe betrek je ${pick(r, WHO)} bij ${pick(r, ACTIVITY)}?`,
  (r) => `Wie is eigenaar van ${pick(r, ACTIVITY)} ${pick(r, PLACE)}?`,
  (r) => `Hoe ver ga je mee in de wensen van ${pick(r, WHO)}?`,
];
const SENTENCES: ((r: Random) => string)[] = [
  (r) => `Sinds een half jaar werk ik ${pick(r, PLACE)} met ${pick(r, WHO)} aan ${pick(r, ACTIVITY)}.`,
  (r) => `In het begin waren ${pick(r, WHO)} heel enthousiast, maar nu zakt het in.`,
  (r) => `Ik probeer uit te gaan van ${pick(r, CONCEPT)}, maar ${pick(r, FEELING)}.`,
  () => `Als ik een stap terug doe, gebeurt er weinig; als ik het overneem, is het niet meer van hen.`,
  (r) => `${cap(pick(r, WHO))} vragen steeds vaker of ik ${pick(r, ACTIVITY)} wil regelen.`,
  (r) => `Herkenbaar: bij ons ging het precies zo met ${pick(r, ACTIVITY)}.`,
  (r) => `Wat bij mij hielp, was vooraf afspreken wanneer ik ga ${pick(r, VERB)}.`,
  (r) => `Kleine successen vieren houdt de energie erin, merk ik ${pick(r, PLACE)}.`,
  (r) => `Misschien kun je ${pick(r, WHO)} vragen wat zij zelf nodig hebben.`,
  (r) => `Ik zou eerst een keukentafelgesprek voeren over ${pick(r, CONCEPT)}.`,
  (r) => `Het gaat volgens mij minder om de methode en meer om ${pick(r, CONCEPT)}.`,
  (r) => `Let wel op dat je ${pick(r, WHO)} niet kwijtraakt als je te snel gaat ${pick(r, VERB)}.`,
  (r) => `Onze gemeente vraagt om cijfers, terwijl ${pick(r, CONCEPT)} moeilijk te meten is.`,
  (r) => `Een collega ${pick(r, PLACE)} werkt met een vaste contactpersoon uit de groep zelf.`,
  () => `Ik ben benieuwd hoe anderen dit aanpakken.`,
  () => `Dank voor het delen, hier heb ik echt iets aan.`,
  (r) => `Dat klopt, maar ${pick(r, FEELING)} als ${pick(r, WHO)} het niet oppakken.`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function paragraph(r: Random, min: number, max: number): string {
  return Array.from({ length: between(r, min, max) }, () => pick(r, SENTENCES)(r)).join(" ");
}

export function dilemmaTitle(r: Random): string {
  return pick(r, TITLE_TEMPLATES)(r);
}

/** A dilemma body in the shape the demo content teaches: situation, what was tried, the question. */
export function dilemmaBody(r: Random): string {
  const parts = [
    `**Situatie:** ${paragraph(r, 2, 5)}`,
    `**Wat ik probeerde:** ${paragraph(r, 1, 4)}`,
    `**Mijn vraag:** ${dilemmaTitle(r)} ${r() < 0.5 ? "Waar ligt voor jullie de grens?" : ""}`.trim(),
  ];
  if (r() < 0.3) parts.splice(2, 0, `- ${pick(r, ACTIVITY)}\n- ${pick(r, ACTIVITY)}\n- ${pick(r, CONCEPT)}`);
  return parts.join("\n\n");
}

/** A reply: mostly one short paragraph, sometimes several, now and then a list, quote or link. */
export function replyBody(r: Random): string {
  const roll = r();
  if (roll < 0.45) return paragraph(r, 2, 4);
  if (roll < 0.8) return [paragraph(r, 2, 5), paragraph(r, 1, 4)].join("\n\n");
  if (roll < 0.9) {
    const items = Array.from({ length: between(r, 2, 4) }, () => `- ${cap(pick(r, CONCEPT))}: ${pick(r, SENTENCES)(r)}`);
    return [paragraph(r, 1, 2), items.join("\n")].join("\n\n");
  }
  if (roll < 0.96) return [`> ${pick(r, SENTENCES)(r)}`, paragraph(r, 1, 3)].join("\n\n");
  return `${paragraph(r, 1, 2)} Zie ook [de handreiking](https://www.movisie.nl/) van Movisie, *vooral het stuk over ${pick(r, CONCEPT)}*.`;
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
