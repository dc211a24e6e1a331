// The guard's own Dutch vocabulary: the words around personal data that say what it is (a title
// before a surname, a street's suffix, "geboren op"), and the words that say it is not (an
// organisation, a venue, a public office, an idiom, a method named after its author). Lowercase;
// the detectors compare lowercase tokens. The name and town lists come from open sources
// (data/lists-nl.txt); these are ours.

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Before a surname or first name: the span starts here ("mevrouw Jansen" → "bewoner A"). */
export const HONORIFICS = set(`
  mevrouw mevr mw mevrouwtje meneer mijnheer mnr dhr heer juffrouw mejuffrouw wed weduwe
`);

/** "familie X" / "fam. X": a household; replaced by "familie A". */
export const FAMILY_WORDS = set(`familie fam gezin`);

/** A relation or role before a first name ties the name to a described person ("buurman Kees"). */
export const RELATIONS = set(`
  buurman buurvrouw buren buurjongen buurmeisje buurkind buurtgenoot buurtbewoner bewoner bewoonster
  opa oma opi omi vader moeder pa ma papa mama zoon zoontje dochter dochtertje broer broertje zus zusje
  zuster oom tante ome neef nicht kleinzoon kleindochter schoonzoon schoondochter schoonmoeder schoonvader
  stiefvader stiefmoeder stiefzoon stiefdochter man vrouw echtgenoot echtgenote partner vriend vriendin ex
  cliënt client cliënte deelnemer deelneemster vrijwilliger vrijwilligster mantelzorger huurder huurster
  eigenaar eigenares klant leerling jongen meisje jongere kind baby peuter tiener puber student studente
  stagiair stagiaire collega juf meester pastor dominee imam pater zuster verpleegkundige huisgenoot
  kamergenoot buurtvader buurtmoeder penningmeester voorzitter secretaris
`);

/** Public office: "wethouder Jansen", "burgemeester Dijksma" speak of an office, not a resident. */
export const OFFICES = set(`
  burgemeester wethouder minister staatssecretaris premier gedeputeerde commissaris kamerlid raadslid
  gemeenteraadslid statenlid ombudsman ombudsvrouw koning koningin prins prinses kroonprinses gouverneur
  president senator europarlementariër dijkgraaf loco-burgemeester
`);

/** Words that end a name-looking stretch in an organisation ("Verwey-Jonker Instituut"). */
export const ORGANISATION_TAILS = set(`
  instituut stichting fonds foundation huis ziekenhuis centrum college school basisschool academie
  museum kliniek court hogeschool universiteit groep bv b.v nv vof zorg welzijn kinderopvang lyceum
  gymnasium mavo havo vwo theater bibliotheek kerk moskee prijs lezing leerstoel zaal hal park
  bos polikliniek apotheek praktijk vereniging genootschap gemeenschap bank orkest koor trust fund
  society award zorggroep kindcentrum ikc mc umc medisch kinderziekenhuis hospice herberg hotel
  café cafe restaurant bakkerij supermarkt winkel markt dienst diensten partners advies consultancy
  instituten hofje stadion arena arena's
`);

/** Words before an organisation or venue's name ("Stichting Jan de Wit", "buurthuis De Linde"). */
export const ORGANISATION_HEADS = set(`
  stichting vereniging fonds coöperatie cooperatie huize zorgcentrum woonzorgcentrum verpleeghuis
  verzorgingshuis buurthuis wijkcentrum buurtcentrum wijkgebouw clubhuis dorpshuis kindcentrum basisschool
  school obs cbs ikc sportvereniging voetbalvereniging vv sv café cafe restaurant bakkerij kapsalon
  apotheek huisartsenpraktijk praktijk tandartspraktijk moskee kerk zorgboerderij theater museum
  bibliotheek ziekenhuis kliniek hospice stadsdeel gemeente provincie woningcorporatie corporatie
  bureau adviesbureau trainingsbureau organisatie bedrijf firma winkel supermarkt hogeschool universiteit
  college lyceum speeltuin speeltuinvereniging buurtvereniging bewonersvereniging huurdersvereniging
  bewonerscommissie huurderscommissie platform netwerk project programma campagne festival stadion
  zalencentrum sporthal zwembad camping
`);

