import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`; migrations are applied by our own migrator
// (docs/decisions/003-migrations-without-prisma-engine.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
