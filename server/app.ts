import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pino } from "pino";
import { pinoHttp } from "pino-http";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { logger } from "~/platform/logger.server";
import { BROTLI_QUALITY, GZIP_LEVEL } from "~/web/compression.server";
import { requestInfoContext } from "~/web/context.server";
import type { TrustProxy } from "~/platform/trust-proxy.server";
import { forwardedHost, knownMethods, requestLimits, usableHost } from "./edge";
import { HEALTH_PATHS, type Health } from "./health";

export type AppOptions = {
  mode: "production" | "development";
  /** Which proxies in front may set X-Forwarded-* (false: none). */
  trustProxy: TrustProxy;
  /** PUBLIC_URL, when set: fills in the protocol a trusted proxy did not forward. */
  publicUrl?: URL | null;
  /** Production: the built app. Development: Vite's dev server supplies it per request. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Development only: Vite's middleware (HMR, on-demand modules). */
  viteMiddleware?: express.RequestHandler;
  clientDir?: string;
  health: Health;
};

export function createApp(options: AppOptions): express.Express {
  const dev = options.mode === "development";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = crypto.randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Path only: query strings can hold search terms, which are personal data.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        // pino-http gives every 5xx line a made-up error with a stack trace of its own code:
        // during an outage that was a stack per request. The status says it; real errors are
        // logged where they happen (entry.server.tsx), once.
        err: (err: Error) => (err.message.startsWith("failed with status code") ? undefined : pino.stdSerializers.err(err)),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => HEALTH_PATHS.has(req.url ?? "") || (req.url ?? "").startsWith("/assets/") },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.nonce = crypto.randomBytes(16).toString("base64");
    // No page of ours uses these; a script that got in (or a frame) cannot either.
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });
  app.use(requestLimits);
  app.use(knownMethods);
  app.use(forwardedHost(options.publicUrl ?? null));
  app.use(usableHost(options.publicUrl ?? null));
  app.use(helmet(securityHeaders(dev, options.trustProxy !== false)));
  // Pages compress themselves (entry.server.tsx); this is for data requests, JSON and files.
  app.use(compression({ level: GZIP_LEVEL, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } }));
  app.use(sameOriginWrites);

  options.health.routes(app);

  if (dev && options.viteMiddleware) {
    app.use(options.viteMiddleware);
  } else {
    const clientDir = options.clientDir ?? path.resolve("build/client");
    // Hashed file names: safe to cache for a year.
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(topLevelFiles(clientDir));
  }

  app.all(
    "/{*splat}",
    createRequestHandler({
      build: options.build,
      mode: options.mode,
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(requestInfoContext, {
          nonce: String(res.locals.nonce),
          requestId: String(req.id),
          clientIp: req.ip ?? "unknown",
          secureCookies: req.secure,
        });
        return context;
      },
    }),
  );
  return app;
}

/**
 * The client build's own files beside /assets (favicon.svg), for an hour. Only for a path that
 * names one of them: the static middleware asks the file system about every request that reaches
 * it (a stat per page, ≈2 % of a list page's CPU; decision 055), and a page is never a file. The
 * build is fixed while the server runs (a new one comes with a restart), so the names are read once.
 */
function topLevelFiles(clientDir: string): express.RequestHandler {
  const serve = express.static(clientDir, { maxAge: "1h" });
  const names = new Set(fs.existsSync(clientDir) ? fs.readdirSync(clientDir).filter((name) => name !== "assets") : []);
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    let name = first;
    try {
      name = decodeURIComponent(first);
    } catch {
      // Not a file name of ours either way.
    }
    if (names.has(name)) return serve(req, res, next);
    next();
  };
}

const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

function securityHeaders(dev: boolean, behindTlsProxy: boolean): Parameters<typeof helmet>[0] {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.nonce}'`;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Vite's dev server injects inline scripts and styles for hot reloading.
        scriptSrc: dev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce],
        // The stylesheet is inlined in the page's <head> with this response's nonce (decision
        // 048); style attributes stay refused.
        styleSrc: dev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce],
        // Own pictures only: posts show other hosts' pictures as links (decision 022), and
        // older stored HTML with an <img> elsewhere must not load it either.
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: dev ? ["'self'", "ws:"] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(behindTlsProxy ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where TLS is known to be in front of us; never on a plain localhost.
    strictTransportSecurity: behindTlsProxy ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: "same-origin" },
  };
}

const ONE_CLICK_UNSUBSCRIBE = /^\/notifications\/unsubscribe\/[^/]+$/;

/**
 * Every write must come from a page of this site: the browser's Origin header has to name our
 * own host. Together with SameSite=Lax cookies this stops cross-site request forgery.
 */
function sameOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  // One-click unsubscribe (RFC 8058): the mail program posts, from no page of ours; the
  // link's signed token is the only authority, no session is read, so there is nothing to forge.
  if (ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
  const origin = req.get("origin");
  // Express 5: host with port, X-Forwarded-Host/-Proto only from a trusted proxy. The whole
  // origin, as React Router compares it after us (a mismatch there is a bare 400).
  const own = `${req.protocol}://${req.host}`;
  let originOrigin: string | null = null;
  try {
    originOrigin = origin ? new URL(origin).origin : null;
  } catch {
    originOrigin = null;
  }
  let ownOrigin: string | null = null;
  try {
    ownOrigin = new URL(own).origin;
  } catch {
    ownOrigin = null;
  }
  if (originOrigin && ownOrigin && originOrigin === ownOrigin) return next();
  req.log.warn({ origin: origin ?? null }, "refused a write from another origin");
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(
      "Dit formulier kwam niet van deze site. Laad de pagina opnieuw en probeer het nog eens.\n" +
        "This form did not come from this site. Reload the page and try again.\n",
    );
}
