// The built server finds the Dutch lexicon's data where its code looks for it (decision 031):
// the bundle keeps `new URL("./data/lexicon-nl.txt.gz", import.meta.url)`, so the build must
// put the file beside it; otherwise the lexicon would be built from the Hunspell files instead,
// seconds slower and with a warning.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assertBuilt } from "../support/server-process";

describe("the built server's Dutch lexicon", () => {
  it("lies where the bundled code resolves it, identical to the source", () => {
    assertBuilt();
    const bundle = path.resolve("build/server/index.js");
    const code = readFileSync(bundle, "utf8");
    const literal = /new URL\("([^"]*lexicon-nl\.txt\.gz)", import\.meta\.url\)/.exec(code)?.[1];
    expect(literal, "the bundle names the lexicon's data file").toBeDefined();
    const resolved = new URL(literal!, pathToFileURL(bundle));
    const source = readFileSync(path.resolve("app/search/dutch/data/lexicon-nl.txt.gz"));
    expect(readFileSync(resolved).equals(source)).toBe(true);
  });
});
