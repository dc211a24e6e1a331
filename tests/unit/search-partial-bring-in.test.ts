// What brings threads into the partial matches (decision 061): rare words, and pairs of common
// words that are rare together. Inside a large forum every word of a question typed as a
// sentence may be common; with single words alone such a question found nothing at all. No
// database: the posts each pair matches come from a stand-in for ranking's counts.
import { beforeEach, describe, expect, it, vi } from "vitest";

const together = new Map<string, number>();
const asked: string[][] = [];
vi.mock("~/search/ranking.server", () => ({
  postsMatching: async (queries: string[]) => {
    asked.push(queries);
    return queries.map((q) => together.get(q) ?? 0);
  },
}));
const { partialBringIn } = await import("~/search/compile.server");

const opts = { perTerm: 2_000, budget: 1_000, required: 2 };
const terms = ["'iemand'", "'hulp'", "'accepter'"].map((direct) => ({ direct }));

beforeEach(() => {
  together.clear();
  asked.length = 0;
});

describe("what brings threads into the partial matches", () => {
  it("brings a rare word in on its own, and a pair of common words that are rare together", async () => {
    together.set("( 'iemand' ) & ( 'hulp' )", 180);
    expect(await partialBringIn(terms, [55_000, 2_200, 1], opts)).toEqual(["'accepter'", "( 'iemand' ) & ( 'hulp' )"]);
  });

  it("leaves out a pair that is common together too, or found nowhere", async () => {
    const four = [...terms, { direct: "'zelf'" }];
    together.set("( 'iemand' ) & ( 'hulp' )", 2_500);
    together.set("( 'iemand' ) & ( 'zelf' )", 0);
    together.set("( 'hulp' ) & ( 'zelf' )", 400);
    expect(await partialBringIn(four, [55_000, 2_200, 1, 49_000], { ...opts, required: 3 })).toEqual(["'accepter'", "( 'hulp' ) & ( 'zelf' )"]);
  });

  it("takes the rarest pairs first while the posts they add stay within the budget", async () => {
    const four = [...terms, { direct: "'zelf'" }];
    together.set("( 'iemand' ) & ( 'hulp' )", 300);
    together.set("( 'iemand' ) & ( 'accepter' )", 1_200);
    together.set("( 'hulp' ) & ( 'accepter' )", 900);
    const out = await partialBringIn(four, [55_000, 2_200, 3_000, 1_000], { ...opts, budget: 2_000, required: 3 });
    // 300 and 900 fit in 2 000; 1 200 more would not. 'zelf' is rare enough on its own.
    expect(out).toEqual(["'zelf'", "( 'iemand' ) & ( 'hulp' )", "( 'hulp' ) & ( 'accepter' )"]);
  });

  it("asks for no pairs when a thread needs only one word, or when at most one word is common", async () => {
    expect(await partialBringIn(terms.slice(0, 2), [55_000, 2_200], { ...opts, required: 1 })).toEqual([]);
    expect(await partialBringIn(terms, [55_000, 20, 1], opts)).toEqual(["'hulp'", "'accepter'"]);
    expect(asked).toEqual([]);
  });
});
