import type { Config } from "@react-router/dev/config";

// React Router 7 framework mode is Remix v2's successor: this file is what remix.config.js was.
// See docs/decisions/001-react-router-7-for-remix.md.
export default {
  appDirectory: "app",
  ssr: true,
  // Middleware (stable in 7.9+) loads the viewer once per request for every loader and action.
  future: { v8_middleware: true },
} satisfies Config;
