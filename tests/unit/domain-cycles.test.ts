import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { appSources, circles, folderGraph } from "../support/folder-graph";

// No two folders of app/ import each other, directly or round a circle (decision 014). The
// five circles the code once had (dilemmas ↔ replies, dilemmas ↔ search, replies ↔ search,
// meetings ↔ search, competences ↔ dilemmas) passed ESLint's import-x/no-cycle: it looks for
// circles of files, and these were circles of folders (and it did not parse .ts files at all).
describe("folders of app/", () => {
  it("import each other in no circle", () => {
    const graph = folderGraph(appSources());
    expect(graph.get("search")).toContain("dilemmas"); // the check reads real imports
    expect(circles(graph)).toEqual([]);
  });

  it("fail the check with one planted circle", () => {
    const sources = appSources();
    // meetings already use competences; one import back closes a circle.
    sources.set("app/competences/planted.server.ts", 'import type { MeetingRef } from "~/meetings/meetings.server";\n');
    const found = circles(folderGraph(sources));
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.arrayContaining(["competences", "meetings"]));
  });
});

describe("lint", () => {
  const eslint = new ESLint();
  const errors = async (filePath: string, code: string, rule: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  };

  it("refuses a domain that calls search (the old direction), and one level calling a higher one", async () => {
    const toSearch = await errors("app/dilemmas/planted.server.ts", 'import { indexDilemma } from "~/search/indexer.server";\nexport const x = indexDilemma;\n', "import-x/no-restricted-paths");
    expect(toSearch.join()).toMatch(/dilemmas is below/);
    const upward = await errors("app/revisions/planted.server.ts", 'import { createReply } from "~/replies/replies.server";\nexport const x = createReply;\n', "import-x/no-restricted-paths");
    expect(upward.join()).toMatch(/revisions is below/);
    expect(await errors("app/replies/planted.server.ts", 'import { createDilemma } from "~/dilemmas/dilemmas.server";\nexport const x = createDilemma;\n', "import-x/no-restricted-paths")).toEqual([]);
  });

  it("refuses the subscriber list in a domain", async () => {
    const found = await errors("app/replies/planted.server.ts", 'import { IN_TRANSACTION } from "~/subscribers.server";\nexport const x = IN_TRANSACTION;\n', "import-x/no-restricted-paths");
    expect(found.join()).toMatch(/does not know who listens/);
  });

  it("finds a circle of files (import-x/no-cycle reads TypeScript)", async () => {
    // thread-path.ts, made to import replies.server.ts, which imports it back (through new-reply.server.ts).
    const found = await errors(
      "app/replies/thread-path.ts",
      'import { createReply } from "./replies.server";\nexport const x = createReply;\nexport const SEGMENT_WIDTH = 4;\n',
      "import-x/no-cycle",
    );
    expect(found.join()).toMatch(/Dependency cycle/);
  });
});