/** Where a meeting, a service or an organisation is: its address is public ("buurthuis De Linde, Lindelaan 2"). */
export const VENUES = set(`
  buurthuis wijkcentrum buurtcentrum wijkgebouw dorpshuis clubhuis gemeentehuis stadhuis raadhuis
  stadskantoor gemeentekantoor servicepunt wijkpunt bibliotheek school basisschool kerk moskee synagoge
  tempel sporthal zwembad gym ziekenhuis huisartsenpost gezondheidscentrum apotheek politiebureau
  kantoor hoofdkantoor vestiging locatie zaal restaurant café cafe bakkerij winkel supermarkt theater
  museum kinderboerderij speeltuin stadion hotel station bijeenkomst training kenniskring vergadering
  cursus workshop lezing open dag inloop inloopochtend spreekuur markt wijkteam voedselbank
  kringloopwinkel repair cafe kledingbank stichting vereniging organisatie gemeente corporatie
  woningcorporatie postbus bezoekadres postadres hoofdingang ingang
`);

/** Words that say the address is where someone lives (then a venue word nearby does not save it). */
export const RESIDENCE_CUES = set(`
  woont wonen woonde woonden woonachtig verhuisd verhuist verhuizen bewoont huis huisje flat flatje
  appartement woning thuis voordeur slaapkamer
`);

/** Street-name endings (Kerkstraat, Lindelaan, Oudegracht): with a house number, an address. */
export const STREET_SUFFIXES = [
  "straat", "straatje", "laan", "weg", "plein", "pleintje", "gracht", "kade", "singel", "dijk", "dreef",
  "hof", "park", "plantsoen", "pad", "steeg", "steegje", "markt", "wal", "baan", "ring", "erf", "hoven",
  "boulevard", "allee", "burgwal", "haven", "dam", "veld", "velden", "zijde", "kwartier", "oord",
  "poort", "brink", "lei", "dwarsstraat", "straatweg", "rijweg", "voetpad", "promenade", "hage",
  "gaarde", "stede", "akker", "akkers", "weide", "hoek", "hout", "heuvel", "berg", "plaats", "hof",
];

/** Street endings that end many surnames too (Hofstede, Groeneveld, Kouwenhoven, Zandberg): a
 *  street only with a house number after it. */
export const WEAK_STREET_SUFFIXES = [
  "hof", "park", "pad", "markt", "wal", "baan", "ring", "erf", "hoven", "haven", "dam", "veld", "velden", "zijde",
  "kwartier", "oord", "poort", "brink", "lei", "hage", "gaarde", "stede", "akker", "akkers", "weide", "hoek",
  "hout", "heuvel", "berg", "plaats", "dijk", "burgwal",
];

/** Street endings that are also ordinary compounds (parkeerplaats, speelveld, fietspad): streets
 *  only with a capital. The rest are streets also when typed in lowercase ("esdoornstraat 3"). */
export const LOWERCASE_STREET_SUFFIXES = ["straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg", "straatweg", "dwarsstraat"];

/** Whole street names without one of those endings (Laan van Meerdervoort is caught as "Laan van"). */
export const STREET_WORDS = set(`laan plein spui kade singel dreef boulevard hof markt dijk weg`);

/** Words before a street name that belong to it ("Burgemeester Hogguerstraat", "Eerste Jacob van Campenstraat"). */
export const STREET_PREFIXES = set(`
  burgemeester burg dr prof mr ir ds pastoor pater kardinaal koning koningin prins prinses graaf
  gravin generaal admiraal kapitein sint st oude oud nieuwe nieuw korte kort lange lang grote groot
  kleine klein hoge hoog lage laag eerste tweede derde vierde vijfde 1e 2e 3e 4e 5e noord zuid oost
  west noorder zuider ooster wester binnen buiten achter voor boven beneden
`);

/** Tussenvoegsels and surname particles ("de", "van der", "El", "Ait"). */
export const PARTICLES = set(`
  van de der den ter ten te het 't t in op onder uit bij el al ben ait abou ibn von le la da di dos du del della
`);

