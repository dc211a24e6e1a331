// Messages of the live thread and @mentions (decision 029), Dutch first (B1) and English
// second. Same keys in both: TypeScript refuses an English catalogue that misses a Dutch key.
export const nl = {
  newReply: "Nieuwe reactie van {{name}}",
  newReplyUnknown: "Nieuwe reactie",
  elsewhere: "Nieuwe reacties op een andere pagina van dit gesprek:",
  elsewhereItem: "Reactie van {{name}}",
  mention: {
    label: "Leden die je kunt noemen",
    hint: "Typ @ en een naam om iemand te noemen. Kies met de pijltjes en Enter.",
    count_one: "{{count}} lid gevonden",
    count_other: "{{count}} leden gevonden",
    none: "Geen lid gevonden",
  },
};

export const en: typeof nl = {
  newReply: "New reply from {{name}}",
  newReplyUnknown: "New reply",
  elsewhere: "New replies on another page of this conversation:",
  elsewhereItem: "Reply from {{name}}",
  mention: {
    label: "Members you can mention",
    hint: "Type @ and a name to mention someone. Choose with the arrow keys and Enter.",
    count_one: "{{count}} member found",
    count_other: "{{count}} members found",
    none: "No member found",
  },
};
