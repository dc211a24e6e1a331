import { describe, expect, it } from "vitest";
import { checkPrivacy } from "~/privacy/check.server";
import type { PrivacyContext, PrivacyKind } from "~/privacy/kinds";
import { passesElevenTest } from "~/privacy/numbers.server";

// The privacy guard's behaviour, one rule at a time (the quality set in privacy-quality.test.ts
// measures it on whole posts).

/** [kind, marked text, replacement] for every mark. */
function marks(text: string, context: PrivacyContext = {}) {
  return checkPrivacy(text, context).marks.map((m) => [m.kind, text.slice(m.start, m.end), m.replacement] as const);
}
const kinds = (text: string, context: PrivacyContext = {}) => marks(text, context).map(([k, s]) => `${k}:${s}`);
const clean = (text: string, context: PrivacyContext = {}) => expect(kinds(text, context), text).toEqual([]);

describe("names", () => {
  it.each([
    ["Ik sprak Henk de Vries gisteren.", "Henk de Vries"],
    ["De klacht is van mevrouw Bakker.", "mevrouw Bakker"],
    ["Bij de familie Van den Broek is het gas afgesloten.", "familie Van den Broek"],
    ["De brief is ondertekend door J.H. Kuipers namens de commissie.", "J.H. Kuipers"],
    ["Buurjongen Dewi zit altijd alleen op het plein.", "Dewi"],
    ["Gisteren belde Petronella me in tranen op.", "Petronella"],
    ["Achmed El Khattabi is een gewaardeerd lid.", "Achmed El Khattabi"],
    ["Ik heb Lies in 't Hout gesproken.", "Lies in 't Hout"],
    ["Maria Jansen-Bos is mantelzorger.", "Maria Jansen-Bos"],
    ["bertus van de overkant verzamelt spullen.", "bertus"],
  ])("%s → %s", (text, name) => {
    expect(marks(text).filter(([k]) => k === "name").map(([, s]) => s)).toContain(name);
  });

  it("gives one person one letter, in order of appearance, and a family its own form", () => {
    const text = "Henk van Dijk woont naast Fatima. Henk helpt haar. Later kwam de familie Yilmaz, en mevrouw Yilmaz bleef.";
    expect(marks(text).filter(([k]) => k === "name")).toEqual([
      ["name", "Henk van Dijk", "bewoner A"],
      ["name", "Fatima", "bewoner B"],
      ["name", "Henk", "bewoner A"],
      ["name", "familie Yilmaz", "familie C"],
      ["name", "mevrouw Yilmaz", "bewoner C"],
    ]);
  });

  it("replaces in English for a member who writes in English", () => {
    expect(marks("I spoke with Henk de Vries.", { locale: "en" })).toEqual([["name", "Henk de Vries", "resident A"]]);
  });

  it("leaves the writer's own name alone: from their profile, an introduction and a signature", () => {
    const writer = { displayName: "Sanne de Boer", handle: "sanne_b", organisation: "Stichting Jan de Wit" };
    clean("Sanne de Boer hier, van Stichting Jan de Wit. Wie helpt mee?", writer);
    clean("Ik ben Marloes, 41, opbouwwerker in Oost. Wie herkent dit?");
    clean("Mijn naam is Ruud Hoekstra en ik werk in Zuid.");
    clean("Goed punt, dat ga ik proberen.\n\nGroet,\nRuud");
    clean("Goed punt, dat ga ik proberen.\n\nMet vriendelijke groet,\nPetra van Leeuwen\nBuurtwerk Oost");
    clean("Hoi Karin,\n\nHerkenbaar wat je schrijft!");
    clean("Wie kent een goede cursus? Groet, Anouk (opbouwwerker, Tilburg Noord)");
  });

  it("still marks a name after a thank-you without a comma: that thanks someone, it does not sign", () => {
    expect(kinds("Ik weet het niet meer. Dank aan Jan de Vries voor zijn hulp")).toEqual(["name:Jan de Vries"]);
  });

  it("is not fooled by organisations, streets, officials, idioms, methods and places named like people", () => {
    clean("We werken met Stichting Jan de Wit en het Verwey-Jonker Instituut.");
    clean("Het Jeroen Bosch Ziekenhuis en het Ronald McDonald Huis doneren, de Albert Heijn ook.");
    clean("In de Jan van Galenstraat en rond het Anne Frankplein is het druk.");
    clean("Burgemeester Dijksma en wethouder Jansen kwamen langs, net als minister De Jonge.");
    clean("Hier helpt Jan en alleman, Jan Modaal en Jan met de pet. Klaas Vaak leest voor.");
    clean("We gebruiken de Roos van Leary, de kernkwadranten van Ofman en de methode Gordon.");
    clean("Ik werk in Den Bosch, Zwolle en Alphen aan den Rijn.");
    clean("Wil je meedenken? Ben je handig? Mark je agenda!");
    clean("In mijn intervisie ging het over mevrouw X en bewoner A.");
  });
});

