import type { SMTPServerAddress } from "smtp-server";
import { logger } from "./logger.server";

// The application's own inbound SMTP listener (decision 028): it takes a message for an
// address the caller accepts, hands the raw message to the caller (which stores it as a job,
// so a restart loses nothing) and says 250 only once that is done. It checks nothing about
// the message itself: that is the job's work, with time and retries. Plain SMTP without AUTH:
// it is a mail exchanger (MX) for the reply domain, or sits behind one; STARTTLS needs a
// certificate, which a mail server in front provides.

export type InboundOptions = {
  port: number;
  host: string;
  maxBytes: number;
  /** Null: take mail for this recipient; else the refusal (code and text) to answer with. */
  refuseRecipient(address: string): Promise<{ code: number; message: string } | null>;
  /** Stores the message; resolves once it is safe (the 250 follows), rejects for a 451. */
  store(message: { raw: Buffer; recipients: string[]; sender: string | null }): Promise<void>;
};

export type InboundListener = { port: number; close(): Promise<void> };

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startInboundSmtp(options: InboundOptions): Promise<InboundListener> {
  // Imported here, not at the top: only a site that sets MAIL_INBOUND_PORT listens, and the
  // module is ≈ 2 MB of heap in every process (decision 040).
  const { SMTPServer } = await import("smtp-server");
  const server = new SMTPServer({
    name: "kenniskring",
    banner: "Kenniskring",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: options.maxBytes,
    // At most a few messages at once per listener; a flood waits its turn.
    maxClients: 50,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      // One message, one reply: a second reply address in the same envelope is refused.
      if (session.envelope.rcptTo.length >= 1) return callback(smtpError(452, "One recipient per message / Eén ontvanger per bericht"));
      options.refuseRecipient(address.address).then(
        (refusal) => callback(refusal ? smtpError(refusal.code, refusal.message) : undefined),
        (error: unknown) => {
          logger.warn({ err: error }, "inbound mail: could not check a recipient");
          callback(smtpError(451, "Try again later / Probeer het later opnieuw"));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          return callback(smtpError(552, "Message too large: send your reply as text, without attachments / Bericht te groot: stuur je reactie als tekst, zonder bijlagen"));
        }
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        options
          .store({ raw: Buffer.concat(chunks), recipients: session.envelope.rcptTo.map((r) => r.address), sender })
          .then(
            () => callback(),
            (error: unknown) => {
              logger.error({ err: error }, "inbound mail: could not store a message");
              callback(smtpError(451, "Try again later / Probeer het later opnieuw"));
            },
          );
      });
    },
  });
  server.on("error", (error) => logger.warn({ err: error }, "inbound mail: connection error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
