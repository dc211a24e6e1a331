// npm run user:create -- --email ada@example.org --role admin [--name "Ada"] [--password …]
// Creates a member (or updates the role and password of an existing one). Without --password
// a strong one is generated and printed once. Works with or without the server running.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createMemberFromConsole } from "~/accounts/accounts.server";
import { withMigratedDatabase } from "./lib/command-database";
import { failure, say } from "./lib/cli-text";


const Args = z.object({
  email: z.email({ error: say("user.email") }),
  role: z.enum(["member", "organiser", "admin"], { error: say("user.role") }),
  name: z.string().trim().min(2, say("user.name")).max(60, say("user.name")).optional(),
  password: z.string().min(10, say("user.password")).max(200).optional(),
  organisation: z.string().max(100, say("user.organisation")).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", default: "member" },
      name: { type: "string" },
      password: { type: "string" },
      organisation: { type: "string" },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.log(parsed.error.issues.map((i) => i.message).join("\n") + "\n" + say("usage", { line: say("user.usage") }));
    process.exit(2);
  }
  const { email, role, name, password, organisation } = parsed.data;
  const generated = password ? null : randomBytes(15).toString("base64url");
  await withMigratedDatabase(async () => {
    const result = await createMemberFromConsole({
      email,
      role,
      displayName: name ?? email.split("@")[0]!,
      password: password ?? generated!,
      organisation,
    });
    const facts = { role: say(`user.roles.${role}`), handle: result.handle, email };
    console.log(say(result.created ? "user.created" : "user.updated", facts));
    if (generated) console.log(say("user.password_shown", { password: generated }));
  });
}

main().catch((error: unknown) => {
  console.log(failure("user:create", error));
  process.exit(1);
});