describe("addresses and postcodes", () => {
  it.each([
    ["Ze woont op de Kerkstraat 12 in Utrecht.", "address:Kerkstraat 12"],
    ["Haar adres is Burgemeester Hogguerstraat 118-II, 1064 CV Amsterdam.", "address:Burgemeester Hogguerstraat 118-II, 1064 CV Amsterdam"],
    ["Henk van de Laan van Meerdervoort 612 wil bloembakken.", "address:Laan van Meerdervoort 612"],
    ["Er woont een man op de Tweede Jan van der Heijdenstraat 77 hs.", "address:Tweede Jan van der Heijdenstraat 77 hs"],
    ["bertus van esdoornstraat 3 verzamelt spullen", "address:esdoornstraat 3"],
    ["Het gaat om 1055 XK 12, tweede verdieping.", "postcode:1055 XK 12"],
    ["Postcode 3024 BG, huisnummer 17.", "postcode:3024 BG, huisnummer 17"],
  ])("%s", (text, expected) => {
    expect(kinds(text)).toContain(expected);
  });

  it("leaves streets as places, public venues, ranges and four-digit areas alone", () => {
    clean("Op het Mercatorplein en in de Kerkstraat hangen jongeren rond.");
    clean("De bijeenkomst is in buurthuis De Linde, Lindelaan 2, 3521 AB Utrecht.");
    clean("Het Huis van de Wijk, Stationsstraat 20, is ook op zaterdag open.");
    clean("Het stadhuis staat op het Stadsplateau 1.");
    clean("De flats aan de Kerkstraat 2 t/m 48 worden gerenoveerd, de Molenweg 40 woningen ook.");
    clean("In postcodegebied 3067 en in 1102 is de participatie laag.");
    clean("Een schijf van 2000 GB kost 80 euro.");
  });
});

describe("numbers", () => {
  it("finds phone numbers in every Dutch and international notation", () => {
    for (const phone of ["06-12345678", "06 1234 5678", "0612345678", "+31 6 12345678", "+31(0)6-12345678", "0031 6 1234 5678", "020-1234567", "(020) 123 45 67", "010 - 123 45 67", "06.18.44.27.93", "+32 470 12 34 56"]) {
      expect(kinds(`Bel hem op ${phone} na zessen.`), phone).toEqual([`phone:${phone}`]);
    }
  });

  it("leaves public services' and organisations' numbers alone", () => {
    clean("Bel 112 bij gevaar, Veilig Thuis op 0800-2000, het Juridisch Loket op 0900-8020 en de gemeente op 14 020.");
    clean("De Luisterlijn (088-0767000) is dag en nacht bereikbaar.");
    clean("Het wijkteam is elke werkdag bereikbaar op 030-2863040.");
    clean("Mail info@buurthuis.nl of wijkteamnoord@gemeente.nl.");
  });

  it("marks a BSN only when it passes the 11-proef, written plain or in groups", () => {
    expect(passesElevenTest("111222333")).toBe(true);
    expect(passesElevenTest("111222334")).toBe(false);
    expect(kinds("Zijn BSN is 111222333.")).toEqual(["bsn:111222333"]);
    expect(kinds("Zijn BSN is 111.222.333.")).toEqual(["bsn:111.222.333"]);
    clean("Het dossiernummer is 111222334 en het aanvraagnummer 372574145.");
    clean("Zie [de handleiding](https://www.voorbeeld.nl/downloads/123456782.pdf).");
  });

  it("marks an IBAN only when mod 97 holds, and not a foundation's", () => {
    expect(kinds("Maak het over naar NL91 ABNA 0417 1643 00 graag.")).toEqual(["iban:NL91 ABNA 0417 1643 00"]);
    expect(kinds("Of naar NL91ABNA0417164300.")).toEqual(["iban:NL91ABNA0417164300"]);
    clean("Dat nummer NL91 ABNA 0417 1643 01 klopt niet.");
    clean("Doneren kan op NL91 ABNA 0417 1643 00 t.n.v. Stichting Buurtfonds.");
  });

  it("marks e-mail addresses and Dutch licence plates", () => {
    expect(kinds("Mail j.devries@gmail.com of [hier](mailto:k.bakker@ziggo.nl).")).toEqual(["email:j.devries@gmail.com", "email:k.bakker@ziggo.nl"]);
    expect(kinds("De bus met kenteken 52-KLT-8 en de auto GJ-12-KL en 9-xkb-21.")).toEqual(["plate:52-KLT-8", "plate:GJ-12-KL", "plate:9-xkb-21"]);
    clean("We gebruiken de 4-2-1-regel en het MFA-12-plan.");
  });

  it("marks a date of birth, not a meeting's date", () => {
    expect(kinds("Cor is geboren op 3 september 1941.")).toContain("birthdate:3 september 1941");
    expect(kinds("Geboortedatum: 11-09-1979.")).toEqual(["birthdate:11-09-1979"]);
    expect(kinds("Op de lijst: A. de Bruin, geb. 02-11-1951.")).toContain("birthdate:02-11-1951");
    clean("De training is op 14 maart 2025, de kenniskring was op 2 juli 2009, de vergadering op 12-03-2024.");
  });
});

