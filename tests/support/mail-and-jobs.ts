// useMailAndJobs(): call at the top of an integration test file (after useTestDatabase()).
// Mail goes the real way: the job runner (pg-boss in the file's database) delivers it over
// SMTP to an in-process receiver, which the tests read.
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "~/platform/env.server";
import { type JobRunner, startJobRunner } from "~/platform/jobs.server";
import { closeMailTransport } from "~/platform/mail.server";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver";
import "~/accounts/purge.server";
import "~/notifications/instant-mail.server";
import "~/notifications/digest.server";

export function useMailAndJobs(options: { quickRetries?: boolean } = {}): { readonly smtp: SmtpReceiver } {
  let smtp: SmtpReceiver | undefined;
  let runner: JobRunner | undefined;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = "http://kring.test";
    resetEnvCache();
    runner = await startJobRunner({ work: true, quickRetries: options.quickRetries });
  });
  afterAll(async () => {
    await runner?.stop(2_000);
    closeMailTransport();
    await smtp?.close();
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
    resetEnvCache();
  });
  return {
    get smtp() {
      if (!smtp) throw new Error("the SMTP receiver starts in beforeAll");
      return smtp;
    },
  };
}

/** The token at the end of a link from a mail (…/signup/confirm/<token>). */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop()!;
}
