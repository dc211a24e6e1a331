// Used by vite.config.ts (compiledWhileDownloading, decision 059). The bundler wraps each
// CommonJS module (React, React DOM, the scheduler) in `__commonJSMin(((exports, module) => {…}))`,
// a function that runs when the module is first required. V8 pre-parses a parenthesised arrow
// there and compiles it on the main thread when called; a parenthesised `function` it compiles
// while the file downloads, off the main thread. The wrapper is called as a plain function in a
// (strict) module, so `this` is undefined either way.
const ARROW_WRAPPER = /(__commonJSMin(?:\$\d+)?)\(\(\(([\w$, ]*)\) => \{/g;

/** The chunk's CommonJS wrappers written as parenthesised functions; other code untouched. */
export function commonJsWrappersAsFunctions(code: string): string {
  return code.replace(ARROW_WRAPPER, "$1((function($2) {");
}
