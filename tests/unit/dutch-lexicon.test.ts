// The packed lexicon (decision 031) answers as the serialised file says: flags, lemmas, order,
// and nothing for words it does not hold (other letters, other lengths, other alphabets).
import { describe, expect, it } from "vitest";
import { Bits } from "~/search/dutch/hunspell";
import { Lexicon, LEXICON_FORMAT, serializeLexicon } from "~/search/dutch/lexicon";

const data = {
  bits: new Map<string, number>([
    ["werken", Bits.Known | Bits.Lower | Bits.VerbInf],
    ["werkte", Bits.Known | Bits.Lower | Bits.VerbForm],
    ["wijk", Bits.Known | Bits.Lower | Bits.Noun | Bits.Begin],
    ["initiatieven", Bits.Known | Bits.Lower | Bits.Noun],
    ["amsterdam", Bits.Known | Bits.Name],
  ]),
  lemmas: new Map<string, string>([
    ["werkte", "2:en"],
    ["initiatieven", "3:f"],
  ]),
};

describe("the packed Dutch lexicon", () => {
  const lexicon = Lexicon.fromData(data);

  it("gives each form its flags and lemmas", () => {
    expect(lexicon.size).toBe(5);
    expect(lexicon.isInfinitive("werken")).toBe(true);
    expect(lexicon.lemmas("werkte")).toEqual(["werken"]);
    expect(lexicon.lemmas("initiatieven")).toEqual(["initiatief"]);
    expect(lexicon.lemmas("wijk")).toEqual([]);
    expect(lexicon.is("wijk", Bits.Begin)).toBe(true);
    expect(lexicon.has("amsterdam")).toBe(true);
    expect(lexicon.hasCommon("amsterdam")).toBe(false);
    expect(lexicon.hasCommon("wijk")).toBe(true);
  });

  it("knows nothing of words it does not hold", () => {
    for (const word of ["", "wij", "wijkje", "Wijk", "wïjk", "werk", "werkten", "x".repeat(300), "wijk\u0100"]) {
      expect(lexicon.bits(word), word).toBe(0);
      expect(lexicon.lemmas(word), word).toEqual([]);
    }
  });

  it("lists its forms in sorted order, as the file has them", () => {
    expect([...lexicon.forms()]).toEqual(["amsterdam", "initiatieven", "werken", "werkte", "wijk"]);
  });

  it("reads the serialised file's bytes, header lines included, and refuses anything else", () => {
    const text = serializeLexicon(data, ["© OpenTaal — a header line with other characters"]);
    const fromFile = Lexicon.fromSerialized(Buffer.from(text, "utf8"));
    expect([...fromFile.forms()]).toEqual([...lexicon.forms()]);
    expect(fromFile.lemmas("werkte")).toEqual(["werken"]);
    expect(() => Lexicon.fromSerialized(Buffer.from("wijk\t1\n"))).toThrow(/Not a Kenniskring Dutch lexicon/);
    expect(text.startsWith(`# ${LEXICON_FORMAT}`)).toBe(true);
  });
});
