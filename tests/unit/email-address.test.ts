import { describe, expect, it } from "vitest";
import { isEmailAddress, normaliseEmail, splitAddressList } from "~/accounts/email-address";

describe("e-mail addresses", () => {
  it.each([
    "anna@voorbeeld.nl",
    "anna+kenniskring@voorbeeld.nl",
    "a.de.vries@wijkteam-noord.gemeente.nl",
    "jan@bücher.example",
    "jan@xn--bcher-kva.example",
    "josé@voorbeeld.nl",
    "o'brien@voorbeeld.org",
    "x@voorbeeld.amsterdam",
  ])("accepts %s", (address) => {
    expect(isEmailAddress(normaliseEmail(address))).toBe(true);
  });

  it.each([
    "",
    "geen-adres",
    "anna@",
    "@voorbeeld.nl",
    "anna@voorbeeld",
    "anna@@voorbeeld.nl",
    "anna@voorbeeld..nl",
    ".anna@voorbeeld.nl",
    "anna.@voorbeeld.nl",
    "an..na@voorbeeld.nl",
    "anna de vries@voorbeeld.nl",
    "anna@voor beeld.nl",
    "anna@-voorbeeld.nl",
    "anna@voorbeeld.nl/pad",
    "anna@voorbeeld.nl:25",
    "anna@127.0.0.1",
    "anna@voorbeeld.n1",
    `${"a".repeat(65)}@voorbeeld.nl`,
    "<script>@voorbeeld.nl",
  ])("refuses %j", (value) => {
    expect(isEmailAddress(normaliseEmail(value))).toBe(false);
  });

  it("normalises what a copy brings along: spaces, invisible characters, mailto:, brackets, the domain's capitals", () => {
    expect(normaliseEmail("  \u200BAnna+Kring@VOORBEELD.NL\uFEFF ")).toBe("Anna+Kring@voorbeeld.nl");
    expect(normaliseEmail("mailto:anna@voorbeeld.nl")).toBe("anna@voorbeeld.nl");
    expect(normaliseEmail("<anna@voorbeeld.nl>")).toBe("anna@voorbeeld.nl");
    expect(normaliseEmail("jose\u0301@voorbeeld.nl")).toBe("josé@voorbeeld.nl"); // NFC
  });

  it("splits a pasted list: lines, commas, semicolons, names from a mail program, repeats once", () => {
    const pasted = `anna@voorbeeld.nl, piet@voorbeeld.nl;Karin de Vries <karin@voorbeeld.nl>
      "Vries, Jan" <jan@voorbeeld.nl>
      ANNA@voorbeeld.nl
      geen-adres   bert@voorbeeld.nl`;
    expect(splitAddressList(pasted)).toEqual({
      addresses: ["anna@voorbeeld.nl", "piet@voorbeeld.nl", "karin@voorbeeld.nl", "jan@voorbeeld.nl", "bert@voorbeeld.nl"],
      notAddresses: ["geen-adres"],
    });
  });
});
