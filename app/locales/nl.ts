import * as accounts from "./accounts";
import * as circle from "./circle";
import * as competences from "./competences";
import * as dilemmas from "./dilemmas";
import * as edge from "./edge";
import * as directory from "./directory";
import * as meetings from "./meetings";
import * as inbound from "./inbound";
import * as notifications from "./notifications";
import * as members from "./members";
import * as avg from "./avg";
import * as moderation from "./moderation";
import * as holds from "./holds";
import * as attachments from "./attachments";
import * as privacyGuard from "./privacy-guard";
import * as replies from "./replies";
import * as live from "./live";
import * as search from "./search";
import * as status from "./status";
import * as forum from "./forum";

// Dutch is the product's first language: plain B1 Dutch, short sentences, "je" not "u".
// Every key here must also exist in en.ts (TypeScript checks that).
const nl = {
  app: {
    name: "Kenniskring",
    tagline: "Dilemma's en kennis van wijkwerkers, sociaal makelaars en opbouwwerkers",
  },
  nav: {
    skipToContent: "Naar de inhoud",
    main: "Hoofdmenu",
    home: "Start",
    dilemmas: "Dilemma's",
    meetings: "Bijeenkomsten",
    competences: "Competenties",
    search: "Zoeken",
    login: "Inloggen",
    signup: "Account maken",
    account: "Mijn account",
    logout: "Uitloggen",
    footer: "Over deze site",
    privacy: "Privacy",
    accessibility: "Toegankelijkheid",
    language: "Taal",
    languageChange: "Wijzig taal",
    menu: "Menu",
  },
  home: {
    title: "Welkom bij de Kenniskring",
    welcomeBack: "Welkom, {{name}}",
    intro: "Professionals in de wijk delen hier hun dilemma's en denken met elkaar mee.",
    memberIntro: "Dit is er nieuw sinds je vorige bezoek.",
    newForYou: "Nieuw voor jou",
    nothingNew: "Niets nieuws sinds je vorige bezoek.",
    newest: "Nieuwste dilemma's",
    unanswered: "Nog zonder reactie",
    allUnanswered: "Alle dilemma's zonder reactie",
    inYourCompetences: "In jouw competenties",
    allInYourCompetences: "Alle dilemma's in jouw competenties",
    yourCompetences: "Jouw competenties",
    noCompetences: "Je hebt nog geen competenties gekozen.",
    chooseCompetences: "Kies ze in je profiel",
    nextMeeting: "Volgende bijeenkomst",
    startsAt: "vanaf {{time}}",
    agendaOpen: "De agenda is open: stel een dilemma voor",
    noNextMeeting: "Er is nog geen nieuwe bijeenkomst gepland.",
    allMeetings: "Alle bijeenkomsten",
    latestReport: "Laatste verslag",
    heldOn: "Gehouden op {{date}}",
    noDilemmas: "Er zijn nog geen dilemma's.",
    readReport: "Lees het verslag",
  },
  member: {
    former: "voormalig lid",
  },
  signup: {
    title: "Account maken",
    intro: "Met een account kun je dilemma's delen en reageren. Het is gratis.",
    displayName: "Je naam",
    displayNameHint: "Deze naam zien andere leden bij je berichten.",
    email: "E-mailadres",
    emailHint: "Alleen voor inloggen. Andere leden zien je e-mailadres niet.",
    password: "Wachtwoord",
    passwordHint: "Minstens 10 tekens. Een zin van een paar woorden is makkelijk te onthouden.",
    organisation: "Organisatie (mag leeg blijven)",
    consent: "Ik heb de <privacyLink>privacyverklaring</privacyLink> gelezen en ga ermee akkoord.",
    submit: "Account maken",
    haveAccount: "Heb je al een account? <loginLink>Log in</loginLink>.",
  },
  login: {
    title: "Inloggen",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Inloggen",
    noAccount: "Nog geen account? <signupLink>Maak er een</signupLink>.",
    loggedOut: "Je bent uitgelogd.",
    loggedOutEverywhere: "Je bent op alle apparaten uitgelogd.",
  },
  account: {
    title: "Mijn account",
    signedInAs: "Je bent ingelogd als {{name}}.",
    email: "E-mailadres",
    organisation: "Organisatie",
    role: "Rol",
    roles: { member: "Lid", organiser: "Organisator", admin: "Beheerder" },
    sessions_one: "Je bent nu op {{count, number}} apparaat ingelogd.",
    sessions_other: "Je bent nu op {{count, number}} apparaten ingelogd.",
    logout: "Uitloggen",
    logoutEverywhere: "Overal uitloggen",
    logoutEverywhereHint: "Log uit op alle apparaten, ook deze. Handig als je een apparaat kwijt bent.",
    welcome: "Welkom! Je account is klaar.",
  },
  errors: {
    prefix: "Fout:",
    // Before a message about the form as a whole: a thing to fix, not a failure of the site.
    attention: "Let op:",
    required: "Vul dit veld in.",
    tooLong: "Dit is te lang (hoogstens {{max}} tekens).",
    displayNameTooShort: "Je naam moet minstens 2 tekens hebben.",
    emailInvalid: "Dit is geen geldig e-mailadres. Bijvoorbeeld: naam@organisatie.nl",
    emailTaken:
      "Er is al een account met dit e-mailadres. <loginLink>Log in</loginLink> als het jouw adres is.",
    passwordTooShort: "Je wachtwoord moet minstens 10 tekens hebben.",
    passwordTooLong: "Je wachtwoord mag hoogstens 200 tekens hebben.",
    consentRequired: "Je kunt pas een account maken als je akkoord gaat met de privacyverklaring.",
    wrongCredentials: "Het e-mailadres of het wachtwoord klopt niet.",
    rateLimited: "Te veel pogingen. Probeer het over {{minutes}} minuten opnieuw.",
    badOrigin: "Dit formulier kwam niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
    formSummary_one: "Er is {{count, number}} probleem in het formulier.",
    formSummary_other: "Er zijn {{count, number}} problemen in het formulier.",
    pageTitle: "Er ging iets mis",
    notFoundTitle: "Pagina niet gevonden",
    notFound: "Deze pagina bestaat niet (meer). Misschien is de link verouderd.",
    forbiddenTitle: "Geen toegang",
    forbidden: "Je mag dit niet doen.",
    tooManyTitle: "Even geduld",
    unavailableTitle: "Even niet bereikbaar",
    unavailable: "De Kenniskring is even niet bereikbaar. Probeer het over een paar minuten opnieuw.",
    unexpected: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    // A request we refuse as it came (a changed or outdated form): not our failure, and no internals.
    requestTitle: "Dat lukte niet",
    request: "We konden dit verzoek niet verwerken. Misschien was de pagina verouderd. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
    backHome: "Terug naar de startpagina",
  },
  accessibility: {
    title: "Toegankelijkheidsverklaring",
    intro:
      "We willen dat iedereen de Kenniskring kan gebruiken, ook met een schermlezer, alleen met een toetsenbord, met vergroting of op een kleine telefoon.",
    sections: [
      {
        heading: "Onze norm",
        paragraphs: [
          "We bouwen de site volgens de Web Content Accessibility Guidelines (WCAG) 2.2, niveau AA. Elke pagina werkt ook zonder JavaScript.",
        ],
      },
      {
        heading: "Hoe we dat controleren",
        paragraphs: [
          "Bij elke wijziging testen we alle pagina's automatisch met axe in een echte browser. We controleren ook met de hand: bediening met het toetsenbord, zichtbare focus, en de weergave op een scherm van 320 pixels breed.",
        ],
      },
      {
        heading: "Wat nog niet goed is",
        paragraphs: [
          "Berichten van leden kunnen afbeeldingen zonder goede beschrijving bevatten. We vragen leden om bij elke afbeelding een beschrijving te zetten.",
        ],
      },
      {
        heading: "Loop je ergens tegenaan?",
        paragraphs: [
          "Laat het de organisatoren van de kenniskring weten. Zeg op welke pagina het was en wat er misging. We antwoorden binnen twee weken.",
        ],
      },
    ],
  },
  language: {
    nl: "Nederlands",
    en: "English",
  },
  // Feature catalogues live beside this file, one per domain noun.
  dilemmas: dilemmas.nl,
  replies: replies.nl,
  live: live.nl,
  competences: competences.nl,
  members: members.nl,
  privacyGuard: privacyGuard.nl,
  avg: avg.nl,
  directory: directory.nl,
  accounts: accounts.nl,
  circle: circle.nl,
  moderation: moderation.nl,
  holds: holds.nl,
  attachments: attachments.nl,
  meetings: meetings.nl,
  search: search.nl,
  edge: edge.nl,
  notifications: notifications.nl,
  inbound: inbound.nl,
  status: status.nl,
  forum: forum.nl,
};

export default nl;
export type Messages = typeof nl;
