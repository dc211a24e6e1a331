import type { Config } from "@react-router/dev/config";

// React Router 7 framework mode is Remix v2's successor: this file is what remix.config.js was.
// See docs/decisions/001-react-router-7-for-remix.md.
export default {
  appDirectory: "app",
  ssr: true,
  // Middleware (stable in 7.9+) loads the viewer once per request for every loader and action.
  future: { v8_middleware: true },
  // The whole route manifest (≈40 routes) goes to the browser once, as a cached file, instead
  // of a partial manifest worked out and inlined per page plus /__manifest requests while
  // browsing ("lazy", meant for apps with thousands of routes). Decision 009.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
