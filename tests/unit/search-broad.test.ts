// The parts of broad searches (decision 011) that need no database: title tokens in a post's
// vector, the head query that finds them, the sample buckets, and how estimates are rounded.
import { describe, expect, it } from "vitest";
import { headQuery } from "~/search/compile.server";
import { estimateFromSample } from "~/search/search.server";
import { documentVector, SAMPLE_BUCKETS, sampleToken } from "~/search/vector.server";
import { createI18n } from "~/platform/i18n";

describe("title tokens", () => {
  it("index a title's words a second time, at the same positions, and only the title's", () => {
    const vector = documentVector([
      { weight: "A", text: "Moestuin" },
      { weight: "C", text: "De moestuin bloeit" },
    ]);
    expect(vector).toContain("'t:moestuin':1A");
    expect(vector).toMatch(/'moestuin':1A,\d+C/);
    expect(vector).not.toMatch(/'t:bloei/);
  });

  it("weigh a compound's parts and a misspelling's correction below the word as written, per field", () => {
    const vector = documentVector([
      { weight: "A", text: "Schuldhulpverlening" },
      { weight: "C", text: "Schulden en de vergardering over schuldhulpverlening" },
    ]);
    // The part "schuld": B in the title (under A), D (no label) in the text; the word "Schulden"
    // itself is C. The correction of "vergardering" is weak, the word as written is not.
    expect(vector).toMatch(/'schuld':1B,\d+C,\d+(?![ABC\d])/);
    expect(vector).toContain("'t:schuld':1B");
    expect(vector).toMatch(/'schuldhulpverlen':1A,\d+C/);
    expect(vector).toMatch(/'vergader':\d+(?![ABC\d])/);
    expect(vector).toMatch(/'vergardering':\d+C/);
  });

  it("are what the head query asks for, phrases and prefixes included; competences stay", () => {
    expect(headQuery("( 'eig' <-> 'kracht' ) | 'c:12'")).toBe("( 't:eig' <-> 't:kracht' ) | 'c:12'");
    expect(headQuery("'vrijwi':* & 'buurt'")).toBe("'t:vrijwi':* & 't:buurt'");
  });
});

describe("sample buckets", () => {
  it("spread threads evenly, whatever their ids, reports (negative keys) included", () => {
    const counts = new Map<string, number>();
    for (let id = -2000; id < 30000; id++) counts.set(sampleToken(id), (counts.get(sampleToken(id)) ?? 0) + 1);
    expect(counts.size).toBe(SAMPLE_BUCKETS);
    for (const count of counts.values()) expect(Math.abs(count - 2000)).toBeLessThan(100);
  });
});

describe("estimates", () => {
  it("are the sample times the buckets, rounded to two significant digits from 100 up", () => {
    expect(estimateFromSample(0)).toBe(0);
    expect(estimateFromSample(3)).toBe(48);
    expect(estimateFromSample(7)).toBe(110);
    expect(estimateFromSample(1046)).toBe(17000);
  });
});

describe("counts on the search page and elsewhere", () => {
  it("are written the way each language writes large numbers", () => {
    const [nl, en] = [createI18n("nl"), createI18n("en")];
    expect(nl.t("search.results.headingAbout", { count: 17000 })).toBe("Ongeveer 17.000 resultaten");
    expect(en.t("search.results.headingAbout", { count: 17000 })).toBe("About 17,000 results");
    expect(nl.t("search.results.heading", { count: 16733 })).toBe("16.733 resultaten");
    expect(nl.t("search.filters.countAbout", { count: 4100 })).toBe("(ongeveer 4.100)");
    expect(nl.t("search.results.heading", { count: 1 })).toBe("1 resultaat");
    expect(nl.t("competences.dilemmaCount", { count: 1234 })).toBe("1.234 dilemma's");
    expect(en.t("dilemmas.replies", { count: 1500 })).toBe("1,500 replies");
  });
});
