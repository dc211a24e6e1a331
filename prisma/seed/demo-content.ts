// Demo content: the circle's meeting of 2 July 2009 ("Wijkontwikkeling vanuit eigen kracht"),
// its five dilemmas and the competences named there, retold in our own words from
// ../shared/seed-facts.md. Members are fictional ("(demo)" in their names) and have no login.

export type DemoCompetence = { slug: string; nameNl: string; nameEn: string; descriptionMd: string; synonyms: string[] };
export type DemoMember = {
  key: string;
  displayName: string;
  organisation: string;
  role: "member" | "organiser";
  /** Competence slugs the member names as their expertise (the member directory filters on them). */
  expertise: string[];
};
export type DemoReply = { author: string; body: string; replies?: DemoReply[]; accepted?: boolean };
export type DemoDilemma = { author: string; title: string; body: string; competences: string[]; replies: DemoReply[] };

export const competences: DemoCompetence[] = [
  {
    slug: "coachen-en-stimuleren",
    nameNl: "Coachen en stimuleren op maat",
    nameEn: "Coaching and stimulating to measure",
    descriptionMd: "Je sluit aan bij wat een bewoner wil en kan, en je moedigt precies zoveel aan als nodig is.",
    synonyms: ["coaching", "aanmoedigen", "begeleiden", "motiveren"],
  },
  {
    slug: "loslaten",
    nameNl: "Loslaten",
    nameEn: "Letting go",
    descriptionMd: "Op tijd een stap terug doen, zodat je als professional niet zelf de kar gaat trekken.",
    synonyms: ["terugtreden", "overdragen", "de kar trekken"],
  },
  {
    slug: "vertrouwen-in-bewoners",
    nameNl: "Vertrouwen in bewoners",
    nameEn: "Trusting residents",
    descriptionMd: "Je vertrouwt op wat bewoners kunnen en ziet hen als mede-makers van de wijk.",
    synonyms: ["coproductie", "zeggenschap", "bewonerskracht"],
  },
  {
    slug: "proactief-werken",
    nameNl: "Proactief werken (erop uit)",
    nameEn: "Working proactively (going out)",
    descriptionMd: "Je gaat de wijk in, weg van kantoor en systemen, naar de leefwereld van bewoners.",
    synonyms: ["outreachend", "erop af", "leefwereld", "straat op"],
  },
  {
    slug: "eigen-kracht-in-kaart",
    nameNl: "Eigen kracht in kaart brengen",
    nameEn: "Mapping residents' own strength",
    descriptionMd: "In een één-op-één gesprek ontdekken wat iemand kan en wil, in en met het eigen netwerk.",
    synonyms: ["talenten", "krachtgericht", "keukentafelgesprek", "netwerk"],
  },
  {
    slug: "verbindingen-buiten-de-wijk",
    nameNl: "Verbindingen leggen buiten de wijk",
    nameEn: "Connecting beyond the neighbourhood",
    descriptionMd: "Talent van bewoners verbinden met mensen en plekken buiten de eigen wijk.",
    synonyms: ["netwerken", "stad", "regio", "verbinden"],
  },
  {
    slug: "voorwaarden-scheppen",
    nameNl: "Voorwaarden scheppen",
    nameEn: "Creating the conditions",
    descriptionMd: "De professional maakt het mogelijk; bewoners doen het zelf.",
    synonyms: ["faciliteren", "randvoorwaarden", "ondersteunen"],
  },
  {
    slug: "capaciteitsgericht-werken",
    nameNl: "Capaciteitsgericht werken",
    nameEn: "Capacity-focused working",
    descriptionMd: "Een manier van kijken: je begint bij wat mensen kunnen, niet bij wat er mis is.",
    synonyms: ["asset based", "ABCD", "krachtgericht werken", "eigen kracht"],
  },
];