/** A first name in a fixed phrase is nobody: idioms, figures of speech, fictional and stock figures. */
export const IDIOMS = [
  "jan en alleman", "jan modaal", "jan met de pet", "jan publiek", "jan rap en zijn maat", "jan rap en z'n maat",
  "jan lul", "jan doedel", "jan boezeroen", "jan salie", "jan splinter", "jan klaassen", "jan klaassen en katrijn",
  "jantje lacht", "jantje huilt", "jantje beton", "jantje van leiden", "jantje-van-leiden", "jan zonder land",
  "klaas vaak", "sinterklaas", "sint-nicolaas", "zwarte piet", "piet snot", "pietje precies", "pietje bell",
  "jip en janneke", "hans en grietje", "truus de mier", "jut en jul", "joost mag het weten", "tante betje",
  "ome jan", "jan en piet", "peter pan", "peter pan-syndroom", "kareltje", "keesje", "de kat uit de boom", "janboel", "jan-en-alleman",
  "hollandse nieuwe", "sjaak afhaak", "tante pollewop", "meneer de uil", "dikkie dik", "nijntje",
  "pippi langkous", "bob de bouwer", "kees de jongen", "roodkapje", "assepoester", "doornroosje",
  "harry potter", "sherlock holmes", "donald duck", "mickey mouse", "sint maarten", "sint-maarten",
  "sint nicolaas", "de goede sint", "jan steen", "een jan steen-huishouden", "jan-steenhuishouden",
  "frau antje", "ome willem", "meneer pastoor", "sinterklaasfeest", "maria en jozef", "jozef en maria",
];

/** Methods, models and authors practitioners name (never a resident): matched as phrases. */
export const METHOD_PHRASES = [
  "roos van leary", "leary", "kernkwadrant van ofman", "kernkwadranten van ofman", "ofman", "piramide van maslow",
  "behoeftepiramide van maslow", "maslow", "cirkel van invloed", "covey", "model van quinn", "quinn-model",
  "quinnmodel", "kwadrantenmodel van quinn", "escalatieladder van glasl", "glasl", "leercyclus van kolb", "kolb",
  "kübler-ross", "kubler-ross", "gordonmethode", "methode gordon", "thomas gordon", "belbin", "belbinrollen",
  "de bono", "denkhoeden van de bono", "rogers", "carl rogers", "rosenberg", "marshall rosenberg", "satir",
  "virginia satir", "watzlawick", "bateson", "prochaska", "prochaska en diclemente", "diclemente", "hersey",
  "blanchard", "situationeel leidinggeven", "tuckman", "thomas-kilmann", "kilmann", "hofstede", "lewin",
  "kotter", "schein", "senge", "argyris", "bandura", "vygotsky", "piaget", "freud", "jung", "erikson",
  "bronfenbrenner", "maslow's", "sinek", "simon sinek", "golden circle", "brené brown", "brene brown",
  "daniel ofman", "stephen covey", "kessels", "kessels & smit", "kessels en smit", "deming", "pdca",
  "abcd", "asset based community development", "eigen kracht", "eigen kracht-conferentie",
  "eigenkrachtconferentie", "positieve gezondheid", "machteld huber", "huber", "welzijn op recept",
  "buurtcirkel", "housing first", "signs of safety", "triple p", "krachtwerk", "presentiebenadering",
  "andries baart", "baart", "motiverende gespreksvoering", "oplossingsgericht werken", "de kanteling",
  "wijkleerbedrijf", "buurtkracht", "community building", "appreciative inquiry", "theory u", "scharmer",
  "otto scharmer", "deep democracy", "myrna lewis", "lewis", "sociocratie", "holacracy", "ubuntu",
  "mensenkracht", "dialoogtafel", "krachtgericht werken", "systemisch werken", "hellinger", "bert hellinger",
  "de meerpartijdigheid", "nagy", "boszormenyi-nagy", "contextuele benadering", "alinsky", "saul alinsky",
  "paulo freire", "freire", "jane jacobs", "eyes on the street", "jip-en-janneketaal", "jip en janneke-taal",
];

