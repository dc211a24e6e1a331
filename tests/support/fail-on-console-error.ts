import { afterEach, beforeEach, vi } from "vitest";

// A stray console.error is a bug we did not notice: it fails the test that caused it.
// A test that expects one replaces the spy with its own (vi.spyOn(console, "error")).
let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const first = errors[0]!.map(String).join(" ");
    throw new Error(`console.error was called ${errors.length}x; first: ${first}`);
  }
});
