// Messages of the member's privacy (issue 21, decision 024): the guard on the publishing forms,
// and the member's rights (their data, erasing the account). Dutch first (B1), English second;
// same keys in both.
export const nl = {
  guard: {
    intro: "Hiermee is iemand misschien te herkennen. Vervang het, of laat het alleen staan als het echt nodig is.",
    none: "Je tekst noemt niemand meer herkenbaar.",
    replaced: "“{{text}}” is vervangen door “{{replacement}}”.",
    advice: "Schrijf liever “{{replacement}}”.",
    anyway: "Toch plaatsen",
    anywayHint:
      "Is het echt nodig om dit te noemen? Dan kun je het toch plaatsen. De moderatoren zien dat je dit hebt gekozen. Andere leden zien dat niet.",
  },
};

export const en: typeof nl = {
  guard: {
    intro: "This may make someone recognisable. Replace it, or only leave it if it is really needed.",
    none: "Your text no longer names anyone recognisably.",
    replaced: "“{{text}}” was replaced with “{{replacement}}”.",
    advice: "Better write “{{replacement}}”.",
    anyway: "Post anyway",
    anywayHint:
      "Is it really needed to mention this? Then you can post it anyway. The moderators see that you chose this. Other members do not.",
  },
};
