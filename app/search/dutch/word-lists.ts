// Closed word classes of Dutch grammar used by the analyser. These are grammar, not vocabulary:
// they do not grow with the forum's subject matter.

/** Function words left out of the index and the query (positions are kept, as Postgres does). */
export const STOPWORDS = new Set(
  (
    "de het een en of maar want dus dat die dit deze der des den van in op aan met voor door bij uit " +
    "over naar om tot te als dan er hier daar waar wie wat welk welke hoe ik je jij jou jouw hij zij ze " +
    "wij we jullie u uw hem haar hun hen mij me mijn ons onze zich zijn is was waren ben bent wordt " +
    "worden werd werden word heb hebt heeft hebben had hadden zal zult zullen zou zouden kan kunt kunnen " +
    "kon konden moet moeten wil wilt niet geen ook nog al wel toch nu zo men iets niets na onder tegen " +
    "zonder reeds eens ja nee omdat toen doch alles"
  ).split(" "),
);

/**
 * Separable-verb particles and prepositions (ANS §8.4): as a compound's first part they mark a
 * derivation from a particle verb (op+voeding ← opvoeden), not a compound of two nouns.
 */
export const PARTICLES = new Set(
  (
    "aan af achter achterna achterop achterover achteruit bij bijeen binnen boven buiten dicht door " +
    "heen in los mee mede na naar neer om omhoog omlaag omver onder op open over rond samen tegen " +
    "tegemoet terecht terug thuis toe tussen uit uiteen vast voor voorbij voort vooruit weer weg " +
    "van met tot zonder via per langs"
  ).split(" "),
);

/** Particles that do form transparent compounds: achtertuin, binnenstad, buitenwijk, bovenbuur. */
export const SPATIAL_MODIFIERS = new Set("achter binnen buiten boven tussen".split(" "));

/** Prepositions: as a detached particle they must stand at the end of their clause. */
export const PREPOSITIONS = new Set(
  (
    "aan achter bij binnen boven buiten door in langs met na naar naast om onder op over per rond " +
    "sinds te tegen tot tussen uit van vanaf vanuit via voor voorbij zonder"
  ).split(" "),
);

/** Inseparable prefixes (ANS §11.3): never a compound part of their own. */
export const INSEPARABLE_PREFIXES = ["be", "ge", "er", "her", "ont", "ver", "mis"];
export const INSEPARABLE_PREFIX_SET = new Set(INSEPARABLE_PREFIXES);

/**
 * Derivational suffixes that are also (rare) words: never the head of a compound
 * (eigen+aar, rijk+dom, gemeen+schap, leer+ling, haal+baar, vriende+lijk).
 */
export const SUFFIX_HOMOGRAPHS = new Set(
  (
    "aar aars aren aard aards dom doms nis nissen sel sels ling lingen lijk lijke lijker lijks heid heden " +
    "baar bare zaam zame schap schappen ster sters ier iers ist isten ing ingen erij erijen iek ieke " +
    "isch ische isme ismen aat aten tjes tje etje etjes pje pjes kje kjes ens eren elen ren len ten de te den end ende ender enden"
  ).split(" "),
);

/** Words after which an ambiguous noun/verb form is read as a noun: "de leden", "alle namen". */
export const DETERMINERS = new Set(
  (
    "de het een deze die dit dat onze ons mijn jouw je zijn haar hun uw alle al veel vele enkele " +
    "sommige meerdere weinig geen elke ieder iedere welke beide twee drie vier vijf zes zeven acht " +
    "negen tien honderd duizend andere nieuwe oude eigen"
  ).split(" "),
);

/** Words around which an ambiguous noun/verb form is read as a verb: "zij leden", "toen bond hij". */
export const SUBJECT_PRONOUNS = new Set("ik jij je hij zij ze wij we jullie u men er".split(" "));

/** Words that end a clause for separable-verb detection (coordinators and subordinators). */
export const CLAUSE_WORDS = new Set(
  (
    "en maar of want dus omdat doordat nadat voordat terwijl zodat wanneer als toen hoewel indien " +
    "tenzij zodra totdat opdat"
  ).split(" "),
);

/**
 * Nouns whose plural changes the stem (ANS §3.3.2: -eren plurals and vowel change). Closed: new
 * nouns take -en or -s, which the dictionary and the stemmer already handle.
 */
export const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ["kinderen", "kind"], ["eieren", "ei"], ["bladeren", "blad"], ["liederen", "lied"],
  ["goederen", "goed"], ["volkeren", "volk"], ["kalveren", "kalf"], ["lammeren", "lam"],
  ["runderen", "rund"], ["raderen", "rad"], ["hoenderen", "hoen"], ["beenderen", "been"],
  ["gemoederen", "gemoed"], ["gelederen", "gelid"], ["spaanderen", "spaander"],
  ["steden", "stad"], ["schepen", "schip"], ["leden", "lid"], ["smeden", "smid"],
  ["koeien", "koe"], ["vlooien", "vlo"], ["kleren", "kleed"], ["lieden", "man"],
]);

/**
 * Diminutives with a meaning of their own (lexicalised: ANS §3.9.3), which the dictionary
 * derives from their base like any other (maatje ← maat, as huisje ← huis): a maatje is a buddy,
 * not a small size; an uitje an outing, not a small onion; a potje a fund; a toetje a dessert.
 * They keep their own lemma, never their base's. A closed list, as the other tables here: the
 * data has no flag that tells these apart from ordinary diminutives (decision 044, 049).
 */
export const LEXICALISED_DIMINUTIVES = new Set("maatje uitje potje toetje tientje kwartje dubbeltje meisje".split(" "));
