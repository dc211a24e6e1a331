// The cost of ranking (decision 057): ts_rank_cd is most of an uncached search's time per matching
// post, so the SQL asks it as few times as the score needs. No database: the statement's text.
import { describe, expect, it } from "vitest";
import { bm25Sql, type RankStats } from "~/search/ranking.server";

const stats: RankStats = { posts: 1000, avgLength: 40, df: [10, 20, 5], idf: [4, 3.5, 5] };
const calls = (sql: string) => sql.match(/ts_rank_cd\(/g)?.length ?? 0;

describe("the BM25 score's SQL", () => {
  it("ranks a term without alternatives (its exact query is its whole query) once per post", () => {
    const sql = bm25Sql([{ all: "'repair'", exact: "'repair'" }], stats).sql;
    expect(calls(sql)).toBe(1);
  });

  it("ranks a term with alternatives twice: all of them and the word as typed, averaged", () => {
    const sql = bm25Sql([{ all: "'werk' | 'werken'", exact: "'werken'" }], stats).sql;
    expect(calls(sql)).toBe(2);
    expect(sql).toMatch(/\)\)::float8 \/ 2 \+/);
  });

  it("is one expression per post, without a sub-select started for every post (decision 060)", () => {
    const sql = bm25Sql([{ all: "'werk' | 'werken'", exact: "'werken'" }, { all: "'repair'", exact: "'repair'" }], stats).sql;
    expect(sql).not.toMatch(/SELECT/i);
    expect(calls(sql)).toBe(3);
  });

  it("counts each term on its own, the words-together term included", () => {
    const terms = [
      { all: "'repair'", exact: "'repair'" },
      { all: "'caf' | 'cafe'", exact: "'cafe'" },
      { all: "( 'repair' ) & ( 'caf' | 'cafe' )", exact: "( 'repair' ) & ( 'cafe' )" },
    ];
    expect(calls(bm25Sql(terms, stats).sql)).toBe(1 + 2 + 2);
  });
});
