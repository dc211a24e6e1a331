// Messages of accounts by e-mail (sign-up with confirmation, password reset, changing one's
// address or password) and of the mail they send. Dutch first (B1), English second; the same
// keys in both (TypeScript refuses an English catalogue that misses a Dutch key).
export const nl = {
  signup: {
    introOpen: "Met een account kun je dilemma's delen en reageren. Na het invullen krijg je een e-mail om je adres te bevestigen.",
    introApproval:
      "Met een account kun je dilemma's delen en reageren. Na het invullen krijg je een e-mail om je adres te bevestigen. Daarna bekijkt een organisator je aanmelding.",
    motivation: "Wie ben je en waarom wil je meedoen? (mag leeg blijven)",
    motivationHint: "Bijvoorbeeld je werk en je wijk. Dit lezen alleen de organisatoren.",
    passwordHint: "Minstens 10 tekens. Een zin van vier of meer gewone woorden is sterk en makkelijk te onthouden.",
    invitationOnlyTitle: "Lid worden gaat met een uitnodiging",
    invitationOnly:
      "De Kenniskring is een besloten kring. Je kunt alleen lid worden als een organisator je uitnodigt. Ken je iemand in de kring? Vraag of die je wil uitnodigen.",
    sentTitle: "Kijk in je e-mail",
    sent: "We hebben een e-mail gestuurd naar het adres dat je invulde. Klik op de link in die e-mail om je aanmelding af te maken. De link werkt 1 dag.",
    sentHint:
      "Geen e-mail gekregen? Kijk ook bij je ongewenste e-mail (spam). Nog steeds niets? Meld je opnieuw aan met hetzelfde adres: je krijgt dan een nieuwe link.",
    confirmTitle: "Bevestig je e-mailadres",
    confirmIntro: "Klik op de knop om je e-mailadres te bevestigen en je aanmelding af te maken.",
    confirmSubmit: "Bevestig mijn e-mailadres",
    expiredTitle: "Deze link is verlopen",
    expired: "De link in je e-mail werkt 1 dag. Meld je opnieuw aan met hetzelfde adres, dan krijg je een nieuwe link.",
    expiredAction: "Opnieuw aanmelden",
  },
  welcome: {
    active: "Welkom! Je e-mailadres is bevestigd en je account is klaar.",
    pending:
      "Je e-mailadres is bevestigd. Een organisator bekijkt nu je aanmelding. Je krijgt een e-mail als je mee kunt doen.",
  },
  pending: {
    banner:
      "Je aanmelding wacht op goedkeuring van een organisator. Tot die tijd kun je alles lezen, maar nog niets schrijven. Je krijgt een e-mail zodra je mee kunt doen.",
  },
  link: {
    unknownTitle: "Deze link werkt niet (meer)",
    unknown:
      "Misschien heb je de link al gebruikt, of is er daarna een nieuwere gestuurd. Gebruik dan de nieuwste e-mail, of probeer in te loggen.",
    login: "Naar inloggen",
  },
  login: {
    forgot: "Wachtwoord vergeten?",
  },
  forgot: {
    title: "Wachtwoord vergeten",
    intro: "Vul je e-mailadres in. Je krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.",
    email: "E-mailadres",
    submit: "Stuur mij een link",
    sent: "Als er een account is met dit adres, krijg je binnen een paar minuten een e-mail met een link. De link werkt 1 uur. Kijk ook bij je ongewenste e-mail (spam).",
    back: "Terug naar inloggen",
  },
  reset: {
    title: "Kies een nieuw wachtwoord",
    intro: "Kies een nieuw wachtwoord. Daarna ben je op alle andere apparaten uitgelogd.",
    password: "Nieuw wachtwoord",
    submit: "Wachtwoord opslaan",
    expiredTitle: "Deze link is verlopen",
    expired: "Een link om je wachtwoord te wijzigen werkt 1 uur. Vraag een nieuwe link aan.",
    again: "Nieuwe link aanvragen",
    done: "Je nieuwe wachtwoord is opgeslagen. Je bent op alle andere apparaten uitgelogd.",
  },
  account: {
    emailHeading: "E-mailadres",
    changeEmail: "E-mailadres wijzigen",
    passwordHeading: "Wachtwoord",
    changePassword: "Wachtwoord wijzigen",
  },
  changePassword: {
    title: "Wachtwoord wijzigen",
    current: "Je huidige wachtwoord",
    next: "Nieuw wachtwoord",
    submit: "Wachtwoord wijzigen",
    done: "Je wachtwoord is gewijzigd. Je bent op alle andere apparaten uitgelogd.",
  },
  changeEmail: {
    title: "E-mailadres wijzigen",
    intro: "Je krijgt een e-mail op het nieuwe adres. Pas als je op de link in die e-mail klikt, gaat het nieuwe adres in.",
    current: "Je adres nu: {{email}}",
    email: "Nieuw e-mailadres",
    password: "Je wachtwoord",
    passwordHint: "Zo weten we zeker dat jij het bent.",
    submit: "Stuur een link naar het nieuwe adres",
    sentTitle: "Kijk in je e-mail",
    sent: "We hebben een link gestuurd naar {{email}}. Klik erop om je nieuwe adres te bevestigen. De link werkt 1 dag. Tot die tijd blijft je oude adres gelden.",
    confirmTitle: "Bevestig je nieuwe e-mailadres",
    confirmIntro: "Klik op de knop. Daarna log je in met {{email}}.",
    confirmSubmit: "Bevestig mijn nieuwe adres",
    done: "Je e-mailadres is gewijzigd. We hebben je oude adres laten weten dat dit is gebeurd.",
    taken: "Er is intussen al een account met dit adres. Je e-mailadres is niet gewijzigd.",
    expired: "De link werkt 1 dag. Vraag op je accountpagina een nieuwe link aan.",
  },
  errors: {
    notConfirmed:
      "Je hebt je e-mailadres nog niet bevestigd. We hebben je een nieuwe e-mail met een link gestuurd. Klik op die link om je aanmelding af te maken.",
    wrongPassword: "Dit wachtwoord klopt niet.",
    sameEmail: "Dit is al je e-mailadres.",
    signupClosed: "Je kunt alleen lid worden met een uitnodiging.",
  },
  weakPassword: {
    common:
      "Dit wachtwoord gebruiken heel veel mensen. Het staat op de lijsten die inbrekers als eerste proberen. Kies een zin van vier of meer gewone woorden.",
    repeat: "Herhaalde tekens (zoals aaaa of 1212) zijn snel te raden. Kies een zin van vier of meer gewone woorden.",
    sequence: "Een reeks zoals 12345 of abcd is snel te raden. Kies een zin van vier of meer gewone woorden.",
    keyboard: "Toetsen die naast elkaar liggen (zoals qwerty) zijn snel te raden. Kies een zin van vier of meer gewone woorden.",
    date: "Jaartallen en datums zijn snel te raden. Kies een zin van vier of meer gewone woorden.",
    word: "Eén woord of naam is snel te raden, ook met een cijfer of teken erbij. Kies een zin van vier of meer gewone woorden.",
    personal: "Gebruik niet je naam, je e-mailadres of de naam van deze site. Kies een zin van vier of meer gewone woorden.",
    guessable: "Dit wachtwoord is te makkelijk te raden. Maak het langer: een zin van vier of meer gewone woorden werkt goed.",
  },
  mail: {
    footer: "Deze e-mail komt van de Kenniskring: {{url}}",
    greeting: "Hallo {{name}},",
    confirmSignup: {
      subject: "Bevestig je e-mailadres voor de Kenniskring",
      body: "Je hebt een account gemaakt bij de Kenniskring. Klik op de knop om je e-mailadres te bevestigen. De link werkt 1 dag.",
      button: "Bevestig mijn e-mailadres",
      note: "Heb je geen account gemaakt? Dan heeft iemand je adres ingevuld. Je hoeft niets te doen: zonder bevestiging gebeurt er niets.",
    },
    alreadyMember: {
      subject: "Je hebt al een account bij de Kenniskring",
      body: "Iemand wilde een nieuw account maken met dit e-mailadres. Maar er is al een account met dit adres. Was jij dat? Log dan in met je account.",
      button: "Inloggen",
      forgot: "Weet je je wachtwoord niet meer? Kies dan een nieuw wachtwoord: {{url}}",
      note: "Was jij dit niet? Dan hoef je niets te doen. Er is niets veranderd aan je account.",
    },
    resetPassword: {
      subject: "Kies een nieuw wachtwoord voor de Kenniskring",
      body: "Je vroeg om een nieuw wachtwoord. Klik op de knop om er een te kiezen. De link werkt 1 uur en maar één keer.",
      button: "Nieuw wachtwoord kiezen",
      note: "Heb je dit niet gevraagd? Dan hoef je niets te doen. Je wachtwoord blijft hetzelfde.",
    },
    passwordChanged: {
      subject: "Je wachtwoord voor de Kenniskring is gewijzigd",
      body: "Je wachtwoord is gewijzigd. Je bent op alle andere apparaten uitgelogd.",
      note: "Was jij dit niet? Kies dan meteen een nieuw wachtwoord via {{url}} en laat het de beheerder weten.",
    },
    changeEmail: {
      subject: "Bevestig je nieuwe e-mailadres voor de Kenniskring",
      body: "Je wilt dit adres gebruiken voor de Kenniskring. Klik op de knop om het te bevestigen. De link werkt 1 dag.",
      button: "Bevestig mijn nieuwe adres",
      note: "Heb je dit niet gevraagd? Dan hoef je niets te doen. Er verandert niets.",
    },
    changeEmailTaken: {
      subject: "Dit adres heeft al een account bij de Kenniskring",
      body: "Iemand wilde dit e-mailadres gebruiken voor een account bij de Kenniskring. Maar er is al een account met dit adres, dus dat kan niet.",
      note: "Was jij dit niet? Dan hoef je niets te doen.",
    },
    emailChanged: {
      subject: "Je e-mailadres voor de Kenniskring is gewijzigd",
      body: "Je account bij de Kenniskring gebruikt vanaf nu een ander e-mailadres: {{email}}. Op dit adres krijg je geen e-mail meer van ons.",
      note: "Was jij dit niet? Neem dan meteen contact op met de beheerder van de Kenniskring.",
    },
  },
};

