import type { MailStatus, Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { env } from "~/platform/env.server";
import { NotFound } from "~/platform/errors.server";
import { retryMail } from "~/platform/mail.server";
import type { MailFilter } from "./paths";

// "Verstuurde e-mail": what the site sent, for admins (decision 015). Without SMTP_URL this is
// where messages are read (and links passed on by hand); with it, where failures show with the
// mail server's answer and can be sent again.

export const MAIL_PAGE_SIZE = 50;

export type MailSummary = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listMail(guardian: Guardian, options: { page?: number; filter?: MailFilter } = {}) {
  guardian.ensureCanReadMailLog();
  const filter = options.filter ?? "all";
  const where: Prisma.MailWhereInput = filter === "all" ? {} : { status: filter };
  const count = await db.mail.count({ where });
  const pageCount = Math.max(1, Math.ceil(count / MAIL_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1) || 1), pageCount);
  const items: MailSummary[] = await db.mail.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * MAIL_PAGE_SIZE,
    take: MAIL_PAGE_SIZE,
    select: { id: true, kind: true, toAddress: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  });
  return { items, count, page, pageCount, filter, smtpConfigured: Boolean(env().SMTP_URL) };
}

export async function getMail(guardian: Guardian, id: number) {
  guardian.ensureCanReadMailLog();
  const mail = await db.mail.findUnique({
    where: { id },
    select: {
      id: true, kind: true, toAddress: true, subject: true, status: true, attempts: true, lastError: true,
      createdAt: true, sentAt: true, text: true, html: true, messageId: true,
    },
  });
  if (!mail) throw new NotFound("mail");
  return mail;
}

export async function sendMailAgain(guardian: Guardian, id: number): Promise<void> {
  guardian.ensureCanReadMailLog();
  if (!(await retryMail(id))) throw new NotFound("failed mail");
}
