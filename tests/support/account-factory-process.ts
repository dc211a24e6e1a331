// The browser tests' accounts (tests/e2e/staff.ts), made by the call `npm run user:create`
// makes (createMemberFromConsole), in one process per Playwright worker that stays up: a
// `npx tsx scripts/user-create.ts` per account started npx and tsx, compiled the app, and
// found and migrated the database, every time: 10–13 s an account at a load of 12, against
// 0.1–0.2 s here. The command itself has its own test (tests/integration/user-create.test.ts).
//
// Env: DATABASE_URL, the e2e server's database (the server migrated it on start). Requests come
// over the IPC channel ({ id, email, role, name, password }), one at a time as they came; the
// answer is { id, handle } or { id, error }. Ends when its worker is gone (the channel closes).
import { createMemberFromConsole } from "~/accounts/accounts.server";
import { disconnectDb } from "~/platform/db.server";

export type AccountRequest = { id: number; email: string; role: "member" | "organiser" | "admin"; name: string; password: string };
export type AccountAnswer = { id: number; handle: string; error?: undefined } | { id: number; error: string };

if (!process.send) throw new Error("start this with an IPC channel (tests/e2e/staff.ts)");
const send = process.send.bind(process);

let queue = Promise.resolve();
process.on("message", (request: AccountRequest) => {
  queue = queue.then(async () => {
    const { id, email, role, name, password } = request;
    try {
      const { handle } = await createMemberFromConsole({ email, role, displayName: name, password });
      send({ id, handle } satisfies AccountAnswer);
    } catch (error) {
      send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies AccountAnswer);
    }
  });
});
process.on("disconnect", () => {
  void queue.then(() => disconnectDb()).finally(() => process.exit(0));
});
