// Issue 22's later parts (home2): meeting rules, deleting one's own dilemma, sorting the list,
// the composer. Dutch first (B1), English second; the same keys in both. Wording follows
// docs/glossary.md.
export const nl = {
  sort: { label: "Sorteer", activity: "Laatste activiteit", newest: "Nieuwste", unanswered: "Zonder reactie" },
  markdown: {
    droppedLink:
      "Let op: de link ‘{{href}}’ is niet compleet en valt dan weg. Schrijf het hele adres, met https:// ervoor.",
  },
  meetings: {
    notHeldYet: "Deze bijeenkomst is nog niet geweest. Na de bijeenkomst kun je het verslag maken en publiceren.",
    reportDateInFuture: "Deze datum ligt in de toekomst. Een verslag kan pas na de bijeenkomst: kies vandaag of een eerdere dag.",
    convertLater: "Op {{date}} kun je hier het verslag van deze bijeenkomst maken.",
    publishLater: "Je kunt dit verslag publiceren vanaf {{date}}, de dag van de bijeenkomst.",
    raisedAndDiscussed: "Ingebracht én besproken op deze bijeenkomst",
    unlinkAs: { raised: "Ontkoppel als ingebracht", discussed: "Ontkoppel als besproken" },
  },
};

export const en: typeof nl = {
  sort: { label: "Sort", activity: "Latest activity", newest: "Newest", unanswered: "Without replies" },
  markdown: {
    droppedLink: "Please note: the link ‘{{href}}’ is not complete and would be left out. Write the full address, starting with https://.",
  },
  meetings: {
    notHeldYet: "This meeting has not taken place yet. After the meeting you can write and publish its report.",
    reportDateInFuture: "This date is in the future. A report can only be written after the meeting: choose today or an earlier day.",
    convertLater: "On {{date}} you can write this meeting's report here.",
    publishLater: "You can publish this report from {{date}}, the day of the meeting.",
    raisedAndDiscussed: "Raised and discussed at this meeting",
    unlinkAs: { raised: "Unlink as raised", discussed: "Unlink as discussed" },
  },
};
