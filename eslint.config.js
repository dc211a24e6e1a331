// Lint enforces the layering of DESIGN.md, so a wrong import fails CI instead of a review:
//   routes → web → domain (accounts, dilemmas, …) → guardian → platform
// A route never touches the database client; platform never knows a domain noun. Among the
// domain folders, DOMAIN_LEVELS below says which may use which (decision 014); what the folders
// cannot see of each other (reactions to changes) goes through domain events.
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import tseslint from "typescript-eslint";

// The domain folders from the bottom up: a folder may use those on its own level and below,
// never one above it, so no two levels can import each other in a circle (a circle within one
// level is caught by tests/unit/domain-cycles.test.ts, which checks every folder of app/).
// Search is near the top: it indexes and links to every kind of content, and it learns of
// changes from their events; the domains below never call it.
const DOMAIN_LEVELS = [
  ["competences", "privacy", "uploads"],
  ["accounts", "members", "circle"],
  ["revisions"],
  ["dilemmas"],
  ["replies"],
  ["meetings"],
  // Attachments react to the deletion of dilemmas, replies and meetings (decision 050).
  ["attachments"],
  ["search"],
  ["notifications", "moderation", "rights"],
];
const domains = DOMAIN_LEVELS.flat().map((d) => `./app/${d}`);
const domainOrder = DOMAIN_LEVELS.flatMap((level, i) => {
  const above = DOMAIN_LEVELS.slice(i + 1).flat().map((d) => `./app/${d}`);
  return above.length === 0
    ? []
    : level.map((d) => ({
        target: `./app/${d}`,
        from: above,
        message: `${d} is below these folders (DOMAIN_LEVELS in eslint.config.js): use a domain event, or move the code up.`,
      }));
});
const database = ["./app/platform/db.server.ts", "./app/generated"];

// File names (decision 014): a component's file is named as the component it exports
// (PascalCase.tsx, in app/components); every other file of the app is kebab-case, with dots
// only before a suffix such as .server.ts. Routes follow React Router's file conventions.
const COMPONENT_FILE = /^[A-Z][A-Za-z0-9]*\.tsx$/;
const KEBAB_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*\.tsx?$/;
const fileNames = {
  meta: { type: "suggestion", schema: [], messages: { name: "{{name}}: {{rule}}" } },
  create(context) {
    return {
      Program(node) {
        const relative = context.filename.slice(context.cwd.length + 1).split("\\").join("/");
        const name = relative.split("/").pop();
        const component = relative.startsWith("app/components/") && name.endsWith(".tsx");
        const ok = component ? COMPONENT_FILE.test(name) : KEBAB_FILE.test(name);
        if (!ok) {
          const rule = component ? "a component's file is PascalCase, as its component (AuthorName.tsx)" : "file names are kebab-case (thread-path.ts, dilemmas.server.ts)";
          context.report({ node, messageId: "name", data: { name, rule } });
        }
      },
    };
  },
};
const local = { rules: { "file-names": fileNames } };

const USE_OUR_TRANSLATION = {
  name: "react-i18next",
  importNames: ["useTranslation"],
  message: 'Use useTranslation from "~/components/use-translation".',
};

export default tseslint.config(
  { ignores: ["build/", ".react-router/", "app/generated/", "node_modules/", ".data/", "test-results/", "playwright-report/"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
      // Without these, import-x takes a .ts file for one it cannot parse and skips it, and
      // no-cycle never saw a single import of ours (decision 014).
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./app/routes", from: database, message: "Routes call the domain; they never query the database." },
            { target: "./app/components", from: [...database, "./app/web", "./app/routes"], message: "Components are presentational: data comes in as props." },
            { target: "./app/platform", from: [...domains, "./app/guardian", "./app/web", "./app/routes", "./app/components"], message: "Platform knows no domain noun." },
            { target: "./app/guardian", from: [...domains, "./app/web", "./app/routes"], message: "The Guardian decides from what it is given; it does not load data." },
            { target: domains, from: ["./app/web", "./app/routes", "./app/components"], message: "The domain never sees HTTP or UI." },
            {
              target: [...domains, "./app/platform", "./app/guardian", "./app/web"],
              from: ["./app/subscribers.server.ts"],
              message: "Subscribers are installed by the entry points; a domain announces, it does not know who listens.",
            },
            ...domainOrder,
            { target: "./app/web", from: ["./app/routes"], message: "Web glue serves routes, not the other way round." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/routes/**"],
    plugins: { kenniskring: local },
    rules: { "kenniskring/file-names": "error" },
  },
  {
    // react-i18next's useTranslation costs a wrapper per call (see app/components/use-translation.ts).
    files: ["app/**"],
    ignores: ["app/components/use-translation.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [USE_OUR_TRANSLATION] }],
    },
  },
  {
    // One reader of submitted forms (app/web/form-body.server.ts): a body that is not a form
    // is the sender's 400, never a 500. Uploads have their own streaming reader.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.property.name='formData']", message: "Read a form with readForm(request) from ~/web/form-body.server." },
      ],
    },
  },
  {
    // Components also run in the browser: server-only modules stay out (types are fine).
    files: ["app/components/**"],
    ignores: ["app/components/use-translation.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [USE_OUR_TRANSLATION],
          patterns: [{ group: ["**/*.server", "**/*.server.ts"], allowTypeImports: true, message: "Server-only module in a component." }],
        },
      ],
    },
  },
  {
    files: ["tests/**", "scripts/**", "bench/**", "server/**", "prisma/**"],
    rules: { "import-x/no-restricted-paths": "off" },
  },
);
