// Named statements (db.server.ts): one name per statement text, searches left unnamed.
import { describe, expect, it } from "vitest";
import { preparedStatementName } from "~/platform/db.server";

describe("prepared statement names", () => {
  it("names the same statement alike and different statements apart", () => {
    const a = preparedStatementName({ sql: 'SELECT "id" FROM "User" WHERE "id" = $1' });
    expect(a).toMatch(/^kk_/);
    expect(preparedStatementName({ sql: 'SELECT "id" FROM "User" WHERE "id" = $1' })).toBe(a);
    expect(preparedStatementName({ sql: 'SELECT "id" FROM "Dilemma" WHERE "id" = $1' })).not.toBe(a);
  });

  it("leaves searches unnamed, so they are planned for the words searched", () => {
    expect(preparedStatementName({ sql: 'SELECT 1 FROM "SearchDocument" s WHERE s.doc @@ $1::tsquery' })).toBe("");
  });
});
