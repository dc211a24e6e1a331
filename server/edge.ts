// What the server refuses or mends before a request reaches the app: bodies and addresses too
// large for any page of ours (413/414/411, decided from the headers, before the body is read),
// and the host a trusted proxy forwarded (so React Router and our Origin check see the one
// host the browser used). Decision 022.
import type { Socket } from "node:net";
import type { NextFunction, Request, Response } from "express";

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * The largest body per kind of request. Forms: the longest text field (20 000 characters) is
 * at most 240 KB URL-encoded even in emoji, so a form over 1 MiB is never a person typing.
 * Uploads: a photo may be 10 MiB; up to 32 MiB the upload's own page says "too large" beside
 * the field, beyond that this page does. JSON (the privacy check): 50 000 characters.
 */
export const BODY_LIMITS = {
  form: 1 * MIB,
  upload: 32 * MIB,
  json: 512 * KIB,
  other: 64 * KIB,
} as const;

/** The longest address (path and query) a page of ours takes; links are far shorter. */
export const URL_LIMIT = 8 * KIB;

function bodyLimit(contentType: string | undefined): number {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return BODY_LIMITS.form;
  if (type === "multipart/form-data") return BODY_LIMITS.upload;
  if (type === "application/json") return BODY_LIMITS.json;
  return BODY_LIMITS.other;
}

const PAGES = {
  411: {
    title: "Lengte ontbreekt · Length required",
    nl: "Je browser stuurde gegevens zonder te zeggen hoeveel. Probeer het opnieuw met een gewone browser.",
    en: "Your browser sent data without saying how much. Try again with an ordinary browser.",
  },
  413: {
    title: "Te groot · Too large",
    nl: "Wat je stuurde is te groot voor deze site. Maak je tekst korter of kies een kleiner bestand, en probeer het opnieuw.",
    en: "What you sent is too large for this site. Make your text shorter or choose a smaller file, and try again.",
  },
  414: {
    title: "Adres te lang · Address too long",
    nl: "Het adres van deze pagina is te lang. Ga terug naar de startpagina en zoek opnieuw, met minder woorden.",
    en: "The address of this page is too long. Go back to the home page and search again, with fewer words.",
  },
  431: {
    title: "Te veel gegevens · Too much data",
    nl: "Je browser stuurde te veel gegevens mee, vaak door oude cookies. Wis de cookies van deze site en probeer het opnieuw.",
    en: "Your browser sent too much data along, often because of old cookies. Clear this site's cookies and try again.",
  },
} as const;
export type EdgeStatus = keyof typeof PAGES;

/** A small page in both languages: no app, no database, no script, nothing to load. */
export function edgePage(status: EdgeStatus): string {
  const page = PAGES[status];
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title></head>
<body><main>
<h1>${page.title}</h1>
<p>${page.nl}</p>
<p lang="en">${page.en}</p>
<p><a href="/">Naar de startpagina</a> · <a href="/" lang="en">Home page</a></p>
</main></body></html>
`;
}

function refuse(req: Request, res: Response, status: EdgeStatus) {
  // The rest of the body is not wanted, but the client is still sending it: closing now would
  // make it see a reset instead of this answer (a browser shows "connection reset", fetch an
  // EPIPE). So Node reads and drops what still comes (it does that with a body nobody read),
  // and a body still coming 2 s after the answer is cut off.
  const socket = req.socket;
  res.on("finish", () =>
    setTimeout(() => {
      if (!req.complete) socket.destroy();
    }, 2000).unref(),
  );
  res.status(status).type("text/html; charset=utf-8").send(edgePage(status));
}

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses a too long address, or a body too large for its kind, from the headers alone. */
export function requestLimits(req: Request, res: Response, next: NextFunction) {
  if (req.originalUrl.length > URL_LIMIT) return refuse(req, res, 414);
  if (BODYLESS.has(req.method)) return next();
  const length = req.get("content-length");
  if (length === undefined) {
    // Chunked: its size is known only once read. Browsers always say the length of a form.
    if (req.get("transfer-encoding")) return refuse(req, res, 411);
    return next();
  }
  if (Number(length) > bodyLimit(req.get("content-type"))) return refuse(req, res, 413);
  next();
}

/**
 * Behind a trusted proxy that sets X-Forwarded-Host and gives us its own Host (127.0.0.1:3000),
 * React Router built the request's URL from the forwarded host name with the Host's port
 * (https://kring.example.nl:3000) and refused every form with a 400: the browser's Origin did
 * not match. The forwarded host, as Express trusts it, becomes the request's one Host. Without
 * X-Forwarded-Proto, a host that is PUBLIC_URL's takes its protocol.
 */
export function forwardedHost(publicUrl: URL | null) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.get("x-forwarded-host") !== undefined) {
      const host = req.host; // X-Forwarded-Host only when the sender is a trusted proxy
      delete req.headers["x-forwarded-host"];
      if (host && host !== req.headers.host) {
        req.headers.host = host;
        if (!req.get("x-forwarded-proto") && publicUrl && publicUrl.host === host) {
          req.headers["x-forwarded-proto"] = publicUrl.protocol.replace(":", "");
        }
      }
    }
    next();
  };
}

// The methods a page, form or feed of ours answers. Others (TRACE, CONNECT, PROPFIND, …)
// cannot even be turned into a web Request for React Router, which threw and answered 500.
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function knownMethods(req: Request, res: Response, next: NextFunction) {
  if (KNOWN_METHODS.has(req.method)) return next();
  res
    .status(405)
    .set("Allow", "GET, HEAD, POST")
    .type("text/plain; charset=utf-8")
    .send("Deze manier van vragen kent de Kenniskring niet.\nThe Kenniskring does not answer this method.\n");
}

// A host name (letters, digits, hyphens, dots) or a bracketed IPv6 address, and a port.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * React Router builds each request's URL from the Host header, and threw (a 500) for one it
 * cannot parse ("a b", "[::1", port 99999) or for none at all, which HTTP/1.0 clients such as
 * simple monitors send. No Host: the one PUBLIC_URL names, else the address that was called.
 * A Host that is no host name: 400.
 */
export function usableHost(publicUrl: URL | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host;
    if (!host) {
      const local = req.socket.localAddress ?? "127.0.0.1";
      req.headers.host = publicUrl?.host ?? `${local.includes(":") ? `[${local}]` : local}:${req.socket.localPort ?? 80}`;
      return next();
    }
    const match = HOST.exec(host);
    if (match && Number(match[1] ?? 0) <= 65_535) return next();
    res.status(400).type("text/plain; charset=utf-8").send("Dit adres kent de Kenniskring niet.\nThe Kenniskring does not know this host.\n");
  };
}

/**
 * Node answers a request line or headers over its limit (16 KiB) with a bare 431, or cuts the
 * connection while the client is still sending. This answers with a page instead: 414 when
 * the address alone is too long, 431 otherwise, then reads what the client still sends, for a
 * moment, so the answer arrives instead of a reset.
 */
export function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) {
  if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
  if (error.code !== "HPE_HEADER_OVERFLOW") {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  const firstLine = error.rawPacket ? error.rawPacket.indexOf("\r\n") : -1;
  const status: EdgeStatus = firstLine === -1 ? 414 : 431;
  const body = Buffer.from(edgePage(status));
  socket.end(
    `HTTP/1.1 ${status} ${status === 414 ? "URI Too Long" : "Request Header Fields Too Large"}\r\n` +
      `Content-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`,
  );
  socket.resume();
  setTimeout(() => socket.destroy(), 2000).unref();
}
