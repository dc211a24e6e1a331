// What the page says after an action worked (issue 22): shown at the top of the page it leads
// to, and read out by screen readers. Dutch first (B1), English second; the same keys in both.
export const nl = {
  close: "Sluit deze melding",
  done: {
    asked: "Je dilemma staat online.",
    replied: "Je reactie is geplaatst.",
    saved: "Je wijzigingen zijn opgeslagen.",
    deleted: "Je reactie is verwijderd.",
    helpful: "Je vindt deze reactie nuttig.",
    notHelpful: "Je vindt deze reactie niet meer nuttig.",
    answerMarked: "Deze reactie is nu het gekozen antwoord.",
    answerUnmarked: "Deze reactie is niet meer het gekozen antwoord.",
    hidden: "De reactie is verborgen.",
    unhidden: "De reactie is weer zichtbaar.",
    locked: "Het dilemma is gesloten voor nieuwe reacties.",
    unlocked: "Het dilemma is weer open voor reacties.",
    dilemmaHidden: "Het dilemma is verborgen.",
    dilemmaUnhidden: "Het dilemma is weer zichtbaar.",
    held: "Dank je! Je bericht is ontvangen. Een organisator kijkt er eerst naar. Daarna ziet iedereen het.",
    dilemmaDeleted: "Je dilemma is verwijderd. De titel en de reacties van anderen blijven staan.",
    dilemmaGone: "Je dilemma is verwijderd.",
  },
};

export const en: typeof nl = {
  close: "Close this message",
  done: {
    asked: "Your dilemma is online.",
    replied: "Your reply has been posted.",
    saved: "Your changes have been saved.",
    deleted: "Your reply has been deleted.",
    helpful: "You find this reply helpful.",
    notHelpful: "You no longer find this reply helpful.",
    answerMarked: "This reply is now the chosen answer.",
    answerUnmarked: "This reply is no longer the chosen answer.",
    hidden: "The reply has been hidden.",
    unhidden: "The reply is visible again.",
    locked: "The dilemma is closed to new replies.",
    unlocked: "The dilemma is open to replies again.",
    dilemmaHidden: "The dilemma has been hidden.",
    dilemmaUnhidden: "The dilemma is visible again.",
    held: "Thank you! Your post was received. An organiser looks at it first. Then everyone can see it.",
    dilemmaDeleted: "Your dilemma has been deleted. Its title and the others' replies stay.",
    dilemmaGone: "Your dilemma has been deleted.",
  },
};
