// The built server finds the Dutch lexicon's data where its code looks for it (decision 031):
// the bundle keeps `new URL("./data/lexicon-nl.txt.gz", import.meta.url)`, so the build must
// put the file beside the chunk that holds it (index.js, or a chunk in assets/ that the server
// program shares with the app, decision 036); otherwise the lexicon would be built from the Hunspell files instead,
// seconds slower and with a warning.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assertBuilt } from "../support/server-process";

describe("the built server's Dutch lexicon", () => {
  it("lies where the bundled code resolves it, identical to the source", () => {
    assertBuilt();
    const chunks = readdirSync(path.resolve("build/server"), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".js"))
      .map((name) => path.resolve("build/server", name));
    const named = chunks.flatMap((chunk) => {
      const literal = /new URL\("([^"]*lexicon-nl\.txt\.gz)", import\.meta\.url\)/.exec(readFileSync(chunk, "utf8"))?.[1];
      return literal ? [new URL(literal, pathToFileURL(chunk))] : [];
    });
    expect(named, "one chunk of the bundle names the lexicon's data file").toHaveLength(1);
    const resolved = named[0]!;
    const source = readFileSync(path.resolve("app/search/dutch/data/lexicon-nl.txt.gz"));
    expect(readFileSync(resolved).equals(source)).toBe(true);
  });
});
