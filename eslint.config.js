// Lint enforces the layering of DESIGN.md, so a wrong import fails CI instead of a review:
//   routes → web → domain (accounts, dilemmas, …) → guardian → platform
// A route never touches the database client; platform never knows a domain noun.
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import tseslint from "typescript-eslint";

const domains = [
  "accounts", "dilemmas", "replies", "meetings", "competences", "search", "members",
  "notifications", "moderation", "privacy", "uploads", "circle",
].map((d) => `./app/${d}`);
const database = ["./app/platform/db.server.ts", "./app/generated"];

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
            { target: "./app/web", from: ["./app/routes"], message: "Web glue serves routes, not the other way round." },
          ],
        },
      ],
    },
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
