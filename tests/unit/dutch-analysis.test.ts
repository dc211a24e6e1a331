import { beforeAll, describe, expect, it } from "vitest";
import {
  analyzeDocument,
  analyzeQuery,
  analyzeText,
  analyzeWord,
  createVocabulary,
  editDistance,
  fold,
  stemDutch,
  suggestCorrection,
  toTsQuery,
  toTsVector,
  vocabularyFromTexts,
  warmDutchAnalysis,
  type AnalyzedPosition,
  type ParsedQuery,
  type QueryOptions,
} from "~/search/dutch/analysis.server";
import { dutchLexicon } from "~/search/dutch/lexicon.server";
import { splitCompound } from "~/search/dutch/morphology";

// Matching is asserted the way the brief defines it: the query's tokens (all alternatives of its
// terms) intersect the document's tokens. Phrase and exclusion semantics are checked separately
// with an evaluator that mirrors what toTsQuery asks of Postgres.

function queryTokens(q: string, opts?: QueryOptions): Set<string> {
  const out = new Set<string>();
  for (const term of analyzeQuery(q, opts).terms) {
    if (term.negated) continue;
    for (const alt of term.alternatives) for (const w of alt.words) for (const t of w) out.add(t);
  }
  return out;
}

function finds(q: string, doc: string, opts?: QueryOptions): boolean {
  const qt = queryTokens(q, opts);
  return analyzeDocument(doc).some((t) => qt.has(t));
}

/** What `doc @@ to_tsquery('simple', toTsQuery(parsed))` decides, evaluated in memory. */
function evaluate(parsed: ParsedQuery, positions: AnalyzedPosition[], expand = true): boolean {
  const at = new Map<string, Set<number>>();
  for (const p of positions) for (const t of p.tokens) (at.get(t) ?? at.set(t, new Set()).get(t)!).add(p.position);
  const has = (tokens: string[], pos?: number) =>
    tokens.some((t) => (pos === undefined ? at.has(t) : at.get(t)?.has(pos) ?? false));
  const altMatches = (words: string[][], join: "phrase" | "all" | "same") => {
    const filled = words.map((w, i) => [w, i] as const).filter(([w]) => w.length > 0);
    if (join === "all") return filled.every(([w]) => has(w));
    if (join === "same") return [...positions].some((p) => filled.every(([w]) => has(w, p.position)));
    const [first, firstIdx] = filled[0]!;
    return [...(at.size ? positions : [])].some(
      (p) => has(first, p.position) && filled.every(([w, i]) => has(w, p.position + i - firstIdx)),
    );
  };
  const termMatches = (term: ParsedQuery["terms"][number]) =>
    term.alternatives.filter((a) => expand || a.source === "word").some((a) => altMatches(a.words, a.join));
  const positive = parsed.terms.filter((t) => !t.negated);
  return positive.length > 0 && positive.every(termMatches) && parsed.terms.filter((t) => t.negated).every((t) => !termMatches(t));
}

const search = (q: string, doc: string, opts?: QueryOptions) => evaluate(analyzeQuery(q, opts), analyzeText(doc));

beforeAll(() => {
  const heapBefore = process.memoryUsage().heapUsed;
  const stats = warmDutchAnalysis();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `[dutch] lexicon: ${stats.forms} forms from ${stats.source} in ${Math.round(stats.loadMs)} ms, ` +
      `heap +${Math.round((heapAfter - heapBefore) / 1e6)} MB`,
  );
});

