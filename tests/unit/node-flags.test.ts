// `npm start` runs the server with the flags the bench measures (server/node-flags.ts).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../server/node-flags";

describe("the production server's node flags", () => {
  it("are passed by npm start", () => {
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    const node = start.slice(start.indexOf("node "));
    for (const flag of SERVER_NODE_FLAGS) expect(node.split(/\s+/)).toContain(flag);
  });
});
