// npm run digest:now -- --period daily|weekly [--email ADDRESS]
// Sends the daily or weekly digest now instead of at 06:00 UTC: to one member (--email), or
// queued for every member as the cron job does. For an organiser who wants to see what members
// get, and for tests. A member who already had this period's digest gets nothing twice
// (decision 023). The mail goes out through the queue: the running server delivers it.
import { parseArgs } from "node:util";
import { z } from "zod";
import { db } from "~/platform/db.server";
import { enqueueDigests, sendDigest } from "~/notifications/digest.server";
import { withMigratedDatabase } from "./lib/command-database";

const usage = "usage: npm run digest:now -- --period daily|weekly [--email ADDRESS]";

const Args = z.object({
  period: z.enum(["daily", "weekly"], { error: "--period must be daily or weekly" }),
  email: z.email({ error: "--email must be an e-mail address" }).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { period: { type: "string" }, email: { type: "string" } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.log(parsed.error.issues.map((i) => i.message).join("\n") + "\n" + usage);
    process.exit(2);
  }
  const { period, email } = parsed.data;
  await withMigratedDatabase(async () => {
    if (!email) {
      console.log(`Queued the ${period} digest for ${await enqueueDigests(period)} members.`);
      return;
    }
    const member = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
    if (!member) {
      console.log(`No member with the address ${email}.`);
      process.exitCode = 1;
      return;
    }
    const sent = await sendDigest(member.id, period);
    console.log(sent ? `Queued the ${period} digest for ${email}.` : `Nothing to send to ${email} (nothing new, or already sent this ${period === "daily" ? "day" : "week"}).`);
  });
}

main().catch((error: unknown) => {
  console.log(`digest:now failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
