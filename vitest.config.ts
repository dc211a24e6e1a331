import { defineConfig } from "vitest/config";

// Unit and integration tests. Integration tests get a real Postgres: the global setup starts
// one embedded server and a migrated template database; each test file that calls
// useTestDatabase() works on its own clone (tests/support/database.ts).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/fail-on-console-error.ts", "tests/support/subscribers.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