/** Generic local parts of an organisation's mailbox (info@, wijkteam@): not a person's address. */
export const ROLE_MAILBOXES = set(`
  info contact secretariaat secretaris servicepunt wijkteam receptie administratie post postbus noreply
  no-reply helpdesk klantenservice aanmelden aanmelding vragen team bestuur redactie algemeen office
  mail hallo hello welkom communicatie pers nieuws vrijwilligers vacatures subsidie subsidies
  gemeente buurthuis wijkcentrum planning kenniskring support service facturen financien financiën
  penningmeester voorzitter inloop reserveringen agenda buurtteam jeugdteam sociaalteam loket
`);

/** Words near a phone number or IBAN that make it an organisation's (a practice, a service, a foundation). */
export const ORGANISATION_CONTACT_CUES = set(`
  gemeente wijkteam buurtteam jeugdteam huisarts huisartsenpost huisartsenpraktijk praktijk
  luisterlijn loket politie ggd buurthuis wijkcentrum bibliotheek servicepunt steunpunt stichting
  vereniging fonds loket helpdesk informatielijn centrale kantoor balie receptie secretariaat corporatie
  woningcorporatie voedselbank kringloop kerk moskee school zorgcentrum ziekenhuis apotheek klantenservice
  alzheimer mantelzorglijn sensoor korrelatie kindertelefoon advieslijn hulplijn meldpunt servicenummer
  infolijn dienst afdeling organisatie bureau bedrijf t.n.v tnv
`);

/** Words that say a date is someone's birth ("geboren op", "geb.", "geboortedatum"). */
export const BIRTH_CUES = set(`geboren geb geboortedatum geboortedata geboortedag geboortejaar dob jarig verjaardag`);

/** Nouns for one person, which an age, a health condition or an origin can single out. */
export const PERSON_NOUNS = set(`
  man vrouw meneer mevrouw heer jongen meisje jongeman kind baby peuter kleuter tiener puber jongere
  buurman buurvrouw buurjongen buurmeisje bewoner bewoonster weduwe weduwnaar vader moeder opa oma
  zoon dochter broer zus oom tante neef nicht cliënt client cliënte deelnemer deelneemster vrijwilliger
  vrijwilligster mantelzorger huurder huurster eigenaar leerling student studente dame knul
  alleenstaande gepensioneerde bejaarde oudere vriend vriendin partner echtgenoot echtgenote ex
`);

/** Before a group noun these make a statement about many ("veel ouderen", "alle bewoners"). */
export const GROUP_WORDS = set(`
  mensen ouderen bewoners jongeren kinderen vrouwen mannen gezinnen families groepen buurtbewoners
  cliënten clienten deelnemers vrijwilligers moeders vaders ouders leerlingen studenten huurders
  inwoners wijkbewoners senioren jongens meiden meisjes personen bejaarden dames heren statushouders
  nieuwkomers buren mantelzorgers patiënten patienten gelovigen moslims christenen joden hindoes
  veel sommige alle meeste enkele diverse verschillende meerdere weinig steeds groepje groep
  doelgroep doelgroepen iedereen niemand wie die welke hoeveel
`);

/** Singular pronouns that carry a named person into the next sentence. */
export const PERSON_PRONOUNS = set(`hij zij ze haar zijn hem zijzelf hijzelf diens`);

/** Words that single one person out ("de enige", "als laatste", "van nummer 7", "op de hoek"). */
export const SINGLING_OUT = set(`enige enigste laatste oudste jongste eerste overkant hoek naast tegenover boven onder nummer nr huisnummer portiek galerij`);