describe("values the writer says are not real", () => {
  it.each([
    "Op het formulier staat als voorbeeldpostcode: 2511 CV, dat vullen mensen dan over.",
    "Het telefoonnummer 06-41872390 is verzonnen, het staat alleen in de folder als uitleg.",
    "Gebruik in de training een voorbeeld-IBAN, NL91ABNA0417164300, en nooit je eigen rekening.",
    "Het adres op de poster, 3024 BG, bestaat niet; dat hebben we expres zo gedaan.",
  ])("%s", (text) => clean(text));

  it.each([
    ["Bel bijvoorbeeld zijn dochter op 06-41872390, die weet ervan.", "phone:06-41872390"],
    ["Een voorbeeld: meneer Jansen woont op 3024 BG 17 en krijgt geen post.", "postcode:3024 BG 17"],
    ["Haar nummer 06-41872390 is echt, bel haar gerust.", "phone:06-41872390"],
  ])("still marks a real one: %s", (text, mark) => {
    expect(kinds(text)).toContain(mark);
  });
});

describe("what is said of a person", () => {
  it("marks an age that singles someone out, not a group's or the writer's", () => {
    expect(kinds("Mevrouw Jansen (87) woont alleen.")).toContain("age:87");
    expect(kinds("Een weduwe van 94 op de hoek van de Zonnebloemstraat is de laatste van het blok.")).toContain("age:94");
    clean("Een vrouw van 45 vertelde me dat ze het lastig vond.");
    clean("Jongeren van 12 tot 16 doen boodschappen voor 80-plussers.");
    clean("Ik ben 34 jaar en werk sinds 2015 als opbouwwerker.");
  });

  it("marks health, origin and religion said of an identifiable person", () => {
    const expectSpecial = (text: string, word: string, replacement: string) =>
      expect(marks(text).filter(([k]) => k === "special")).toEqual([["special", word, replacement]]);
    expectSpecial("De slechthorende buurman van nummer 7 zet zijn tv hard.", "slechthorende", "[gezondheid]");
    expectSpecial("Henk woont alleen. Hij heeft sinds kort dementie.", "dementie", "[gezondheid]");
    expectSpecial("Fatima is een Marokkaanse moeder van drie.", "Marokkaanse", "[afkomst]");
    expectSpecial("Youssef helpt mee. Iemand vond het raar dat een moslim helpt.", "moslim", "[geloof]");
  });

  it("leaves statements about groups alone", () => {
    clean("We zien steeds meer ouderen met geheugenproblemen in de wijk.");
    clean("Veel Turkse en Marokkaanse ouderen weten niet dat ze recht hebben op hulp.");
    clean("Mensen met autisme vinden de markt lastig; sommige christelijke bewoners willen geen activiteit op zondag.");
  });
});

describe("the marks", () => {
  it("point into the text as written: UTF-16 offsets, Markdown around them", () => {
    const text = "## 👩‍👧 Casus\n\n- **Henk de Vries** (_83_) woont op [de Kerkstraat 12](https://kaart.nl/kerkstraat).";
    const found = checkPrivacy(text).marks;
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(["Henk de Vries", "83", "Kerkstraat 12"]);
  });

  it("are the same for the same text, ordered, and never overlap", () => {
    const text = "Mevrouw Jansen (87), Kerkstraat 12, 06-12345678, j.jansen@gmail.com, NL91 ABNA 0417 1643 00, geboren op 1 mei 1937.";
    const first = checkPrivacy(text);
    expect(checkPrivacy(text)).toEqual(first);
    for (let i = 1; i < first.marks.length; i++) expect(first.marks[i]!.start).toBeGreaterThanOrEqual(first.marks[i - 1]!.end);
    const found = new Set<PrivacyKind>(first.marks.map((m) => m.kind));
    for (const kind of ["name", "age", "address", "phone", "email", "iban", "birthdate"] as const) expect(found).toContain(kind);
  });

  it("says nothing about an empty or blank text", () => {
    expect(checkPrivacy("")).toEqual({ warn: false, marks: [] });
    expect(checkPrivacy(" \n\t ")).toEqual({ warn: false, marks: [] });
  });
});
