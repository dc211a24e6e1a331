import { readFileSync } from "node:fs";
import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";
import { commonJsWrappersAsFunctions } from "./scripts/lib/commonjs-wrappers";

/**
 * The Dutch lexicon (app/search/dutch/lexicon.server.ts) reads its data file at
 * `new URL("./data/lexicon-nl.txt.gz", import.meta.url)`. In the built server that URL is
 * beside the chunk holding that code (build/server/assets/data/… now that the server program
 * shares chunks with the app, decision 036), so the file is copied there; without it the built app would build the
 * lexicon from the Hunspell files, seconds slower (decision 031).
 */
function dutchLexiconBesideServer(): Plugin {
  return {
    name: "kenniskring:dutch-lexicon-beside-server",
    applyToEnvironment: (environment) => environment.name === "ssr",
    generateBundle(_options, bundle) {
      // Beside whichever chunk the lexicon's code landed in (index.js, or a chunk in assets/
      // that the server program and the app share).
      const dirs = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type === "chunk" && output.moduleIds.some((id) => id.endsWith("app/search/dutch/lexicon.server.ts"))) {
          dirs.add(path.posix.dirname(output.fileName));
        }
      }
      const source = readFileSync(new URL("./app/search/dutch/data/lexicon-nl.txt.gz", import.meta.url));
      for (const dir of dirs) this.emitFile({ type: "asset", fileName: path.posix.join(dir, "data/lexicon-nl.txt.gz"), source });
    },
  };
}

/**
 * The server program (server/index.ts: database, jobs, HTTP) built into the same SSR bundle
 * as the app, as a second entry: build/server/start.js. Production then runs plain
 * `node build/server/start.js` — no TypeScript loader at run time, and one copy of every
 * module the server and the app share (the Prisma client and its pool, the logger, the
 * lexicon), where tsx used to load the server's own second copy beside the bundle
 * (decision 036). build/server/index.js stays React Router's server build.
 */
function serverProgramInSsrBuild(): Plugin {
  return {
    name: "kenniskring:server-program-in-ssr-build",
    apply: "build",
    applyToEnvironment: (environment) => environment.name === "ssr",
    options(options) {
      // React Router gives its server build as the one input; anything else is not ours to change.
      if (options.input !== "virtual:react-router/server-build") return null;
      return { ...options, input: { index: options.input, start: "server/index.ts" } };
    },
    outputOptions(output) {
      return { ...output, entryFileNames: (chunk) => `${chunk.name}.js` };
    },
  };
}

/**
 * The browser's large libraries each in a chunk of their own: React DOM (with its scheduler) and
 * React Router would otherwise share one chunk with the entry or with React. The page's scripts
 * are evaluated one module per task after the first paint (ScriptsAfterFirstPaint, decision
 * 056), so a chunk is the unit of a task: smaller units, shorter tasks (Total Blocking Time).
 */
function largeLibrariesApart(): Plugin {
  return {
    name: "kenniskring:large-libraries-apart",
    apply: "build",
    applyToEnvironment: (environment) => environment.name === "client",
    outputOptions(output) {
      return {
        ...output,
        codeSplitting: {
          groups: [
            { name: "react-dom", test: /node_modules[\\/](react-dom|scheduler)[\\/]/ },
            { name: "react-router", test: /node_modules[\\/]react-router[\\/]/ },
          ],
        },
      };
    },
  };
}

/**
 * The libraries that run while a page comes alive are compiled while they download, on a thread
 * of their own, instead of on the page's main thread when first called (decision 059):
 * - A CommonJS library (React, React DOM, the scheduler) is wrapped by the bundler in a function
 *   that runs when first required; React DOM's whole client is one such function, ≈ 200 KB.
 *   Written as a parenthesised arrow, V8 only pre-parsed it while the file downloaded and compiled
 *   it on the main thread inside the entry's evaluation (50–110 ms at load 9); written as a
 *   parenthesised `function`, V8 compiles it while the file downloads (15–38 ms left: running it).
 *   Called as a plain function in a module (strict), `this` is undefined either way; a CommonJS
 *   body that read `arguments` at its top level would now see the wrapper's (none of ours does).
 * - React DOM, React Router and i18next, most of whose functions run during hydration, start with
 *   V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium ≥ 136; a plain comment
 *   elsewhere): every function in them is compiled while the file downloads. Added after
 *   minification (`postBanner`), which would drop the comment.
 */
function compiledWhileDownloading(calledOnLoad: RegExp): Plugin {
  return {
    name: "kenniskring:compiled-while-downloading",
    apply: "build",
    applyToEnvironment: (environment) => environment.name === "client",
    renderChunk(code) {
      if (!code.includes("__commonJSMin")) return null;
      return { code: commonJsWrappersAsFunctions(code), map: null };
    },
    outputOptions(output) {
      return { ...output, postBanner: (chunk) => (calledOnLoad.test(chunk.name) ? "//# allFunctionsCalledOnLoad" : "") };
    },
  };
}

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [reactRouter(), dutchLexiconBesideServer(), serverProgramInSsrBuild(), largeLibrariesApart(), compiledWhileDownloading(/^(react-dom|react-router|i18nInstance)$/)],
  server: { port: Number(process.env.PORT ?? 3000) },
  // Rolldown's plugin-timing report (a dozen lines on every build) tells plugin authors where
  // time goes; `npm start` users only need to know the build is done (issue 22).
  build: { rolldownOptions: { checks: { pluginTimings: false } } },
});
