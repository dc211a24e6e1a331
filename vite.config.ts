import { readFileSync } from "node:fs";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";

/**
 * The Dutch lexicon (app/search/dutch/lexicon.server.ts) reads its data file at
 * `new URL("./data/lexicon-nl.txt.gz", import.meta.url)`. In the built server that URL is
 * build/server/data/…, so the file is copied there; without it the built app would build the
 * lexicon from the Hunspell files, seconds slower (decision 031).
 */
function dutchLexiconBesideServer(): Plugin {
  return {
    name: "kenniskring:dutch-lexicon-beside-server",
    applyToEnvironment: (environment) => environment.name === "ssr",
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "data/lexicon-nl.txt.gz",
        source: readFileSync(new URL("./app/search/dutch/data/lexicon-nl.txt.gz", import.meta.url)),
      });
    },
  };
}

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [reactRouter(), dutchLexiconBesideServer()],
  server: { port: Number(process.env.PORT ?? 3000) },
  // Rolldown's plugin-timing report (a dozen lines on every build) tells plugin authors where
  // time goes; `npm start` users only need to know the build is done (issue 22).
  build: { rolldownOptions: { checks: { pluginTimings: false } } },
});
