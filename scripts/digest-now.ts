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
import { failure, say } from "./lib/cli-text";


const Args = z.object({
  period: z.enum(["daily", "weekly"], { error: say("digest.period") }),
  email: z.email({ error: say("digest.email") }).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { period: { type: "string" }, email: { type: "string" } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.log(parsed.error.issues.map((i) => i.message).join("\n") + "\n" + say("usage", { line: say("digest.usage") }));
    process.exit(2);
  }
  const { period, email } = parsed.data;
  await withMigratedDatabase(async () => {
    if (!email) {
      console.log(say("digest.queuedAll", { period: say(`digest.periods.${period}`), count: await enqueueDigests(period) }));
      return;
    }
    const member = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
    if (!member) {
      console.log(say("digest.noMember", { email }));
      process.exitCode = 1;
      return;
    }
    const sent = await sendDigest(member.id, period);
    console.log(sent ? say("digest.queuedOne", { period: say(`digest.periods.${period}`), email }) : say("digest.nothing", { email, span: say(`digest.spans.${period}`) }));
  });
}

main().catch((error: unknown) => {
  console.log(failure("digest:now", error));
  process.exit(1);
});