describe("normalisation", () => {
  it.each([
    ["Café", "cafe"],
    ["ideeën", "ideeen"],
    ["coördinatie", "coordinatie"],
    ["ĲSSELMEER", "ijsselmeer"],
    ["Straße", "strasse"],
    ["naïef", "naief"],
  ])("folds %s to %s", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it("splits on punctuation, keeps digits, drops the 's of plurals and genitives", () => {
    expect(analyzeText("Auto's, cd's & 2024: zo'n 3 ideeën!").map((p) => p.word)).toEqual([
      "auto",
      "cd",
      "2024",
      "zo",
      "3",
      "ideeen",
    ]);
  });

  it("keeps positions for stop words so phrases stay exact", () => {
    expect(toTsVector("de buurt", "A")).toBe("'buurt':2A");
    expect(toTsVector("het buurthuis van de wijk")).toBe("'buurt':2 'buurthuis':2 'huis':2 'wijk':5");
  });
});

describe("Snowball Dutch stemmer", () => {
  // Outputs of Snowball's reference implementation (dutch_porter) for these words.
  it.each([
    ["aangelegenheden", "aangeleg"],
    ["aanbiddelijke", "aanbid"],
    ["aandeelhoudersvergadering", "aandeelhoudersvergader"],
    ["aanhankelijkheid", "aanhank"],
    ["aanpasbaarheid", "aanpas"],
    ["aangenaamste", "aangenaamst"],
    ["aannemelijk", "aannem"],
    ["rundvlees", "rundvles"],
    ["rustige", "rustig"],
    ["rustigjes", "rustigjes"],
    ["ruyiten", "ruyit"],
    ["ruziën", "ruzien"],
    ["saarbrücken", "saarbruck"],
    ["samenleving", "samenlev"],
    ["schandalig", "schandal"],
    ["schaalvergroting", "schaalvergrot"],
    ["scène", "scèn"],
    ["schadelijkheid", "schadelijk"],
    ["saneringswerkzaamheden", "saneringswerkzam"],
    ["gemeenten", "gemeent"],
  ])("stems %s → %s", (word, stem) => {
    expect(stemDutch(word)).toBe(stem);
  });
});

describe("a part finds the whole (compounds)", () => {
  it.each([
    ["werker", "De wijkwerkers kwamen langs."],
    ["werkers", "Een wijkwerker belde aan."],
    ["kracht", "Wij geloven in eigenkracht."],
    ["initiatief", "Er zijn drie bewonersinitiatieven gestart."],
    ["bewoner", "Er zijn drie bewonersinitiatieven gestart."],
    ["buurt", "Het buurthuis is vanavond open."],
    ["huis", "Het buurthuis is vanavond open."],
    ["bewoners", "De buurtbewoners organiseren een feest."],
    ["beleid", "Het gemeentebeleid verandert."],
    ["team", "De wijkteams overleggen elke week."],
    ["opvang", "De kinderopvang is vol."],
    ["werk", "Zij doet vrijwilligerswerk."],
    ["opbouwwerker", "De buurtopbouwwerkers zijn er ook."],
    ["gesprek", "Het keukentafelgesprek duurde een uur."],
    ["tafel", "Het keukentafelgesprek duurde een uur."],
    // general Dutch
    ["sleutel", "Waar ligt de kamersleutel?"],
    ["fiets", "De fietsenstalling staat vol."],
    ["stalling", "De fietsenstalling staat vol."],
    ["taart", "Oma bakt appeltaarten."],
    ["school", "De basisscholen gaan weer open."],
    ["prijs", "De huurprijzen stijgen."],
    ["vergadering", "De ledenvergadering begint om acht uur."],
    ["verhaal", "Zij verzamelt levensverhalen."],
    ["lijst", "Op de boodschappenlijst staat melk."],
    ["bord", "Het verkeersbord is omgewaaid."],
    ["koffie", "Er staat een koffieautomaat in de hal."],
    ["tuin", "De achtertuinen zijn klein."],
    ["geld", "Kinderen krijgen zakgeld."],
    ["bank", "De voedselbank helpt gezinnen."],
    ["buren", "Burenhulp werkt."],
    ["feest", "Het straatfeest was leuk."],
    ["bestrijding", "Armoedebestrijding kost geld."],
    ["mantelzorger", "Mantelzorgers zijn moe."],
    // a head without OpenTaal's noun hint can still be a modifier
    ["zelfbeheer", "De bewoners tekenden een zelfbeheerovereenkomst."],
    ["overeenkomst", "De bewoners tekenden een zelfbeheerovereenkomst."],
  ])("%s finds %j", (q, doc) => {
    expect(finds(q, doc)).toBe(true);
  });

  it.each([
    ["eigen", "De eigenaar van het pand belde."],
    ["eigen", "De eigenaren zijn boos."],
    ["eigen", "Het is eigenlijk te laat."],
    ["leiden", "Het beleid van de gemeente."],
    ["bes", "Het bestuur vergadert."],
    ["voeding", "Opvoeding is een vak."],
    ["kering", "Zij heeft een uitkering."],
    ["werking", "De samenwerking verloopt goed."],
    ["dom", "Het eigendom van de grond."],
    ["schap", "Een hechte gemeenschap."],
    ["ling", "Elke leerling krijgt een boek."],
    ["kant", "Het kantoor is dicht."],
    ["aar", "De eigenaar belde."],
    ["band", "Er is geen verband."],
    ["raad", "De voorraad is op."],
    ["deel", "Zij kocht een aandeel."],
    ["komen", "Een laag inkomen."],
    ["zorg", "Zij werkt zorgvuldig."],
    ["land", "Een landelijke aanpak."],
    ["wijk", "Een kleine afwijking."],
    ["ouder", "De ouderdom komt met gebreken."],
  ])("%s does not find %j", (q, doc) => {
    expect(finds(q, doc)).toBe(false);
  });

  it("splits with the dictionary's own compound flags and keeps listed words whole", () => {
    const lex = dutchLexicon();
    expect(splitCompound("wijkwerkers", lex)?.parts).toEqual(["wijk", "werkers"]);
    expect(splitCompound("bewonersinitiatieven", lex)?.parts).toEqual(["bewoners", "initiatieven"]);
    expect(splitCompound("buurtopbouwwerkers", lex)?.parts).toEqual(["buurt", "opbouw", "werkers"]);
    expect(splitCompound("eigenkracht", lex)).toMatchObject({ parts: ["eigen", "kracht"], strict: false });
    for (const whole of ["eigenaar", "beleid", "bestuur", "verband", "opvoeding", "samenwerking", "gemeenschap"]) {
      expect(splitCompound(whole, lex), whole).toBeNull();
    }
  });

  it("splits words the dictionary knows whole but flags no parts of, by lexicon (decision 044)", () => {
    const lex = dutchLexicon();
    expect(splitCompound("probleemwijk", lex)?.parts).toEqual(["probleem", "wijk"]);
    expect(splitCompound("zorgstichting", lex)?.parts).toEqual(["zorg", "stichting"]);
    expect(splitCompound("vrijwilligerskorpsen", lex)).toMatchObject({ parts: ["vrijwilligers", "korpsen"], links: ["", ""] });
    expect(splitCompound("raadsadviseurs", lex)).toMatchObject({ parts: ["raad", "adviseurs"], links: ["s", ""] });
    // Protections: an adjective in front (vers|tand), a part under four letters, a split that
    // cuts through an inflection (ballon|netje is ballonnet-je) or a suffix (scout|isme).
    for (const whole of ["verstand", "armoedeval", "ballonnetje", "scoutisme", "kapoentje"]) {
      expect(splitCompound(whole, lex), whole).toBeNull();
    }
  });

  it.each([
    ["wijk", "Overlast in een probleemwijk."],
    ["coordinator", "De buurthuiscoördinator belde terug."],
    ["overleg", "Na het wijkteamoverleg gingen we samen op huisbezoek."],
    ["ladder", "We gebruiken de participatieladder bij de intake."],
  ])("a part %s finds the compound in %j", (q, doc) => {
    expect(search(q, doc)).toBe(true);
  });

  it("keeps the title weight for a part of a compound in the title", () => {
    expect(toTsVector("Probleemwijk zoekt vrijwilligers", "A")).toMatch(/'wijk':1A/);
  });

  it("never indexes parts shorter than three letters and always keeps the whole word", () => {
    const a = analyzeWord("wijkwerkers");
    expect(a.wordTokens).toContain("wijkwerker");
    expect([...a.wordTokens, ...a.partTokens].every((t) => t.length >= 3)).toBe(true);
  });
});

describe("verbs", () => {
  it.each([
    ["melden", "Ze hebben het gemeld bij de verhuurder."],
    ["aanmelden", "Drie buren hebben zich aangemeld."],
    ["praten", "We hebben lang gepraat over de tuin."],
    ["wachten", "Ze hebben te lang gewacht."],
    ["starten", "Het project is vorig jaar gestart."],
    ["opzetten", "Zij heeft een buurtkrant opgezet."],
    ["redden", "Het buurthuis is gered."],
    ["antwoorden", "Niemand heeft geantwoord."],
  ])("a participle of a verb whose stem ends in -t or -d: %s finds %j", (q, doc) => {
    expect(search(q, doc)).toBe(true);
  });

  it("reads gestart as starten, not staren, and gemeld as melden, not melen", () => {
    expect(search("staren", "Het project is gestart.")).toBe(false);
    expect(search("melen", "Ze hebben het gemeld.")).toBe(false);
  });

  it.each([
    ["loslaten", "Ik liet het project los."],
    ["loslaten", "Zij hebben het plan losgelaten."],
    ["loslaten", "Het is moeilijk om het los te laten."],
    ["meedoen", "Hij deed niet mee."],
    ["meedoen", "Ze hebben allemaal meegedaan."],
    ["nemen", "Zij nam het woord."],
    ["nemen", "Er werd een besluit genomen."],
    ["nam", "We nemen contact op."],
    ["genomen", "Zij namen de tijd."],
    ["ondernemen", "Hij ondernam meteen actie."],
    ["afnemen", "De overlast is afgenomen."],
    ["overnemen", "De gemeente nam het beheer over."],
    ["overnemen", "De leden namen de ideeën over."],
    ["gaan", "Ik ging naar huis."],
    ["gaan", "Het is goed gegaan."],
    ["laten", "Zij liet een bericht achter."],
    ["doen", "Wat deed je daar?"],
    ["opbouwen", "Samen hebben we een netwerk opgebouwd."],
    ["opbouwen", "Het opgebouwde vertrouwen is groot."],
    ["deelnemen", "Zij nam deel aan de bijeenkomst."],
    ["plaatsvinden", "De bijeenkomst vond plaats in het buurthuis."],
    ["plaatsvinden", "De bijeenkomst heeft plaatsgevonden."],
    ["afspreken", "We spraken af om te bellen."],
    ["uitnodigen", "Wij nodigen je uit."],
    ["opruimen", "Ze ruimden het park op."],
    ["schrijven", "Zij schreef een brief."],
    ["vinden", "Wat vond je ervan?"],
    ["zoeken", "Hij zocht hulp."],
    ["meebrengen", "Ze brachten eten mee."],
    ["werken", "Zij werkte bij de gemeente."],
    ["samenwerken", "Wij werkten goed samen."],
    ["bellen", "Ik heb gisteren gebeld."],
    ["maken", "Wie heeft dit gemaakt?"],
    ["verhuizen", "Ze zijn vorig jaar verhuisd."],
    ["kopen", "Ik kocht brood."],
    // Latinate action nouns and their verbs
    ["organiseren", "De organisatie van het feest."],
    ["evaluatie", "We gaan het project evalueren."],
    ["discriminatie", "Er kwamen discriminerende berichten."],
    ["meedenken", "De bewoners dachten mee."],
    ["aanvragen", "Zij vroeg een uitkering aan."],
    ["lopen", "Het liep anders."],
    ["bestaan", "Het buurthuis bestond vijftig jaar."],
    ["begrijpen", "Niemand begreep het."],
    ["ontvangen", "We ontvingen veel reacties."],
    ["vertrekken", "De trein vertrok te laat."],
    ["ingrijpen", "De politie greep in."],
    ["voorstellen", "De jongerenwerker stelde voor om te bellen."],
    ["afwijzen", "De wethouder wees dat af."],
    ["tegenkomen", "Ik kwam hem tegen in de supermarkt."],
    ["bijdragen", "Iedereen droeg een steentje bij."],
    ["afhaken", "Veel vrijwilligers haakten af."],
    ["samenkomen", "De bewoners kwamen samen in de kerk."],
    ["helpen", "Iedereen heeft geholpen."],
    ["verzinnen", "Wie heeft dat verzonnen?"],
    ["inzetten", "Wij zetten ons in voor de wijk."],
  ])("%s finds %j", (q, doc) => {
    expect(finds(q, doc)).toBe(true);
  });

  it.each([
    ["nemen", "De namen van de deelnemers."],
    ["lijden", "De leden van de vereniging."],
    ["zonnen", "Het is gezond eten."],
    ["buren", "De buurt is rustig."],
    ["buren", "Een gezellig buurtje."],
    // Lexicalised diminutives keep their own meaning (decision 049).
    ["maat", "Zij is mijn maatje geworden."],
    ["maatje", "Hulp op maat."],
    ["maatjes", "Een pak op maat."],
    ["ui", "Het jaarlijkse uitje van de vrijwilligers."],
    ["aangeven", "Hij gaf het boek aan zijn broer."],
    ["omstellen", "Hij stelde voor om te bellen."],
    ["stelen", "Zij stelde een vraag."],
    ["legen", "Hij legde het uit."],
  ])("%s does not find %j (the noun or adjective reading wins)", (q, doc) => {
    expect(finds(q, doc)).toBe(false);
  });

  it("reads an ambiguous form as a verb when a subject pronoun stands next to it", () => {
    expect(finds("lijden", "Zij leden veel pijn.")).toBe(true);
  });
});

describe("inflection", () => {
  it.each([
    ["buurt", "Een gezellig buurtje."],
    ["maatje", "Zoek je maatjes voor een wandeling?"],
    ["maatjes", "Elke nieuwkomer krijgt een maatje."],
    ["maatje", "Het maatjesproject loopt goed."],
    ["huis", "Twee huisjes aan de dijk."],
    ["boek", "Een boekje lezen."],
    ["bal", "Een balletje trappen."],
    ["opleiding", "Een kort opleidinkje."],
    ["auto", "Zijn autootje is stuk."],
    ["initiatief", "Goede initiatieven."],
    ["huis", "Nieuwe huizen."],
    ["brief", "Drie brieven."],
    ["stad", "Grote steden."],
    ["kind", "Kinderen spelen buiten."],
    ["groot", "Een grote groep."],
    ["sociaal", "Een sociale kaart."],
    ["lief", "Een lieve buurvrouw."],
    ["auto", "Alle auto's staan stil."],
    ["idee", "Veel ideeën."],
    ["café", "Het cafe op de hoek."],
    ["cafe", "Het café op de hoek."],
    ["e-mail", "Stuur een email."],
    ["email", "Stuur een e-mail."],
    ["2024", "In 2024 begon het project."],
  ])("%s finds %j", (q, doc) => {
    expect(finds(q, doc)).toBe(true);
  });
});

describe("synonyms (query time)", () => {
  it.each([
    ["buurt", "In onze wijk is veel te doen."],
    ["wijk", "De buurt is rustig."],
    ["bewoners", "De inwoners van het dorp."],
    ["eigen kracht", "Zelfredzaamheid staat centraal."],
    ["zelfredzaamheid", "Uit eigen kracht verder."],
    ["opbouwwerker", "Een sociaal makelaar hielp ons."],
    ["participatie", "Iedereen kan meedoen."],
    ["ouderen", "Activiteiten voor senioren."],
    ["werkloosheid", "De werkeloosheid daalt."],
    ["jongerenwerker", "De jeugdwerker was er ook."],
  ])("%s finds %j", (q, doc) => {
    expect(finds(q, doc)).toBe(true);
  });

  it.each([
    ["seniorenclub", "De ouderenclub komt elke dinsdag samen."],
    ["wijkfeest", "Het buurtfeest was een succes."],
    ["jeugdcentrum", "In het jongerencentrum is een pingpongtafel."],
    ["fietsenstalling", "De rijwielstalling is vol.", [["fiets", "rijwiel"]]],
  ] as [string, string, string[][]?][])("a synonym of a part reaches the compound: %s finds %j", (q, doc, synonyms) => {
    expect(search(q, doc, synonyms ? { synonyms } : undefined)).toBe(true);
  });

  it("a compound's synonym needs its parts together, not anywhere in the text", () => {
    expect(search("wijkfeest", "In de buurt was het stil, op het feest niet.")).toBe(false);
    expect(search("seniorenclub", "Ouderen kwamen naar de club.")).toBe(false);
  });

  it("accepts extra synonym groups at call time", () => {
    expect(finds("fiets", "Rijwielen stallen.")).toBe(false);
    expect(finds("fiets", "Rijwielen stallen.", { synonyms: [["fiets", "rijwiel"]] })).toBe(true);
    expect(finds("fiets", "Rijwielen stallen.", { synonyms: [["fiets", "rijwiel"]], thesaurus: false })).toBe(true);
    expect(finds("buurt", "In onze wijk.", { thesaurus: false })).toBe(false);
  });

  it("weights synonyms below the word itself and leaves them out of the exact query", () => {
    const parsed = analyzeQuery("buurt");
    const [word, ...rest] = parsed.terms[0]!.alternatives;
    expect(word).toMatchObject({ source: "word", weight: 1 });
    expect(rest.every((a) => a.source === "synonym" && a.weight < 1)).toBe(true);
    expect(toTsQuery(parsed, { expand: false })).toBe("'buurt'");
    expect(toTsQuery(parsed)).toBe("( 'buurt' | 'wijk' | 'woonwijk' )");
  });
});

describe("English stays findable", () => {
  const doc = "The neighbourhood team organised a community meeting for volunteers and stakeholders.";
  it.each(["neighbourhood", "team", "organised", "community", "meeting", "volunteers", "stakeholders"])(
    "%s",
    (q) => {
      expect(finds(q, doc)).toBe(true);
    },
  );

  it("keeps a word the lexicon does not know as written", () => {
    expect(analyzeWord("neighbourhood").wordTokens).toContain("neighbourhood");
  });
});

describe("query syntax and tsquery", () => {
  it("matches quoted phrases on word order, with stop words as gaps", () => {
    expect(search('"eigen kracht"', "Zij werkt vanuit eigen kracht.")).toBe(true);
    expect(search('"eigen kracht"', "De kracht van het eigen netwerk.")).toBe(false);
    expect(search('"eigen kracht"', "Het eigenkracht-model.")).toBe(true);
    expect(search('"huiskamer van de wijk"', "Dit is de huiskamer van de wijk.")).toBe(true);
    expect(search('"huiskamer van de wijk"', "De wijk heeft een huiskamer.")).toBe(false);
  });

  it("excludes words with a leading minus", () => {
    expect(search("buurt -eigenaar", "De buurt en de eigenaar.")).toBe(false);
    expect(search("buurt -eigenaar", "De buurt en de bewoners.")).toBe(true);
    expect(search('buurt -"sociaal makelaar"', "Een sociaal makelaar in de buurt.")).toBe(false);
  });

  it("ANDs the terms and drops stop words unless nothing else is left", () => {
    expect(search("wijkwerker loslaten", "De wijkwerkers lieten het project los.")).toBe(true);
    expect(search("wijkwerker loslaten", "De wijkwerkers hielden vol.")).toBe(false);
    expect(analyzeQuery("hoe ga je om met eenzaamheid").terms.map((t) => t.text)).toEqual(["ga", "eenzaamheid"]);
    expect(analyzeQuery("de").terms.map((t) => t.text)).toEqual(["de"]);
  });

  it("offers compounds written apart as an alternative", () => {
    expect(search("eigenkracht", "Vanuit eigen kracht.")).toBe(true);
    expect(search("wijkagent", "De agent van de wijk.")).toBe(false);
  });

  it("renders a valid, escaped tsquery", () => {
    expect(toTsQuery(analyzeQuery('"eigen kracht" -eigenaar loslaten'))).toBe(
      "( ( 'eig' <-> 'kracht' ) | 'eigenkracht' ) & 'loslat' & !( 'eigenar' )",
    );
    expect(toTsQuery(analyzeQuery('"huiskamer van de wijk"'), { expand: false })).toBe(
      "( 'huiskamer' <3> 'wijk' )",
    );
    expect(toTsQuery(analyzeQuery("-buurt"))).toBe("");
    expect(toTsQuery(analyzeQuery("buurt -eigenaar"), { expand: false, negated: false })).toBe("'buurt'");
    expect(toTsQuery(analyzeQuery("it's O'Neill"))).toMatch(/^[a-z0-9'()|&!<> -]+$/);
    for (const q of ["wijkwerkers", "eigen kracht", "e-mail", "covid-19", "'; drop table x; --"]) {
      const ts = toTsQuery(analyzeQuery(q));
      expect(ts, q).toMatch(/^[a-z0-9'()|&!<> -]*$/);
      expect((ts.match(/\(/g) ?? []).length, q).toBe((ts.match(/\)/g) ?? []).length);
    }
  });

  it("renders a tsvector literal with shared positions and weights", () => {
    expect(toTsVector("Wijkwerkers", "A")).toBe("'werker':1A 'wijk':1A 'wijkwerker':1A");
    expect(toTsVector("Ik liet het los")).toBe("'lat':2 'liet':2 'los':4 'loslat':4");
  });
});

describe("typo suggestions", () => {
  const vocab = vocabularyFromTexts([
    "De vrijwilligers van het buurthuis organiseren een bijeenkomst voor bewoners.",
    "Bewoners en vrijwilligers praten over eenzaamheid in de buurt.",
  ]);

  it.each([
    ["vrijwiligers", "vrijwilligers"],
    ["bewonres", "bewoners"],
    ["eenzaamhied", "eenzaamheid"],
    ["buurthius", "buurthuis"],
  ])("%s → %s", (typo, fixed) => {
    expect(suggestCorrection(typo, vocab)?.query).toBe(fixed);
  });

  it("leaves known words, stems of known words, stop words and the query syntax alone", () => {
    expect(suggestCorrection("vrijwilligers buurthuis", vocab)).toBeNull();
    expect(suggestCorrection("buurten", vocab)).toBeNull();
    expect(suggestCorrection('"de bijenkomst" -eenzaamhied', vocab)?.query).toBe('"de bijeenkomst" -eenzaamheid');
    expect(suggestCorrection("xyzzy", vocab)).toBeNull();
  });

  it("prefers the more frequent word and can consult the lexicon", () => {
    const v = createVocabulary([["wijk", 10], ["wijn", 1]]);
    expect(suggestCorrection("wijm", v)?.query).toBe("wijk");
    expect(suggestCorrection("wijm", v, { isKnown: (w) => dutchLexicon().has(w) })?.query ?? null).toBe(
      dutchLexicon().has("wijm") ? null : "wijk",
    );
    expect(editDistance("bewonres", "bewoners")).toBe(1);
    expect(editDistance("kat", "kast")).toBe(1);
  });
});

describe("words as people write them (decision 044)", () => {
  it.each([
    ["schimmel", "Er zit schimel op de muren."],
    ["vrijwilliger", "Een nieuwe vrijwiliger meldde zich."],
    ["subsidie", "De subsidy aanvraag is afgewezen."],
    ["subsidieaanvraag", "De subsidy aanvraag is afgewezen."],
    ["wijkbudget", "wy hebben het wykbudget gebruikt."],
    ["nijmegen", "Bij ons in Nymegen."],
    ["vrijwilligers", "We zoeken vrywilligers."],
  ])("%s finds the misspelling in %j", (q, doc) => {
    expect(search(q, doc)).toBe(true);
  });

  it.each([
    // A capitalised word, a name or an abbreviation is never corrected; neither is a word two
    // common words are equally close to, nor an English word in an English post.
    ["schimmel", "Meneer Schimel belde."],
    ["wonen", "The women of the street meet on Tuesdays and they cook together."],
    ["wonen", "De women-groep komt dinsdag."],
    ["partij", "We had a party with the residents and their children."],
  ])("%s does not find %j", (q, doc) => {
    expect(search(q, doc)).toBe(false);
  });

  it("stems an English post in English, and an English query too", () => {
    const doc = "We tried translating the flyers but nobody picked them up, and the volunteers stopped.";
    expect(search("translation", doc)).toBe(true);
    expect(search("volunteering", doc)).toBe(true);
    expect(search("pairing volunteers with newcomers", "Volunteers pair up with newcomers from the neighbourhood.")).toBe(true);
    // A Dutch post keeps Dutch analysis only: no English stem makes "werking" of "werken".
    expect(analyzeText("De vrijwilligers werken samen.").flatMap((p) => p.tokens)).not.toContain("vrijwillig");
  });

  it("gives a hyphenated query word the parts and synonyms of the joined word", () => {
    expect(search("ouderen-middag", "Onze seniorenmiddag loopt goed.")).toBe(true);
    expect(search("jeugd-werker", "De jongerenwerker kent ze allemaal.")).toBe(true);
    expect(search('"ouderen-middag"', "Onze seniorenmiddag loopt goed.")).toBe(false);
  });
});
