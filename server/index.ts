// The entry point. NODE_ENV must be decided before React or React Router is first imported
// (they pick their development or production build at import), so the real work is imported
// only after it is set.
if (!process.argv.includes("--dev")) process.env.NODE_ENV ??= "production";
await import("./main");
export {};