export const members: DemoMember[] = [
  { key: "organisator", displayName: "Organisator Kenniskring (demo)", organisation: "Alleato", role: "organiser",
    expertise: ["voorwaarden-scheppen", "capaciteitsgericht-werken"] },
  { key: "makelaar", displayName: "Sociaal makelaar (demo)", organisation: "Vrijwilligerswerk Demostad", role: "member",
    expertise: ["verbindingen-buiten-de-wijk", "coachen-en-stimuleren"] },
  { key: "opbouwwerker", displayName: "Opbouwwerker (demo)", organisation: "Buurtwerk Voorbeeldwijk", role: "member",
    expertise: ["vertrouwen-in-bewoners", "proactief-werken", "loslaten"] },
  { key: "wijkcoach", displayName: "Wijkcoach (demo)", organisation: "Wijkteam Noord (demo)", role: "member",
    expertise: ["eigen-kracht-in-kaart", "coachen-en-stimuleren"] },
  { key: "onderzoeker", displayName: "Onderzoeker (demo)", organisation: "Kennisinstituut (demo)", role: "member",
    expertise: ["capaciteitsgericht-werken"] },
];

export const meeting = {
  title: "Wijkontwikkeling vanuit eigen kracht",
  heldOn: "2009-07-02",
  hostOrganisation: "Alleato",
  contributors: [
    "Een sociaal makelaar van vrijwilligersorganisatie TijdvoorElkaar",
    "Een onderzoeker van het Verwey-Jonker Instituut",
    "De oprichter van trainingsbureau Nolitha, die een training voor Alleato ontwikkelt",
    "De adviseur wijkgericht werken van Alleato",
  ],
  summaryMd: [
    "Op 2 juli 2009 kwam de kenniskring bij elkaar over **wijkontwikkeling vanuit eigen kracht**. Er waren veel mensen.",
    "We wisselden kennis en ervaring uit over wijkgericht werken. De vraag was: hoe help je als professional bewoners om dingen te bereiken vanuit hun eigen kracht en motivatie?",
    "## Wat we vonden",
    "Niet de methode maakt het verschil, maar **de professional in de wijk**. Die is een coach die inspireert. Hij of zij begint bij de motivatie en de kracht van de bewoner, en steunt de stappen die de bewoner wil en kan zetten.",
    "Vroeger ging opbouwwerk vooral over de leefbaarheid van de wijk. Capaciteitsgericht werken kijkt naar de individuele bewoner. Dat klinkt eenvoudig, maar het vraagt veel van de professional.",
    "## Hoe verder",
    "Er start binnenkort in verschillende gemeenten een training *Werken vanuit eigen kracht* voor professionals die met bewoners in wijken werken.",
  ].join("\n\n"),
  takeaways: [
    "De professional, niet de methode, is de sleutel tot succes.",
    "Begin bij de motivatie en de kracht van de bewoner.",
    "Durven loslaten kan goede resultaten geven.",
    "Capaciteitsgericht werken is een manier van denken, geen trucje.",
  ],
};

