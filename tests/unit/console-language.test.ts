import { describe, expect, it } from "vitest";
import { consoleLocale, inConsoleLanguage } from "~/platform/console-language";

describe("the terminal's language", () => {
  it("is Dutch on a bare server and for a Dutch shell, English for an English one", () => {
    expect(consoleLocale({})).toBe("nl");
    expect(consoleLocale({ LANG: "C.UTF-8" })).toBe("nl");
    expect(consoleLocale({ LANG: "POSIX" })).toBe("nl");
    expect(consoleLocale({ LANG: "nl_NL.UTF-8" })).toBe("nl");
    expect(consoleLocale({ LANG: "en_GB.UTF-8" })).toBe("en");
    expect(consoleLocale({ LANG: "en" })).toBe("en");
  });

  it("follows KK_LANG first, then LC_ALL, LC_MESSAGES and LANG, as POSIX orders them", () => {
    expect(consoleLocale({ KK_LANG: "nl", LANG: "en_US.UTF-8" })).toBe("nl");
    expect(consoleLocale({ LC_ALL: "en_US.UTF-8", LANG: "nl_NL.UTF-8" })).toBe("en");
    expect(consoleLocale({ LC_MESSAGES: "nl_BE.UTF-8", LANG: "en_US.UTF-8" })).toBe("nl");
    expect(inConsoleLanguage("klaar", "done", { LANG: "en_US.UTF-8" })).toBe("done");
    expect(inConsoleLanguage("klaar", "done", { LANG: "C" })).toBe("klaar");
  });
});
