import { describe, expect, it } from "vitest";
import { replyText } from "~/notifications/reply-text";

// The new words of a reply by mail (decision 028): email-reply-parser cuts the quote and the
// phone signatures; our own rules cut what it misses in Dutch and English mail.
describe("replyText", () => {
  it("cuts a Dutch quote header ('Op … schreef …:'), also broken over two lines, and the quote under it", () => {
    expect(replyText("Goed punt, ik bel eerst.\n\nOp ma 7 dec. 2026 om 10:12 schreef Kenniskring <kring@voorbeeld.nl>:\n\n> Anna reageerde\n> bij je dilemma")).toBe(
      "Goed punt, ik bel eerst.",
    );
    expect(replyText("Eens.\n\nOp 7 december 2026 10:12 schreef Kenniskring\n<antwoord-1-2-0-abc-x@voorbeeld.nl>:\n> quote")).toBe("Eens.");
  });

  it("cuts an English quote header and '>' quoting", () => {
    expect(replyText("Thanks!\r\n\r\nOn Mon, Dec 7, 2026 at 10:12 AM Kenniskring <x@voorbeeld.nl> wrote:\r\n> hi\r\n")).toBe("Thanks!");
  });

  it("cuts a closing with a short signature: 'Met vriendelijke groet', 'Groeten', 'Kind regards'", () => {
    expect(replyText("Goed punt.\nTweede regel.\n\nMet vriendelijke groet,\n\nPiet Jansen\nWijkteam Noord\n06-12345678")).toBe("Goed punt.\nTweede regel.");
    expect(replyText("Prima.\n\nMet vriendelijke groeten,\nPiet\n\nVerstuurd vanaf mijn iPhone")).toBe("Prima.");
    expect(replyText("Prima.\n\nGroeten,\nPiet")).toBe("Prima.");
    expect(replyText("Fine.\n\nKind regards,\nPete")).toBe("Fine.");
  });

  it("keeps a greeting in the middle of a long text: only a short signature under it is cut", () => {
    const text = "Ik eindig mijn mails altijd met:\nmet vriendelijke groet\nen dat werkt.\nRegel 4\nRegel 5\nRegel 6\nRegel 7\nRegel 8\nRegel 9";
    expect(replyText(text)).toBe(text);
  });

  it("cuts Outlook's quoted message (Dutch and English)", () => {
    expect(replyText("Prima.\n\n-----Oorspronkelijk bericht-----\nVan: Kenniskring\nVerzonden: maandag")).toBe("Prima.");
    expect(replyText("Prima.\n\nVan: Kenniskring <kring@voorbeeld.nl>\nVerzonden: maandag 7 december 2026 10:12\nAan: Piet")).toBe("Prima.");
    expect(replyText("Fine.\n\nFrom: Kenniskring <kring@voorbeeld.nl>\nSent: Monday")).toBe("Fine.");
  });

  it("leaves nothing of a mail that only quotes, and cleans invisible characters", () => {
    expect(replyText("\n\nOp ma 7 dec. 2026 om 10:12 schreef Kenniskring <kring@voorbeeld.nl>:\n> quote")).toBe("");
    expect(replyText("Ja\u200b, dat\u0007 klopt.")).toBe("Ja, dat klopt.");
  });
});
