// Runs `prisma generate` (postinstall). Prisma's CLI insists on downloading its schema engine
// even though generating the client does not use it; where that download is impossible, any
// existing file satisfies the check (docs/decisions/003-migrations-without-prisma-engine.md).
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
