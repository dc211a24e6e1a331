// A real SMTP server for tests (smtp-server, in-process): the app sends to it over SMTP_URL,
// tests read what arrived the way a person would, parsed (mailparser) with its links.
//
//   const smtp = await startSmtpReceiver();            // in a Vitest file
//   … SMTP_URL = smtp.url …
//   const mail = await smtp.nextMailTo("anna@voorbeeld.nl");
//   await page.goto(mail.link("/signup/confirm/"));
//
// Playwright's web server gets one of these in its own process (smtp-receiver-process.ts),
// which also writes every message into a folder; specs read that folder with mailbox(dir).
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
  headers: Map<string, unknown>;
  messageId: string;
  date: Date | undefined;
  raw: string;
  /** The first link whose path starts with `pathPrefix`; throws when there is none. */
  link(pathPrefix: string): string;
};

/** Refuse a recipient: return an SMTP answer (e.g. { code: 550, message: "No such user" }). */
export type Refusal = { code: number; message: string } | null;

export type SmtpReceiver = {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** The next message to `address` not returned before (waits up to timeoutMs). */
  nextMailTo(address: string, options?: { timeoutMs?: number }): Promise<ReceivedMail>;
  /** Messages to `address` so far (returned before or not). */
  mailTo(address: string): ReceivedMail[];
  /** Decide per recipient whether to refuse (4xx: try again later; 5xx: never). */
  refuse(rule: ((address: string) => Refusal) | null): void;
  /** Keep recipients matching `rule` waiting at RCPT TO (a slow server) until hold(null). */
  hold(rule: ((address: string) => boolean) | null): void;
  close(): Promise<void>;
};

/** `parse: false` (the bench): keep only the envelope and raw text, spend no CPU on parsing. */
export async function startSmtpReceiver(options: { port?: number; dir?: string; parse?: boolean } = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const handedOut = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  let refusal: ((address: string) => Refusal) | null = null;
  let holding: ((address: string) => boolean) | null = null;
  const held = new Set<() => void>();
  let count = 0;
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    async onRcptTo(address: SMTPServerAddress, _session, callback) {
      while (holding?.(address.address.toLowerCase())) await new Promise<void>((resolve) => held.add(resolve));
      const refused = refusal?.(address.address.toLowerCase());
      if (!refused) return callback();
      const error = Object.assign(new Error(refused.message), { responseCode: refused.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((a) => a.address.toLowerCase());
        if (options.dir) {
          const file = path.join(options.dir, `${String(Date.now()).padStart(15, "0")}-${String(++count).padStart(6, "0")}.eml`);
          fs.writeFileSync(`${file}.tmp`, JSON.stringify({ to, raw }));
          fs.renameSync(`${file}.tmp`, file); // readers never see half a file
        }
        (options.parse === false ? Promise.resolve(unparsed(raw, to)) : parseMail(raw, to))
          .then((mail) => {
            messages.push(mail);
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  // A sender that goes away mid-session (a mail runner killed on purpose) resets its connection:
  // that is the sender's end, not the receiver's failure. Anything else is reported.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") console.error("SMTP receiver:", error);
  });
  const port = (server.server.address() as { port: number }).port;

  const mailTo = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    mailTo,
    async nextMailTo(address, { timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mailTo(address).find((m) => !handedOut.has(m));
        if (found) {
          handedOut.add(found);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${address} within ${timeoutMs} ms (${messages.length} received in all)`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    refuse(rule) {
      refusal = rule;
    },
    hold(rule) {
      holding = rule;
      for (const release of held) release();
      held.clear();
    },
    close: () => {
      holding = null;
      for (const release of held) release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads the messages a receiver process writes into `dir` (Playwright specs). */
export function mailbox(dir: string) {
  return {
    /** The next unread message to `address`: marked read, so the next call waits for a newer one. */
    async nextMailTo(address: string, { timeoutMs = 20_000 } = {}): Promise<ReceivedMail> {
      const wanted = address.toLowerCase();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort() : [];
        for (const file of files) {
          const full = path.join(dir, file);
          const { to, raw } = JSON.parse(fs.readFileSync(full, "utf8")) as { to: string[]; raw: string };
          if (!to.includes(wanted)) continue;
          fs.renameSync(full, `${full}.read`);
          return parseMail(raw, to);
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    /** Whether any unread message to `address` has arrived (no waiting). */
    hasUnreadMailTo(address: string): boolean {
      const wanted = address.toLowerCase();
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
      return files.some((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { to: string[] }).to.includes(wanted));
    },
  };
}

function unparsed(raw: string, to: string[]): ReceivedMail {
  return { to, from: "", subject: "", text: "", html: "", links: [], headers: new Map(), messageId: "", date: undefined, raw, link: () => "" };
}

async function parseMail(raw: string, to: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? "";
  const links = [...text.matchAll(/https?:\/\/[^\s<>")]+/g)].map((m) => m[0]);
  const from = (parsed.from as AddressObject | undefined)?.text ?? "";
  return {
    to,
    from,
    subject: parsed.subject ?? "",
    text,
    html: typeof parsed.html === "string" ? parsed.html : "",
    links,
    headers: parsed.headers as Map<string, unknown>,
    messageId: parsed.messageId ?? "",
    date: parsed.date,
    raw,
    link(pathPrefix: string) {
      const found = links.find((l) => new URL(l).pathname.startsWith(pathPrefix));
      if (!found) throw new Error(`no link to ${pathPrefix}… in the mail "${parsed.subject}": ${links.join(", ") || "no links"}`);
      return found;
    },
  };
}
