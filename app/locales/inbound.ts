// Reply by e-mail and feeds (decision 028), Dutch first (B1) and English second. Same keys in
// both: TypeScript refuses an English catalogue that misses a Dutch key.
export const nl = {
  mail: {
    replyHint: "Je kunt ook reageren door op deze e-mail te antwoorden. Schrijf je reactie boven de tekst van deze e-mail.",
  },
  refused: {
    subject: "Je reactie is niet geplaatst",
    subjectAbout: "Je reactie is niet geplaatst: “{{title}}”",
    intro: "Je stuurde ons een reactie per e-mail. We hebben die niet op het forum gezet.",
    why: {
      expired: "Het antwoordadres is verlopen. Een antwoordadres werkt {{days}} dagen.",
      inactive: "Je account is niet actief. Daarom kun je nu niet reageren.",
      suspended: "Je account is geschorst. Je kunt het forum lezen, maar nu niet reageren. Op de website zie je tot wanneer.",
      consent: "De privacyverklaring is veranderd. Ga op de website akkoord met de nieuwe versie. Daarna kun je weer reageren.",
      otherSender: "Je reactie kwam niet van het e-mailadres van je account. Antwoord vanaf het adres waarop je de melding kreeg.",
      locked: "Het gesprek is gesloten. Er kunnen geen reacties meer bij.",
      gone: "Het dilemma of de reactie waarop je antwoordde is er niet meer, of je kunt het niet meer zien.",
      empty: "We vonden geen tekst in je e-mail. Schrijf je reactie boven de tekst van de melding.",
      tooLong: "Je reactie is te lang. Er passen {{max}} tekens in.",
      tooFast: "Je plaatste veel berichten in korte tijd. Wacht even en plaats je reactie dan op de website.",
      privacy:
        "Er staat misschien iets in je reactie waarmee iemand te herkennen is: {{kinds}}. Per e-mail kun je niet kiezen voor ‘Toch plaatsen’. Pas je tekst aan op de website, of plaats hem daar toch.",
      invalid: "Je reactie kon niet geplaatst worden.",
    },
    button: "Reageer op de website",
    yourText: "Dit is je tekst, zodat je hem kunt kopiëren:",
  },
  feeds: {
    dilemmasTitle: "Nieuwe dilemma's · Kenniskring",
    competenceTitle: "Dilemma's over {{name}} · Kenniskring",
    reportsTitle: "Verslagen van bijeenkomsten · Kenniskring",
    settings: {
      heading: "Feeds",
      intro:
        "Met een feedlezer (Atom) volg je nieuwe dilemma's en verslagen zonder in te loggen. Een feed-adres is persoonlijk: deel het niet. Wie het heeft, leest wat jij mag lezen.",
      none: "Je hebt nog geen feed-adressen.",
      have: "Je hebt feed-adressen. We bewaren ze niet leesbaar, dus we kunnen ze niet nog eens laten zien. Kwijt? Maak nieuwe. De oude werken dan niet meer.",
      make: "Maak feed-adressen",
      reset: "Maak nieuwe feed-adressen",
      made: "Je nieuwe feed-adressen staan hieronder. Kopieer ze nu: we laten ze maar één keer zien. Oude adressen werken niet meer.",
      dilemmas: "Alle nieuwe dilemma's",
      reports: "Verslagen van bijeenkomsten",
      competences: "Per competentie",
    },
  },
};

export const en: typeof nl = {
  mail: {
    replyHint: "You can also reply by answering this e-mail. Write your reply above the text of this e-mail.",
  },
  refused: {
    subject: "Your reply was not posted",
    subjectAbout: "Your reply was not posted: “{{title}}”",
    intro: "You sent us a reply by e-mail. We did not post it on the forum.",
    why: {
      expired: "The reply address has expired. A reply address works for {{days}} days.",
      inactive: "Your account is not active, so you cannot reply now.",
      suspended: "Your account is suspended. You can read the forum, but you cannot reply now. The website says until when.",
      consent: "The privacy statement has changed. Accept the new version on the website; then you can reply again.",
      otherSender: "Your reply did not come from your account's e-mail address. Answer from the address that received the notification.",
      locked: "The conversation is closed. No more replies can be added.",
      gone: "The dilemma or reply you answered is no longer there, or you can no longer see it.",
      empty: "We found no text in your e-mail. Write your reply above the text of the notification.",
      tooLong: "Your reply is too long. It can have {{max}} characters.",
      tooFast: "You posted a lot in a short time. Wait a little, then post your reply on the website.",
      privacy:
        "Your reply may contain something that makes a person recognisable: {{kinds}}. By e-mail you cannot choose ‘Post anyway’. Change your text on the website, or post it there anyway.",
      invalid: "Your reply could not be posted.",
    },
    button: "Reply on the website",
    yourText: "This is your text, so you can copy it:",
  },
  feeds: {
    dilemmasTitle: "New dilemmas · Kenniskring",
    competenceTitle: "Dilemmas about {{name}} · Kenniskring",
    reportsTitle: "Meeting reports · Kenniskring",
    settings: {
      heading: "Feeds",
      intro:
        "With a feed reader (Atom) you follow new dilemmas and reports without logging in. A feed address is personal: do not share it. Whoever has it reads what you may read.",
      none: "You have no feed addresses yet.",
      have: "You have feed addresses. We do not keep them readable, so we cannot show them again. Lost them? Make new ones. The old ones then stop working.",
      make: "Make feed addresses",
      reset: "Make new feed addresses",
      made: "Your new feed addresses are below. Copy them now: we show them only once. Old addresses no longer work.",
      dilemmas: "All new dilemmas",
      reports: "Meeting reports",
      competences: "Per competence",
    },
  },
};