/** Health (AVG art. 9): the start of a word ("dement" → dementie, demente); "=word": that word only. */
export const HEALTH_STEMS = [
  "dement", "alzheimer", "parkinson", "kanker", "tumor", "chemo", "depressi", "psychose", "psychotisch",
  "schizofre", "bipolair", "manisch", "borderline", "autis", "=adhd", "=add", "verslaafd", "verslaving",
  "alcoholist", "diabet", "suikerziek", "slechthorend", "=doof", "=dove", "blind", "slechtziend", "rolstoel",
  "rollator", "zwanger", "hiv", "=aids", "beroerte", "hersenbloeding", "hartaanval", "hartpatiënt",
  "hartfalen", "=copd", "longziekte", "epilep", "verstandelijk", "=lvb", "=nah", "hersenletsel", "=ptss",
  "trauma", "angststoornis", "paniekaanval", "suïcid", "suicid", "zelfmoord", "eetstoornis", "anorexia",
  "boulimi", "dyslex", "downsyndroom", "syndroom van down", "multiple sclerose", "=ms", "=ggz", "psychiatr",
  "psychisch", "dialyse", "terminaal", "terminale", "ongeneeslijk", "gehandicapt", "invalide", "beperking",
  "handicap", "=ziek", "=zieke", "=ziekte", "geheugenproblemen", "vergeetachtig", "incontinent", "hoortoestel",
  "burn-out", "burnout", "overspannen", "hepatitis", "antidepressiva", "methadon", "=ocd", "dwangstoornis",
  "alcoholprobleem", "drankprobleem", "drugsprobleem", "stoornis", "hersenschudding", "reuma", "astma",
  "slechtlopend", "bedlegerig", "gips",
];

/** Origin (ethnicity): the start of nouns and adjectives for people (not the country: a trip to
 *  Marokko says nothing of anyone's origin). */
export const ORIGIN_STEMS = [
  "marokkaan", "turks", "=turk", "surinaam", "surinamer", "antilliaan", "antilliaans", "arubaan", "curaçaos",
  "curacaos", "kaapverdiaan", "kaapverdisch", "somalisch", "somaliër", "syrisch", "syriër", "eritreeër",
  "eritrees", "eritrese", "afghaan", "afghaans", "iraaks", "irakees", "iraans", "iraniër", "koerd", "pools",
  "poolse", "roemeen", "bulgaar", "=roma", "=sinti", "ghanees", "ghanese", "nigeriaan", "hindoestan", "javaan",
  "moluks", "chinees", "chinese", "vietname", "indonesisch", "indisch", "allochto", "migratieachtergrond",
  "vluchteling", "asielzoeker", "statushouder", "donkere huidskleur", "getint", "afrikaan", "oekraïens",
  "oekraïner", "oekraiens", "russisch", "russin", "berber", "amazigh", "riffijn", "egyptisch", "egyptenaar",
  "ethiopisch", "ethiopiër", "soedanees", "soedanese", "jemeniet", "jemenitisch", "libanees", "libanese",
  "pakistaan", "tunesisch", "tunesiër", "algerijn",
];

/** Religion and belief. */
export const RELIGION_STEMS = [
  "moslim", "islam", "christen", "katholiek", "rooms", "protestant", "gereformeerd", "hervormd",
  "evangelisch", "pinkstergemeente", "joods", "=jood", "=joodse", "hindoe", "boeddhist", "=sikh", "jehova",
  "atheïst", "atheist", "salafist", "orthodox", "bekeerd", "bekeerling", "ramadan", "hoofddoek", "gelovig",
  "kerkelijk", "vrijgemaakt", "bevindelijk", "alevitisch", "alevi", "sjiit", "soenniet", "soennitisch", "koptisch",
  "moskeebestuur", "kerkbestuur", "kerkenraad", "ouderling", "diaken",
];

/** Words after a special-category word that make it a noun phrase about a place or a thing
 *  ("Turkse bakker", "katholieke school", "Marokkaanse keuken"): not said of a person. */
export const NOT_A_PERSON_AFTER = set(`
  bakker winkel supermarkt slager keuken eten restaurant school basisschool kerk moskee vereniging
  stichting gemeenschap cultuur taal les lessen les koffie thee hapjes gerechten markt feest feestdag
  vakantie kalender kerstmarkt zender tv kanaal krant muziek organisatie achtergrond vrijwilligers
  zorg zorgverlener instelling afdeling kliniek huis woongroep dagbesteding praktijk team voorziening
  hulpverlening hulp begeleiding vlek vlekken toegang toegankelijk ingang
`);

/** Sentence-initial words that are ordinary Dutch although a name list has them ("Wil je…", "Ben ik…"). */
export const ORDINARY_AT_SENTENCE_START = set(`
  wil ben door ken elke per erin lieve lot toon maan storm winter lente zomer herfst helder junior can
  free line art may june august hope will grace joy faith summer sky mag leen han an kick fee jet pip
  pol kas len sep lies flip ode mare dies boet bes ster dan eens nou toch zo nu wel maar want dus
  bo mo gay bill rover prince sultan marine roman hoop china lux
`);

