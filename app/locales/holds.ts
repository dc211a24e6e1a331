// Messages of holds for new members (decision 037): a new member's first posts wait for an
// organiser's approval while anyone may join. Dutch first (B1), English second; same keys.
export const nl = {
  note: "Wacht op goedkeuring door een organisator",
  noteAuthor: "Andere leden zien dit nog niet. Omdat iedereen lid kan worden, kijkt een organisator eerst naar de eerste berichten van nieuwe leden. Je krijgt bericht als het geplaatst is.",
  noteStaff: "Een van de eerste berichten van een nieuw lid. Alleen de schrijver en organisatoren zien het.",
  toQueue: "Goedkeuren of afwijzen in de moderatie",
  queue: {
    badge: "Nieuw lid",
    waiting: "Dit is een van de eerste berichten van een nieuw lid. Het wacht op goedkeuring. Alleen de schrijver en organisatoren zien het.",
    approve: "Goedkeuren",
    approveLabel: "Keur {{post}} bij “{{title}}” goed",
    reject: "Niet goedkeuren",
    rejectLabel: "Keur {{post}} bij “{{title}}” niet goed",
    rejectReason: "Reden voor de schrijver",
    rejectReasonHint: "De schrijver krijgt deze reden per e-mail en ziet hem bij het bericht. Het bericht blijft verborgen.",
    done: {
      approved: "Goedgekeurd. Iedereen ziet het bericht nu. De schrijver en wie het volgt krijgen bericht.",
      rejected: "Niet goedgekeurd. Het bericht blijft verborgen. De schrijver krijgt je reden.",
    },
  },
  settings: {
    legend: "Eerste berichten van nieuwe leden",
    label: "Aantal eerste berichten dat een organisator eerst goedkeurt",
    hint: "Alleen als iedereen een account kan maken. Tot dat aantal berichten is goedgekeurd, ziet alleen de schrijver een nieuw bericht, en organisatoren. 0 betekent: niemand hoeft te wachten. Organisatoren en beheerders wachten nooit.",
    submit: "Aantal bewaren",
    saved_one: "Opgeslagen. Het eerste bericht van een nieuw lid wacht op goedkeuring.",
    saved_other: "Opgeslagen. De eerste {{count}} berichten van nieuwe leden wachten op goedkeuring.",
    savedOff: "Opgeslagen. Berichten van nieuwe leden staan meteen online.",
    notOpen: "Nu kan niet iedereen een account maken. Dit aantal telt pas als je kiest voor “Iedereen kan een account maken”.",
  },
  errors: {
    number: "Vul een heel getal in van 0 tot en met 20.",
  },
};

export const en: typeof nl = {
  note: "Waiting for approval by an organiser",
  noteAuthor: "Other members do not see this yet. Because anyone can join, an organiser first looks at new members' first posts. You will be told when it is published.",
  noteStaff: "One of a new member's first posts. Only its author and organisers see it.",
  toQueue: "Approve or turn it down in moderation",
  queue: {
    badge: "New member",
    waiting: "One of a new member's first posts. It waits for approval. Only its author and organisers see it.",
    approve: "Approve",
    approveLabel: "Approve {{post}} in “{{title}}”",
    reject: "Do not approve",
    rejectLabel: "Do not approve {{post}} in “{{title}}”",
    rejectReason: "Reason for the author",
    rejectReasonHint: "The author gets this reason by e-mail and sees it with the post. The post stays hidden.",
    done: {
      approved: "Approved. Everyone can see the post now. Its author and those following it are told.",
      rejected: "Not approved. The post stays hidden. Its author gets your reason.",
    },
  },
  settings: {
    legend: "New members' first posts",
    label: "Number of first posts an organiser approves first",
    hint: "Only when anyone can create an account. Until that many posts are approved, a new post is seen only by its author and organisers. 0 means: nobody waits. Organisers and administrators never wait.",
    submit: "Save number",
    saved_one: "Saved. A new member's first post waits for approval.",
    saved_other: "Saved. New members' first {{count}} posts wait for approval.",
    savedOff: "Saved. New members' posts go online at once.",
    notOpen: "Right now not everyone can create an account. This number only counts once you choose “Anyone can create an account”.",
  },
  errors: {
    number: "Enter a whole number from 0 to 20.",
  },
};
