import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules of DESIGN.md live in eslint.config.js. These cases prove the rules bite:
// each snippet is linted as if it were a file at that path.
const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "import-x/no-restricted-paths").map((m) => m.message);
}

describe("layering", () => {
  it("refuses the database client in a route", async () => {
    const errors = await layerErrors("app/routes/example.tsx", 'import { db } from "~/platform/db.server";\nexport const x = db;\n');
    expect(errors.join()).toMatch(/never query the database/);
  });

  it("refuses the generated Prisma client in a route", async () => {
    const errors = await layerErrors(
      "app/routes/example.tsx",
      'import { PrismaClient } from "~/generated/prisma/client";\nexport const x = PrismaClient;\n',
    );
    expect(errors.join()).toMatch(/never query the database/);
  });

  it("refuses a domain import in platform", async () => {
    const errors = await layerErrors(
      "app/platform/example.server.ts",
      'import { signUp } from "~/accounts/accounts.server";\nexport const x = signUp;\n',
    );
    expect(errors.join()).toMatch(/Platform knows no domain noun/);
  });

  it("refuses HTTP glue in the domain", async () => {
    const errors = await layerErrors(
      "app/accounts/example.server.ts",
      'import { guardianOf } from "~/web/context.server";\nexport const x = guardianOf;\n',
    );
    expect(errors.join()).toMatch(/never sees HTTP/);
  });

  it("allows a route to call the domain", async () => {
    const errors = await layerErrors(
      "app/routes/example.tsx",
      'import { signUp } from "~/accounts/accounts.server";\nexport const x = signUp;\n',
    );
    expect(errors).toEqual([]);
  });

  it("points every component and route at our useTranslation, not react-i18next's", async () => {
    for (const filePath of ["app/routes/example.tsx", "app/components/Example.tsx"]) {
      const [result] = await eslint.lintText(
        'import { useTranslation } from "react-i18next";\nexport const x = useTranslation;\n',
        { filePath },
      );
      const messages = result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports");
      expect(messages.map((m) => m.message).join(), filePath).toMatch(/components\/use-translation/);
    }
  });

  it("names a component's file as its component and every other file in kebab-case", async () => {
    const fileNameErrors = async (filePath: string) => {
      const [result] = await eslint.lintText("export const x = 1;\n", { filePath });
      return result!.messages.filter((m) => m.ruleId === "kenniskring/file-names").length;
    };
    expect(await fileNameErrors("app/components/author-name.tsx")).toBe(1);
    expect(await fileNameErrors("app/search/SearchThing.server.ts")).toBe(1);
    expect(await fileNameErrors("app/components/thread/ReplyItem.tsx")).toBe(0);
    expect(await fileNameErrors("app/components/use-translation.ts")).toBe(0);
    expect(await fileNameErrors("app/replies/thread-path.ts")).toBe(0);
  });
});
