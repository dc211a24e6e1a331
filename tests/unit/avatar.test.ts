import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColourIndex, initialsOf } from "~/members/avatar";

// Generated avatars: initials a person would recognise, a colour that stays the member's own,
// and white text readable on every colour (WCAG AA for small text).

describe("initials", () => {
  it.each([
    ["Fatima de Vries", "FV"],
    ["Jan van der Berg", "JB"],
    ["Anne-Marie van 't Hof", "AH"],
    ["Kees", "K"],
    ["IJsbrand Ter Horst", "IJH"],
    ["  émile   zola ", "ÉZ"],
    ["Opbouwwerker (demo)", "O"],
    ["Organisator Kenniskring (demo)", "OK"],
    ["Çağrı Yılmaz", "ÇY"],
    ["李 小龙", "李小"],
    ["@@ !!", "@"],
  ])("%s → %s", (name, initials) => {
    expect(initialsOf(name)).toBe(initialsOf(name)); // deterministic
    expect(initialsOf(name)).toBe(initials);
  });

  it("a name of letters with combining accents (NFD) gives the composed letter", () => {
    expect(initialsOf("E\u0301lodie Martin")).toBe("ÉM");
  });
});

describe("colours", () => {
  it("a member keeps their colour: from the handle, whatever case it is written in", () => {
    expect(avatarColourIndex("fatima-de-vries")).toBe(avatarColourIndex("Fatima-De-Vries"));
  });

  it("spreads a circle's handles over every colour", () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => avatarColourIndex(`lid-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS.length);
    expect(avatarColourIndex("jan")).not.toBe(avatarColourIndex("jan-2"));
  });

  it.each(AVATAR_COLOURS.map((c) => [c]))("white initials on %s have a contrast of at least 4.5:1", (colour) => {
    expect(contrast("#ffffff", colour)).toBeGreaterThanOrEqual(4.5);
  });

  it("the stylesheet draws each avatar colour with the same value", () => {
    const css = fs.readFileSync("app/styles/app.css", "utf8");
    AVATAR_COLOURS.forEach((colour, i) => {
      expect(css).toMatch(new RegExp(`\\.avatar--c${i} \\{ background-color: ${colour}; \\}`));
    });
    expect(css).not.toMatch(new RegExp(`\\.avatar--c${AVATAR_COLOURS.length} `));
  });
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
