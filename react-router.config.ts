import type { Config } from "@react-router/dev/config";

// React Router 7 framework mode is Remix v2's successor: this file is what remix.config.js was.
// See docs/decisions/001-react-router-7-for-remix.md.
export default {
  appDirectory: "app",
  ssr: true,
} satisfies Config;
