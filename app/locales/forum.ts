// Issue 22's later parts (home2): meeting rules, deleting one's own dilemma, sorting the list,
// the composer. Dutch first (B1), English second; the same keys in both. Wording follows
// docs/glossary.md.
export const nl = {
  toolbar: {
    label: "Opmaak",
    bold: "Vet",
    italic: "Schuin",
    link: "Link",
    list: "Lijst",
    quote: "Citaat",
    example: { bold: "vette tekst", italic: "schuine tekst", link: "tekst van de link", list: "punt", quote: "citaat" },
  },
  draft: {
    restored: "Je concept is teruggezet. Het staat alleen op dit apparaat.",
    discard: "Verwijder concept",
  },
  quote: {
    link: "Citeer",
    linkLabel: "de reactie van {{name}}",
    wrote: "{{name}} schreef",
    added: "Het citaat staat in je reactie.",
    failed: "Het citaat kon niet worden geladen. Probeer het opnieuw.",
  },
  dilemmaDelete: {
    delete: "Verwijder",
    what: "je dilemma",
    confirmKeeps:
      "Weet je het zeker? Je tekst verdwijnt, ook eerdere versies. Anderen hebben al gereageerd: de titel en hun reacties blijven staan, zodat hun reacties te volgen blijven. Staat er in de titel iets wat weg moet? Pas dan eerst de titel aan.",
    confirmGone: "Weet je het zeker? Niemand anders heeft gereageerd. Je dilemma verdwijnt helemaal, met je eigen reacties erbij.",
    editTitleFirst: "Pas eerst de titel aan",
    submit: "Ja, verwijder mijn dilemma",
    tombstone: "De vraagsteller heeft dit dilemma verwijderd. De reacties van anderen blijven hieronder staan.",
    listMark: "Verwijderd door de vraagsteller",
  },
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
  toolbar: {
    label: "Formatting",
    bold: "Bold",
    italic: "Italic",
    link: "Link",
    list: "List",
    quote: "Quote",
    example: { bold: "bold text", italic: "italic text", link: "link text", list: "item", quote: "quote" },
  },
  draft: {
    restored: "Your draft has been put back. It is kept on this device only.",
    discard: "Delete draft",
  },
  quote: {
    link: "Quote",
    linkLabel: "the reply by {{name}}",
    wrote: "{{name}} wrote",
    added: "The quote is in your reply.",
    failed: "The quote could not be loaded. Please try again.",
  },
  dilemmaDelete: {
    delete: "Delete",
    what: "your dilemma",
    confirmKeeps:
      "Are you sure? Your text disappears, earlier versions too. Others have replied: the title and their replies stay, so their replies still make sense. Does the title say something that must go? Change the title first.",
    confirmGone: "Are you sure? Nobody else has replied. Your dilemma disappears completely, with your own replies.",
    editTitleFirst: "Change the title first",
    submit: "Yes, delete my dilemma",
    tombstone: "The asker has deleted this dilemma. The others' replies stay below.",
    listMark: "Deleted by the asker",
  },
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