export const en: typeof nl = {
  signup: {
    introOpen: "With an account you can share dilemmas and reply. After filling this in you get an email to confirm your address.",
    introApproval:
      "With an account you can share dilemmas and reply. After filling this in you get an email to confirm your address. Then an organiser looks at your request.",
    motivation: "Who are you and why do you want to take part? (may stay empty)",
    motivationHint: "For example your work and your neighbourhood. Only the organisers read this.",
    passwordHint: "At least 10 characters. A sentence of four or more ordinary words is strong and easy to remember.",
    invitationOnlyTitle: "Joining is by invitation",
    invitationOnly:
      "Kenniskring is a closed circle. You can only join when an organiser invites you. Do you know someone in the circle? Ask them to invite you.",
    sentTitle: "Check your email",
    sent: "We sent an email to the address you entered. Click the link in it to finish signing up. The link works for 1 day.",
    sentHint:
      "No email? Also look in your junk mail (spam). Still nothing? Sign up again with the same address: you will get a new link.",
    confirmTitle: "Confirm your email address",
    confirmIntro: "Click the button to confirm your email address and finish signing up.",
    confirmSubmit: "Confirm my email address",
    expiredTitle: "This link has expired",
    expired: "The link in your email works for 1 day. Sign up again with the same address to get a new link.",
    expiredAction: "Sign up again",
  },
  welcome: {
    active: "Welcome! Your email address is confirmed and your account is ready.",
    pending: "Your email address is confirmed. An organiser will now look at your request. You get an email when you can take part.",
  },
  pending: {
    banner:
      "Your request to join waits for an organiser's approval. Until then you can read everything, but not write yet. You get an email as soon as you can take part.",
  },
  link: {
    unknownTitle: "This link does not work (any more)",
    unknown: "Maybe you used the link already, or a newer one was sent after it. Then use the newest email, or try to log in.",
    login: "Go to login",
  },
  login: {
    forgot: "Forgot your password?",
  },
  forgot: {
    title: "Forgot your password",
    intro: "Enter your email address. You get an email with a link to choose a new password.",
    email: "Email address",
    submit: "Send me a link",
    sent: "If there is an account with this address, you will get an email with a link within a few minutes. The link works for 1 hour. Also look in your junk mail (spam).",
    back: "Back to login",
  },
  reset: {
    title: "Choose a new password",
    intro: "Choose a new password. After that you are logged out on all other devices.",
    password: "New password",
    submit: "Save password",
    expiredTitle: "This link has expired",
    expired: "A link to change your password works for 1 hour. Ask for a new link.",
    again: "Ask for a new link",
    done: "Your new password is saved. You are logged out on all other devices.",
  },
  account: {
    emailHeading: "Email address",
    changeEmail: "Change email address",
    passwordHeading: "Password",
    changePassword: "Change password",
  },
  changePassword: {
    title: "Change password",
    current: "Your current password",
    next: "New password",
    submit: "Change password",
    done: "Your password has been changed. You are logged out on all other devices.",
  },
  changeEmail: {
    title: "Change email address",
    intro: "You get an email at the new address. The new address counts only after you click the link in that email.",
    current: "Your address now: {{email}}",
    email: "New email address",
    password: "Your password",
    passwordHint: "So we know it is you.",
    submit: "Send a link to the new address",
    sentTitle: "Check your email",
    sent: "We sent a link to {{email}}. Click it to confirm your new address. The link works for 1 day. Until then your old address stays in use.",
    confirmTitle: "Confirm your new email address",
    confirmIntro: "Click the button. After that you log in with {{email}}.",
    confirmSubmit: "Confirm my new address",
    done: "Your email address has been changed. We told your old address that this happened.",
    taken: "Meanwhile there is already an account with this address. Your email address was not changed.",
    expired: "The link works for 1 day. Ask for a new link on your account page.",
  },
  errors: {
    notConfirmed:
      "You have not confirmed your email address yet. We sent you a new email with a link. Click that link to finish signing up.",
    wrongPassword: "This password is not correct.",
    sameEmail: "This is your email address already.",
    signupClosed: "You can only join with an invitation.",
  },
  weakPassword: {
    common:
      "Very many people use this password. It is on the lists that attackers try first. Choose a sentence of four or more ordinary words.",
    repeat: "Repeated characters (like aaaa or 1212) are quick to guess. Choose a sentence of four or more ordinary words.",
    sequence: "A sequence like 12345 or abcd is quick to guess. Choose a sentence of four or more ordinary words.",
    keyboard: "Keys next to each other (like qwerty) are quick to guess. Choose a sentence of four or more ordinary words.",
    date: "Years and dates are quick to guess. Choose a sentence of four or more ordinary words.",
    word: "One word or name is quick to guess, also with a number or sign added. Choose a sentence of four or more ordinary words.",
    personal: "Do not use your name, your email address or the name of this site. Choose a sentence of four or more ordinary words.",
    guessable: "This password is too easy to guess. Make it longer: a sentence of four or more ordinary words works well.",
  },
  mail: {
    footer: "This email comes from Kenniskring: {{url}}",
    greeting: "Hello {{name}},",
    confirmSignup: {
      subject: "Confirm your email address for Kenniskring",
      body: "You created an account at Kenniskring. Click the button to confirm your email address. The link works for 1 day.",
      button: "Confirm my email address",
      note: "Did you not create an account? Then someone entered your address. You need not do anything: without confirmation nothing happens.",
    },
    alreadyMember: {
      subject: "You already have an account at Kenniskring",
      body: "Someone wanted to create a new account with this email address. But there already is an account with this address. Was that you? Then log in with your account.",
      button: "Log in",
      forgot: "Forgot your password? Choose a new one: {{url}}",
      note: "Was this not you? Then you need not do anything. Nothing changed in your account.",
    },
    resetPassword: {
      subject: "Choose a new password for Kenniskring",
      body: "You asked for a new password. Click the button to choose one. The link works for 1 hour and only once.",
      button: "Choose a new password",
      note: "Did you not ask for this? Then you need not do anything. Your password stays the same.",
    },
    passwordChanged: {
      subject: "Your Kenniskring password has been changed",
      body: "Your password has been changed. You are logged out on all other devices.",
      note: "Was this not you? Then choose a new password at once at {{url}} and tell the administrator.",
    },
    changeEmail: {
      subject: "Confirm your new email address for Kenniskring",
      body: "You want to use this address for Kenniskring. Click the button to confirm it. The link works for 1 day.",
      button: "Confirm my new address",
      note: "Did you not ask for this? Then you need not do anything. Nothing changes.",
    },
    changeEmailTaken: {
      subject: "This address already has a Kenniskring account",
      body: "Someone wanted to use this email address for an account at Kenniskring. But there already is an account with this address, so that is not possible.",
      note: "Was this not you? Then you need not do anything.",
    },
    emailChanged: {
      subject: "Your Kenniskring email address has been changed",
      body: "Your account at Kenniskring now uses another email address: {{email}}. You will get no more email from us at this address.",
      note: "Was this not you? Then contact the administrator of Kenniskring at once.",
    },
  },
};
