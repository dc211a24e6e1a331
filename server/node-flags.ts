// Node/V8 flags the production server runs with: `npm start` passes them (package.json) and
// the bench starts the server with the same (bench/server.ts); a test keeps the two in step.
//
// --max-semi-space-size=64: rendering a page allocates a few MB of short-lived objects. With
// V8's default young generation (16 MB semi-spaces) they outgrow it every few requests, and
// survivors get copied and promoted into the old generation, which then needs full
// collections. At 64 MB most of a request's garbage dies young and is never copied. Bench
// (bench_20000, 2 processes): server CPU per page 6.3 → 5.4 ms, 20-reply page 256 → 296 req/s,
// p99 82 → 63 ms; 32 MB and 128 MB were both worse. Costs ≈100 MB more memory per process.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
