import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "~/dilemmas/cursor";
import { diffLines } from "~/revisions/diff";
import { listQueryFromSearchParams, listSearch } from "~/dilemmas/list-query";
import { dilemmaPath, slugify } from "~/dilemmas/paths";
import { similarityText } from "~/search/similar-dilemmas.server";
import { withTemplate } from "~/dilemmas/template";

describe("slugify and dilemmaPath", () => {
  it("makes lowercase ASCII words joined by dashes, accents stripped", () => {
    expect(slugify("Hoe breng je in één gesprek in kaart wat een bewoner wil?")).toBe(
      "hoe-breng-je-in-een-gesprek-in-kaart-wat-een-bewoner-wil",
    );
    expect(slugify("  Café’s & crèches: wat nú?! ")).toBe("cafe-s-creches-wat-nu");
    expect(slugify("Straße, Ærø")).toBe("strasse-aero");
  });

  it("stays within 60 characters, cut between words", () => {
    const slug = slugify("Hoe voorkom je dat talent van bewoners blijft hangen in de eigen wijk en daarbuiten?");
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe("hoe-voorkom-je-dat-talent-van-bewoners-blijft-hangen-in-de");
    expect(slugify("x".repeat(100))).toBe("x".repeat(60));
  });

  it("never gives an empty slug or one that names a sub-page", () => {
    expect(slugify("???")).toBe("dilemma");
    expect(slugify("")).toBe("dilemma");
    expect(slugify("Edit")).toBe("dilemma-edit");
    expect(slugify("Revisions!")).toBe("dilemma-revisions");
    expect(slugify("Edit this")).toBe("edit-this");
  });

  it("builds /dilemmas/:id/:slug", () => {
    expect(dilemmaPath({ id: 7, title: "Hoe houd je de eerste inzet van bewoners vast?" })).toBe(
      "/dilemmas/7/hoe-houd-je-de-eerste-inzet-van-bewoners-vast",
    );
  });
});

describe("list cursors and query strings", () => {
  it("round-trips a cursor and refuses anything else", () => {
    const cursor = { lastActivityAt: new Date("2009-07-02T14:05:00.123Z"), id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of [null, "", "abc", "12-", "-3", "1.5-3", "12-99999999999", "1-2-3"]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });

  it("reads filters and one page direction from the URL, and writes them back", () => {
    const query = listQueryFromSearchParams(
      new URLSearchParams("competence=loslaten&competence=loslaten&competence=vertrouwen&status=answered&unanswered=1&after=5-3&before=6-4"),
    );
    expect(query).toEqual({
      competences: ["loslaten", "vertrouwen"],
      status: "answered",
      unanswered: true,
      sort: "activity",
      after: { lastActivityAt: new Date(5), id: 3 },
      before: null,
    });
    expect(listSearch(query, { after: "5-3" })).toBe(
      "?competence=loslaten&competence=vertrouwen&status=answered&unanswered=1&after=5-3",
    );
    expect(listSearch({ competences: [], status: null, unanswered: false })).toBe("");
  });
});

describe("diffLines", () => {
  it("marks removed and added paragraphs and keeps the rest", () => {
    expect(diffLines("een\n\ntwee\n\ndrie", "een\n\nTWEE\n\ndrie\n\nvier")).toEqual([
      { kind: "same", text: "een" },
      { kind: "same", text: "" },
      { kind: "removed", text: "twee" },
      { kind: "added", text: "TWEE" },
      { kind: "same", text: "" },
      { kind: "same", text: "drie" },
      { kind: "added", text: "" },
      { kind: "added", text: "vier" },
    ]);
  });

  it("gives up (null) on texts too long to compare cheaply", () => {
    const long = Array.from({ length: 1200 }, (_, i) => `regel ${i}`).join("\n");
    expect(diffLines(long, `${long}\nextra`)).toBeNull();
  });
});

describe("withTemplate", () => {
  const labels = ["Situatie:", "Wat ik probeerde:", "Mijn vraag:"];
  it("fills an empty text, appends to a started one, and does not repeat itself", () => {
    const template = "**Situatie:** \n\n**Wat ik probeerde:** \n\n**Mijn vraag:** ";
    expect(withTemplate("  ", labels)).toBe(template);
    expect(withTemplate("Al begonnen.\n", labels)).toBe(`Al begonnen.\n\n${template}`);
    expect(withTemplate(template, labels)).toBe(template);
  });
});

describe("similarityText", () => {
  it("keeps the words that carry meaning: accents and small words go", () => {
    expect(similarityText("Hoe houd je de éérste inzet van bewoners vast?")).toBe("houd eerste inzet bewoners vast");
  });
});

describe("the list's order in its URL (issue 22)", () => {
  it("reads and writes sort=newest, and leaves the default out", async () => {
    const { listQueryFromSearchParams, listSearch } = await import("~/dilemmas/list-query");
    expect(listQueryFromSearchParams(new URLSearchParams("sort=newest")).sort).toBe("newest");
    expect(listQueryFromSearchParams(new URLSearchParams("sort=nonsense")).sort).toBe("activity");
    expect(listSearch({ competences: [], status: null, unanswered: false, sort: "newest" })).toBe("?sort=newest");
    expect(listSearch({ competences: [], status: null, unanswered: true, sort: "activity" })).toBe("?unanswered=1");
  });
});