export const dilemmas: DemoDilemma[] = [
  {
    author: "makelaar",
    title: "Hoe houd je de eerste inzet van bewoners vast?",
    competences: ["coachen-en-stimuleren", "loslaten"],
    body: [
      "**Situatie:** als ik bewoners vraag wat zij voor de buurt kunnen doen, worden ze vaak enthousiast. Maar na een paar weken zakt dat weer in.",
      "**Wat ik probeerde:** ik bleef mensen bellen en aanmoedigen. Toen merkte ik dat ik zelf de kar trok.",
      "**Mijn vraag:** hoe stimuleer je genoeg, maar laat je op tijd los? Waar ligt voor jullie de grens?",
    ].join("\n\n"),
    replies: [
      {
        author: "wijkcoach",
        body: "Herkenbaar. Ik spreek nu vooraf met bewoners af wanneer ik een stap terug doe. Dan weten ze het, en ik ook.",
        accepted: true,
        replies: [
          {
            author: "makelaar",
            body: "Goed idee om dat vooraf te zeggen. Doe je dat in één gesprek, of in stappen?",
            replies: [
              {
                author: "wijkcoach",
                body: "In stappen. Eerst samen, dan ben ik alleen nog bij het overleg, en daarna alleen als ze me bellen.",
              },
            ],
          },
        ],
      },
      {
        author: "opbouwwerker",
        body: "Kleine successen vieren helpt bij ons. Dan blijft de energie langer. En een vast contactpersoon uit de groep zelf.",
      },
    ],
  },
  {
    author: "opbouwwerker",
    title: "Wat doe je als een wijk zich de verkeerde kant op ontwikkelt?",
    competences: ["loslaten", "vertrouwen-in-bewoners", "capaciteitsgericht-werken"],
    body: [
      "**Situatie:** bewoners nemen het heft in handen. Mooi, maar hun plannen gaan een andere kant op dan wij als organisatie wilden.",
      "**Wat ik probeerde:** ik wilde bijsturen, zoals ik gewend ben bij projecten. Dat voelde niet goed.",
      "**Mijn vraag:** wij zijn gewend de regie te hebben. Werken vanuit eigen kracht vraagt een andere houding. Wanneer grijp je wél in?",
    ].join("\n\n"),
    replies: [
      {
        author: "onderzoeker",
        body: "Misschien eerst de vraag: verkeerd voor wie? Soms is het vooral anders dan het plan. Dat is iets anders dan schadelijk.",
      },
    ],
  },
  {
    author: "wijkcoach",
    title: "Hoe breng je in één gesprek in kaart wat een bewoner kan en wil?",
    competences: ["eigen-kracht-in-kaart", "proactief-werken"],
    body: [
      "**Situatie:** ik praat vaak één-op-één met bewoners, bijvoorbeeld aan de keukentafel.",
      "**Mijn vraag:** hoe ontdek je wat iemand zelf wil verbeteren, in en met het eigen netwerk? En daarna: wat kan hij of zij betekenen voor de buurt, en misschien ook daarbuiten? Welke vragen stellen jullie?",
    ].join("\n\n"),
    replies: [
      {
        author: "makelaar",
        body: "Ik vraag: waar word je blij van, en wie helpt jou weleens? Daar komt vaak meer uit dan uit een lijst met vragen.",
      },
    ],
  },
  {
    author: "onderzoeker",
    title: "Hoe voorkom je dat talent van bewoners blijft hangen in de eigen wijk?",
    competences: ["verbindingen-buiten-de-wijk", "voorwaarden-scheppen"],
    body: [
      "**Situatie:** veel projecten zijn alleen voor de eigen buurt. Bewoners met talent komen dan niet verder.",
      "**Mijn vraag:** de wijk is niet alles. Hoe zorg je dat een project ook verbindingen naar buiten legt, zodat talenten niet verloren gaan?",
    ].join("\n\n"),
    replies: [],
  },
  {
    author: "organisator",
    title: "Hoe krijg je werken vanuit eigen kracht in je vingers?",
    competences: ["capaciteitsgericht-werken", "coachen-en-stimuleren", "voorwaarden-scheppen"],
    body: [
      "**Situatie:** veel collega's zien het nut van werken vanuit de eigen kracht van bewoners. Maar in het dagelijks werk weten ze niet goed hoe ze het moeten doen.",
      "**Mijn vraag:** wat is er nodig om het echt in je vingers te krijgen? Training, intervisie, of iets anders?",
    ].join("\n\n"),
    replies: [
      {
        author: "opbouwwerker",
        body: "Voor mij werkte meelopen met een collega die het al deed. Daarna samen terugkijken: wat deed je, en waarom?",
      },
    ],
  },
];

/**
 * The next meeting, always a few weeks ahead of the day the demo is seeded, with its agenda
 * open: three open dilemmas proposed by demo members, and their votes. Times are Dutch time.
 */
export type DemoAgendaItem = { dilemma: string; proposedBy: string; votes: string[] };

export const upcomingMeeting = {
  title: "Eigen kracht in de praktijk: wat werkt er in jouw wijk?",
  weeksAhead: 4,
  startTime: "19:30",
  endTime: "21:30",
  place: "Buurthuis De Schakel (demo)",
  hostOrganisation: "Buurtwerk Voorbeeldwijk",
  agenda: [
    {
      dilemma: "Hoe voorkom je dat talent van bewoners blijft hangen in de eigen wijk?",
      proposedBy: "makelaar",
      votes: ["makelaar", "opbouwwerker", "wijkcoach"],
    },
    {
      dilemma: "Hoe breng je in één gesprek in kaart wat een bewoner kan en wil?",
      proposedBy: "wijkcoach",
      votes: ["wijkcoach", "onderzoeker"],
    },
    {
      dilemma: "Hoe krijg je werken vanuit eigen kracht in je vingers?",
      proposedBy: "opbouwwerker",
      votes: ["organisator"],
    },
  ] satisfies DemoAgendaItem[],
};
