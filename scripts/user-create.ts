// npm run user:create -- --email ada@example.org --role admin [--name "Ada"] [--password …]
// Creates a member (or updates the role and password of an existing one). Without --password
// a strong one is generated and printed once. Works with or without the server running.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createMemberFromConsole } from "~/accounts/accounts.server";
import { withMigratedDatabase } from "./lib/command-database";

const usage = 'usage: npm run user:create -- --email ADDRESS --role member|organiser|admin [--name "Name"] [--password PW]';

const Args = z.object({
  email: z.email({ error: "--email must be an e-mail address" }),
  role: z.enum(["member", "organiser", "admin"], { error: "--role must be member, organiser or admin" }),
  name: z.string().trim().min(2).max(60).optional(),
  password: z.string().min(10, "--password needs at least 10 characters").max(200).optional(),
  organisation: z.string().max(100).optional(),
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
    console.log(parsed.error.issues.map((i) => i.message).join("\n") + "\n" + usage);
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
    console.log(`${result.created ? "Created" : "Updated"} ${role} @${result.handle} (${email}).`);
    if (generated) console.log(`Password (shown once): ${generated}`);
  });
}

main().catch((error: unknown) => {
  console.log(`user:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
