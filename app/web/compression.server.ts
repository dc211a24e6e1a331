import type { NonSharedBuffer } from "node:buffer";
import zlib from "node:zlib";
import Negotiator from "negotiator";

// How responses are compressed. Fast settings: on a 2-core machine brotli's default quality cost
// ~10 ms of CPU per page, half of a page's whole budget (docs/bench.md); quality 1 and gzip
// level 1 still shrink HTML about fivefold.
export const GZIP_LEVEL = 1;
export const BROTLI_QUALITY = 1;

/** Below this a compressed body is hardly smaller, and costs a round of work (as the compression middleware's default). */
const THRESHOLD_BYTES = 1024;

/**
 * A whole HTML document (entry.server.tsx renders pages in one piece) compressed in one
 * synchronous call, headers set. The compression middleware would pass the same bytes
 * through a zlib stream: a Transform, work handed to the thread pool and back, per page. Done
 * here in one step it costs less, and the middleware leaves a body that says its encoding
 * alone. Everything else (data requests, JSON, files) still goes through the middleware.
 */
export function compressDocument(body: NonSharedBuffer, request: Request, headers: Headers): NonSharedBuffer {
  if (request.method === "HEAD" || body.length < THRESHOLD_BYTES) return body;
  if (/\bno-transform\b/.test(headers.get("Cache-Control") ?? "")) return body;
  headers.append("Vary", "Accept-Encoding");
  const acceptable = new Set(new Negotiator({ headers: { "accept-encoding": request.headers.get("accept-encoding") ?? "" } }).encodings(["br", "gzip"]));
  if (acceptable.has("br")) {
    headers.set("Content-Encoding", "br");
    return zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
  }
  if (acceptable.has("gzip")) {
    headers.set("Content-Encoding", "gzip");
    return zlib.gzipSync(body, { level: GZIP_LEVEL });
  }
  return body;
}