/** Closing words before a signature ("Groet, Ruud"): what follows is the writer's name. */
export const CLOSINGS = [
  "groet", "groeten", "groetjes", "gr", "grt", "mvg", "met vriendelijke groet", "met vriendelijke groeten",
  "vriendelijke groet", "hartelijke groet", "hartelijke groeten", "warme groet", "liefs", "dank",
  "bedankt", "alvast bedankt", "dank je", "dankjewel", "cheers", "tot dan", "tot snel", "succes",
];

/** Greeting words: "Hoi Karin," addresses a fellow member, whose name is on the thread already. */
export const GREETINGS = set(`hoi hallo hai hey hee hi dag beste lieve goedemorgen goedemiddag goedenavond hoy`);

/** Units and abbreviations that look like a postcode's letters ("2000 KM", "500 MB"). */
export const NOT_POSTCODE_LETTERS = set(`KM MB GB KB TB CM MM KG PK EU NL UK US VS BV NV AM PM CO HZ KW MW GW AD VC BC ML CL DL HA SS SA SD`);

/** Months, for dates written out. */
export const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, febr: 2, maart: 3, mrt: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS = set(`
  dhr mevr mw mr dr drs ir ing prof bijv bv nr no tel ca st jl enz etc evt geb fam wed vz resp incl excl
  min max blz pag ha jr sr vs mnr mej burg ds mgr zgn zg ong afd tav ivm mbt iom ipv
`);

/** Towns whose names are several words (the open lists hold single words): never a person. */
export const MULTIWORD_PLACES = [
  "den haag", "den bosch", "'s-hertogenbosch", "'s-gravenhage", "den helder", "den dolder", "den ham",
  "den burg", "bergen op zoom", "alphen aan den rijn", "capelle aan den ijssel", "krimpen aan den ijssel",
  "nieuwerkerk aan den ijssel", "ouderkerk aan de amstel", "wijk bij duurstede", "wijk aan zee",
  "egmond aan zee", "bergen aan zee", "noordwijk aan zee", "katwijk aan zee", "alphen aan de maas",
  "berg en dal", "de bilt", "de meern", "de lier", "de rijp", "de wijk", "de koog", "de cocksdorp",
  "ter apel", "ter aar", "ten boer", "ten post", "van ewijcksluis", "hoek van holland", "oud-beijerland",
  "nieuw-vennep", "sint-michielsgestel", "sint-oedenrode", "sint anthonis", "sint maarten", "sint jansteen",
  "het bildt", "de wolden", "de ronde venen", "de fryske marren", "stede broec", "hollands kroon",
  "rijswijk", "rotterdam-zuid", "amsterdam-noord", "amsterdam zuidoost", "nieuw-west", "den hoorn",
];

/** After a capitalised word, verbs only people do: "Petronella belde", "Willemijn vertelde". */
export const PERSON_VERBS_AFTER = set(`
  vertelde vertelt zei zegt belde belt appte appt mailde mailt vroeg vraagt huilde huilt lachte lacht
  woont woonde klaagt klaagde schreeuwde schreeuwt durft durfde voelt voelde wilde kookt kookte
  stuurde stuurt liet weigerde weigert snapt snapte schaamt schaamde twijfelt twijfelde
`);

/** Before a capitalised word, verbs one does to or with a person: "belde Petronella", "hielp Dewi". */
export const PERSON_VERBS_BEFORE = set(`
  belde bel bellen sprak spreek spreken vroeg hielp help helpen bezocht bezoek ontmoette appte app
  mailde feliciteerde troostte steunde begeleid begeleidde begeleiden adviseerde heet heette genaamd
`);

/** Words that are never a name, whatever a name list says. */
export const NEVER_NAMES = set(`
  ik jij je hij zij ze wij we jullie u het de een die dat deze dit er hier daar wie wat waar hoe
  maar want dus toen als of en ook nog wel niet geen al dan nu zo
`);
