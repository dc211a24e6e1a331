import { describe, expect, it } from "vitest";
import { commonJsWrappersAsFunctions } from "../../scripts/lib/commonjs-wrappers";

// The shape rolldown writes before minifying (seen in the client build's React DOM chunk).
const chunk = `import { __commonJSMin } from "./rolldown-runtime-!~{01l}~.js";

// node_modules/react/cjs/react.production.js
var require_react_production = /* @__PURE__ */ __commonJSMin(((exports) => {
\tvar REACT_ELEMENT_TYPE = Symbol.for("react.transitional.element");
\texports.version = "19";
}));
var require_react = /* @__PURE__ */ __commonJSMin(((exports, module) => {
\tmodule.exports = require_react_production();
}));
const later = [1, 2].map(((n) => { return n * 2; }));
export { require_react as t, later };
`;

describe("CommonJS wrappers compiled while the file downloads (decision 059)", () => {
  const out = commonJsWrappersAsFunctions(chunk);

  it("writes every CommonJS wrapper as a parenthesised function, keeping its parameters", () => {
    expect(out).toContain("__commonJSMin((function(exports) {");
    expect(out).toContain("__commonJSMin((function(exports, module) {");
    expect(out).not.toMatch(/__commonJSMin\(\(\(/);
  });

  it("leaves other arrows alone, and the module still runs the same", async () => {
    expect(out).toContain("[1, 2].map(((n) => { return n * 2; }))");
    // Run both versions with a stand-in runtime: the same exports come out.
    const run = (code: string) => {
      const body = code
        .replace(/^import .*$/m, "const __commonJSMin = (f, m) => () => (m || f((m = { exports: {} }).exports, m), m.exports);")
        .replace(/^export \{ require_react as t, later \};$/m, "return { react: require_react(), later };");
      return new Function(`"use strict";\n${body}`)() as { react: { version: string }; later: number[] };
    };
    expect(run(out)).toEqual(run(chunk));
    expect(run(out).react.version).toBe("19");
  });
});
