// The job runner of `npm start` (decision 015). Importing a module declares its queues
// (defineQueue), so every module with jobs is imported here; the runner then works them all.
// It runs in one process per server: the only one with `npm start`, the first worker with
// WEB_CONCURRENCY > 1 (decision 042: the primary then loads none of the app). The others only enqueue.
import "~/platform/mail.server";
import "~/accounts/purge.server";
import "~/notifications/instant-mail.server";
import "~/notifications/digest.server";
import "~/rights/retention.server";
import "~/moderation/audit-retention.server";
import "~/web/inbound-mail.server";
import { freshSetupLink } from "~/circle/setup.server";
import { type JobRunner, startJobRunner } from "~/platform/jobs.server";
import { inConsoleLanguage as say } from "~/platform/console-language";

export function startJobs(): Promise<JobRunner> {
  return startJobRunner({ work: true });
}

/** While there is no admin: one line with the one-time link that creates the first one. */
export async function announceSetupLink(write: (line: string) => void): Promise<void> {
  const link = await freshSetupLink();
  if (!link) return;
  write(
    say(
      `Nog geen beheerder: open ${link} om het eerste beheerdersaccount te maken (de link werkt één keer, 7 dagen lang).`,
      `No admin yet: open ${link} to create the first admin account (the link works once, for 7 days).`,
    ),
  );
}
