import { type RouteConfig, index, route } from "@react-router/dev/routes";

// URLs are English nouns (DESIGN.md); the pages speak the member's language.
// Exception: /toegankelijkheid is the name Dutch accessibility statements are expected at.
export default [
  index("routes/home.tsx"),
  route("signup", "routes/signup.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("account", "routes/account.tsx"),
  route("language", "routes/language.tsx"),
  route("privacy", "routes/privacy.tsx"),
  route("toegankelijkheid", "routes/accessibility.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
