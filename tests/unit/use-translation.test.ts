// The remembering `t` behind our useTranslation answers exactly as i18next does, for plain
// keys, interpolation and plurals, in both languages, however often it is asked.
import { describe, expect, it } from "vitest";
import { rememberingT } from "~/components/use-translation";
import { createI18n } from "~/platform/i18n";

describe("the remembering t", () => {
  for (const locale of ["nl", "en"] as const) {
    it(`answers as i18next does (${locale})`, () => {
      const i18n = createI18n(locale);
      const t = rememberingT(i18n);
      for (let round = 0; round < 2; round++) {
        expect(t("account.title")).toBe(i18n.t("account.title"));
        expect(t("account.roles", { returnObjects: true })).toEqual(i18n.t("account.roles", { returnObjects: true }));
        for (const count of [1, 2, 1]) {
          expect(t("account.sessions", { count })).toBe(i18n.t("account.sessions", { count }));
        }
        for (const name of ["Fatima", "Jan", "Fatima"]) {
          expect(t("account.signedInAs", { name })).toBe(i18n.t("account.signedInAs", { name }));
        }
      }
      expect(t("account.sessions", { count: 1 })).not.toBe(t("account.sessions", { count: 2 }));
      expect(t("account.signedInAs", { name: "Jan" })).toContain("Jan");
    });
  }

  it("still answers when the options cannot be remembered", () => {
    const i18n = createI18n("nl");
    const t = rememberingT(i18n);
    const cyclic: Record<string, unknown> = { name: "Noor" };
    cyclic.self = cyclic;
    expect(t("account.signedInAs", cyclic)).toBe("Je bent ingelogd als Noor.");
  });
});

describe("counts in a sentence (decision 048: small ones without Intl)", () => {
  it("writes a count as Intl does, small or large, in both languages", () => {
    for (const [locale, thousands] of [["nl", "1.250"], ["en", "1,250"]] as const) {
      const i18n = createI18n(locale);
      for (const count of [0, 1, 7, 999, 1000, 1250, 123456]) {
        expect(i18n.t("account.sessions", { count })).toContain(new Intl.NumberFormat(locale).format(count));
      }
      expect(i18n.t("account.sessions", { count: 1250 })).toContain(thousands);
    }
  });

  it("keeps a key with sentence marks working (no namespaces)", () => {
    const i18n = createI18n("nl");
    expect(i18n.t("account.title")).toBe("Mijn account");
    expect(i18n.t("nav.skipToContent")).not.toBe("nav.skipToContent");
  });
});
