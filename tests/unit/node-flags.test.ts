// `npm start` runs the server with the flags the bench measures (server/node-flags.ts), and a
// primary started without them still gives them to the workers that serve the pages.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { HEAP_GROWTH_PERCENT, limitHeapGrowth } from "../../server/heap-growth";
import { SERVER_ENV, SERVER_NODE_FLAGS, workerEnv, workerExecArgv } from "../../server/node-flags";

describe("the production server's node flags", () => {
  it("are passed by npm start", () => {
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    const node = start.slice(start.indexOf("node "));
    for (const flag of SERVER_NODE_FLAGS) expect(node.split(/\s+/)).toContain(flag);
  });

  it("reach the workers of a primary started with plain `node`", () => {
    expect(workerExecArgv([])).toEqual([...SERVER_NODE_FLAGS]);
    expect(workerEnv({})).toEqual(SERVER_ENV);
  });

  it("leave a flag or setting the operator chose alone", () => {
    expect(workerExecArgv(["--max-semi-space-size=32", "--enable-source-maps"])).toEqual(["--max-semi-space-size=32", "--enable-source-maps"]);
    expect(workerExecArgv(["--enable-source-maps"])).toEqual(["--enable-source-maps", ...SERVER_NODE_FLAGS]);
    expect(workerEnv({ MALLOC_ARENA_MAX: "4" })).toEqual({});
  });
});

describe("the old generation's growth between full collections (decision 047)", () => {
  it("is half again by default, V8's own with 0, and a mistyped value falls back to the default", () => {
    expect(HEAP_GROWTH_PERCENT).toBe(50);
    expect(limitHeapGrowth(undefined)).toBe(50);
    expect(limitHeapGrowth("0")).toBe(0);
    expect(limitHeapGrowth("100")).toBe(100);
    expect(limitHeapGrowth("lots")).toBe(50);
    expect(limitHeapGrowth("5")).toBe(50);
    expect(limitHeapGrowth("")).toBe(50);
  });
});
