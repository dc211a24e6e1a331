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
import type { Messages } from "./nl";

// English is the second language. Same keys as nl.ts; TypeScript refuses a missing one.
const en: Messages = {
  app: {
    name: "Kenniskring",
    tagline: "Dilemmas and knowledge of neighbourhood practitioners",
  },
  nav: {
    skipToContent: "Skip to content",
    main: "Main menu",
    home: "Home",
    dilemmas: "Dilemmas",
    meetings: "Meetings",
    competences: "Competences",
    search: "Search",
    login: "Log in",
    signup: "Create account",
    account: "My account",
    logout: "Log out",
    footer: "About this site",
    privacy: "Privacy",
    accessibility: "Accessibility",
    language: "Language",
    languageChange: "Change language",
    menu: "Menu",
  },
  home: {
    title: "Welcome to the Kenniskring",
    welcomeBack: "Welcome, {{name}}",
    intro: "Neighbourhood professionals share their dilemmas here and think along with each other.",
    memberIntro: "This is what is new since your last visit.",
    newForYou: "New for you",
    nothingNew: "Nothing new since your last visit.",
    newest: "Newest dilemmas",
    unanswered: "No replies yet",
    allUnanswered: "All dilemmas without replies",
    inYourCompetences: "In your competences",
    allInYourCompetences: "All dilemmas in your competences",
    yourCompetences: "Your competences",
    noCompetences: "You have not chosen any competences yet.",
    chooseCompetences: "Choose them in your profile",
    nextMeeting: "Next meeting",
    startsAt: "from {{time}}",
    agendaOpen: "The agenda is open: propose a dilemma",
    noNextMeeting: "No new meeting has been planned yet.",
    allMeetings: "All meetings",
    latestReport: "Latest report",
    heldOn: "Held on {{date}}",
    noDilemmas: "There are no dilemmas yet.",
    readReport: "Read the report",
  },
  member: {
    former: "former member",
  },
  signup: {
    title: "Create account",
    intro: "With an account you can share dilemmas and reply. It is free.",
    displayName: "Your name",
    displayNameHint: "Other members see this name with your posts.",
    email: "Email address",
    emailHint: "Only for logging in. Other members do not see your email address.",
    password: "Password",
    passwordHint: "At least 10 characters. A sentence of a few words is easy to remember.",
    organisation: "Organisation (optional)",
    consent: "I have read and agree to the <privacyLink>privacy statement</privacyLink>.",
    submit: "Create account",
    haveAccount: "Already have an account? <loginLink>Log in</loginLink>.",
  },
  login: {
    title: "Log in",
    email: "Email address",
    password: "Password",
    submit: "Log in",
    noAccount: "No account yet? <signupLink>Create one</signupLink>.",
    loggedOut: "You have logged out.",
    loggedOutEverywhere: "You have logged out on all devices.",
  },
  account: {
    title: "My account",
    signedInAs: "You are logged in as {{name}}.",
    email: "Email address",
    organisation: "Organisation",
    role: "Role",
    roles: { member: "Member", organiser: "Organiser", admin: "Administrator" },
    sessions_one: "You are logged in on {{count, number}} device.",
    sessions_other: "You are logged in on {{count, number}} devices.",
    logout: "Log out",
    logoutEverywhere: "Log out everywhere",
    logoutEverywhereHint: "Log out on all devices, this one too. Useful if you lost a device.",
    welcome: "Welcome! Your account is ready.",
  },
  errors: {
    prefix: "Error:",
    attention: "Please note:",
    required: "Please fill in this field.",
    tooLong: "This is too long (at most {{max}} characters).",
    displayNameTooShort: "Your name needs at least 2 characters.",
    emailInvalid: "This is not a valid email address. For example: name@organisation.org",
    emailTaken:
      "There is already an account with this email address. <loginLink>Log in</loginLink> if it is yours.",
    passwordTooShort: "Your password needs at least 10 characters.",
    passwordTooLong: "Your password can have at most 200 characters.",
    consentRequired: "You can only create an account if you agree to the privacy statement.",
    wrongCredentials: "The email address or the password is not right.",
    rateLimited: "Too many attempts. Please try again in {{minutes}} minutes.",
    badOrigin: "This form did not come from this site. Reload the page and try again.",
    formSummary_one: "There is {{count, number}} problem in the form.",
    formSummary_other: "There are {{count, number}} problems in the form.",
    pageTitle: "Something went wrong",
    notFoundTitle: "Page not found",
    notFound: "This page does not exist (any more). Perhaps the link is out of date.",
    forbiddenTitle: "No access",
    forbidden: "You are not allowed to do this.",
    tooManyTitle: "Please wait",
    unavailableTitle: "Temporarily unavailable",
    unavailable: "The Kenniskring is not available right now. Please try again in a few minutes.",
    unexpected: "Something went wrong on our side. Please try again later.",
    requestTitle: "That did not work",
    request: "We could not handle this request. Perhaps the page was out of date. Go back, reload the page and try again.",
    backHome: "Back to the home page",
  },
  accessibility: {
    title: "Accessibility statement",
    intro:
      "We want everyone to be able to use the Kenniskring, also with a screen reader, with only a keyboard, with magnification or on a small phone.",
    sections: [
      {
        heading: "Our standard",
        paragraphs: [
          "We build the site to the Web Content Accessibility Guidelines (WCAG) 2.2, level AA. Every page also works without JavaScript.",
        ],
      },
      {
        heading: "How we check it",
        paragraphs: [
          "With every change we test all pages automatically with axe in a real browser. We also check by hand: keyboard use, visible focus, and the layout on a screen 320 pixels wide.",
        ],
      },
      {
        heading: "What is not right yet",
        paragraphs: [
          "Members' posts can contain images without a good description. We ask members to describe every image.",
        ],
      },
      {
        heading: "Having trouble?",
        paragraphs: [
          "Let the organisers of the knowledge circle know. Tell us on which page it was and what went wrong. We answer within two weeks.",
        ],
      },
    ],
  },
  language: {
    nl: "Nederlands",
    en: "English",
  },
  dilemmas: dilemmas.en,
  replies: replies.en,
  live: live.en,
  competences: competences.en,
  members: members.en,
  privacyGuard: privacyGuard.en,
  avg: avg.en,
  directory: directory.en,
  accounts: accounts.en,
  circle: circle.en,
  moderation: moderation.en,
  holds: holds.en,
  attachments: attachments.en,
  meetings: meetings.en,
  search: search.en,
  edge: edge.en,
  notifications: notifications.en,
  inbound: inbound.en,
  status: status.en,
  forum: forum.en,
};

export default en;
