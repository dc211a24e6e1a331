import { mailbox, type ReceivedMail } from "../support/smtp-receiver";

// The mail the app sent during the run, as its recipient reads it: the e2e server delivers
// over SMTP to a receiver that keeps every message (playwright.config.ts).
//
//   const mail = await nextMailTo(email);
//   await page.goto(mail.link("/signup/confirm/"));
export function nextMailTo(address: string, options?: { timeoutMs?: number }): Promise<ReceivedMail> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run this through playwright.config.ts");
  return mailbox(dir).nextMailTo(address, options);
}

export function hasUnreadMailTo(address: string): boolean {
  return mailbox(process.env.E2E_MAIL_DIR!).hasUnreadMailTo(address);
}
