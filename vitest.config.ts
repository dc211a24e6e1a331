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
    // A limit for a hung test, not a speed check (those are the bench's): generous, because CI
    // and other checkouts share two cores, and a test that starts servers then takes minutes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
