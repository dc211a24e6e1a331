// Messages of the site's edge (decision 022): limits on posting and logging in. Dutch first
// (B1), English second; the same keys in both.
export const nl = {
  errors: {
    postingTooFast_one:
      "Je plaatst veel berichten kort na elkaar. Wacht {{count}} minuut en plaats het dan opnieuw. Je tekst staat hieronder nog.",
    postingTooFast_other:
      "Je plaatst veel berichten kort na elkaar. Wacht {{count}} minuten en plaats het dan opnieuw. Je tekst staat hieronder nog.",
    editingTooFast_one:
      "Je hebt veel wijzigingen kort na elkaar opgeslagen. Wacht {{count}} minuut en sla dan opnieuw op. Je tekst staat hieronder nog.",
    editingTooFast_other:
      "Je hebt veel wijzigingen kort na elkaar opgeslagen. Wacht {{count}} minuten en sla dan opnieuw op. Je tekst staat hieronder nog.",
    loginPaused_one:
      "Er is te vaak een verkeerd wachtwoord gegeven. Probeer het over {{count}} minuut opnieuw, of vraag een nieuw wachtwoord aan.",
    loginPaused_other:
      "Er is te vaak een verkeerd wachtwoord gegeven. Probeer het over {{count}} minuten opnieuw, of vraag een nieuw wachtwoord aan.",
  },
};

export const en: typeof nl = {
  errors: {
    postingTooFast_one: "You are posting many messages in a short time. Wait {{count}} minute and post it again. Your text is still below.",
    postingTooFast_other: "You are posting many messages in a short time. Wait {{count}} minutes and post it again. Your text is still below.",
    editingTooFast_one: "You saved many changes in a short time. Wait {{count}} minute and save again. Your text is still below.",
    editingTooFast_other: "You saved many changes in a short time. Wait {{count}} minutes and save again. Your text is still below.",
    loginPaused_one: "A wrong password was given too often. Try again in {{count}} minute, or ask for a new password.",
    loginPaused_other: "A wrong password was given too often. Try again in {{count}} minutes, or ask for a new password.",
  },
};
