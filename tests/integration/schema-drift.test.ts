// prisma/schema.prisma and prisma/migrations must describe the same database: the generated
// client is built from the first, the real database from the second. Prisma's schema engine
// diffs the migrated database against the schema; any difference means a migration is
// missing (npm run db:migration -- <name>) or was edited by hand.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { diffDatabaseToSchema } from "../../scripts/lib/schema-engine";
import { useTestDatabase } from "../support/database";

const database = useTestDatabase();
const schema = fs.readFileSync("prisma/schema.prisma", "utf8");

describe("schema drift", () => {
  it("the migrated database is exactly what schema.prisma describes", async () => {
    const { sql, empty } = await diffDatabaseToSchema(database.url, schema);
    expect(sql).toBe("-- This is an empty migration.\n");
    expect(empty).toBe(true);
  });

  it("would notice a field that no migration adds", async () => {
    const withExtraField = schema.replace(/model User \{\n/, "model User {\n  nickname String?\n");
    expect(withExtraField).not.toBe(schema);

    const { sql, empty } = await diffDatabaseToSchema(database.url, withExtraField);
    expect(empty).toBe(false);
    expect(sql).toContain('ALTER TABLE "User" ADD COLUMN     "nickname" TEXT;');
  });
});
