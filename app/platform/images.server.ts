import crypto from "node:crypto";
import type Sharp from "sharp";
import type { Sharp as SharpPipeline } from "sharp";

// Turning an uploaded picture into one the app can safely keep and show: checked by what the
// bytes are (never by the file's name or the type the browser claims), then decoded and
// encoded anew by sharp (libvips), so nothing of the upload's own bytes is ever served: no
// EXIF (camera, GPS position, time), no XMP or IPTC, no colour profile, no comments, no
// trailing data. docs/decisions/017-uploaded-files.md.

// sharp (libvips, ≈ 15 MB resident and its own threads) is loaded with the first picture, not
// at start: a process may never see one (decision 036).
let loading: Promise<typeof Sharp> | undefined;
function loadSharp(): Promise<typeof Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    // libvips keeps recent operations' images in memory for reuse; an upload is used once.
    sharp.cache(false);
    // One libvips worker thread: a 96 px thumbnail needs no more, and every thread keeps a
    // malloc arena of its own for the life of the process.
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

export type ImageProblem =
  /** Not an image at all (a document, a text, random bytes). */
  | "notAnImage"
  /** An image, but not JPEG, PNG or WebP (GIF, HEIC, SVG, TIFF, BMP, …). */
  | "unsupportedType"
  /** An image with something else in it: markup, a script, a PDF or ZIP, data after its end. */
  | "mixedContent"
  /** More pixels than we decode: a "decompression bomb" is a small file that claims huge dimensions. */
  | "tooManyPixels"
  | "tooSmall"
  /** It looks like an image but cannot be decoded (damaged, truncated). */
  | "unreadable";

export class ImageRejected extends Error {
  constructor(readonly problem: ImageProblem) {
    super(`image rejected: ${problem}`);
  }
}

export type ImageFormat = "jpeg" | "png" | "webp";

export type Thumbnail = {
  bytes: Buffer;
  contentType: "image/webp";
  width: number;
  height: number;
  sha256: string;
};

export type ThumbnailOptions = {
  /** Width and height of the square result, in pixels. */
  side: number;
  /** Largest width × height decoded. */
  maxPixels: number;
  /** Smallest width and height accepted. */
  minSide: number;
};

/**
 * A square WebP of the picture's most interesting part, upright (EXIF orientation applied),
 * in sRGB, without any metadata. Throws ImageRejected with what is wrong.
 */
export async function squareThumbnail(input: Uint8Array, options: ThumbnailOptions): Promise<Thumbnail> {
  const { sharp, bytes, decoderOptions } = await checkedImage(input, options);
  return encodeWebp(() => sharp(bytes, decoderOptions).resize(options.side, options.side, { fit: "cover", position: "attention" }));
}

export type PostImageOptions = {
  /** The longest side of the result, in pixels (larger pictures are scaled down, never up). */
  maxSide: number;
  maxPixels: number;
  minSide: number;
};

/**
 * A picture for a post (decision 045): the same checks as a photo, then upright, scaled to fit
 * within maxSide × maxSide and written anew as WebP without any metadata (sharp writes none
 * unless asked: no EXIF, GPS, XMP, IPTC, ICC, comments). Throws ImageRejected.
 */
export async function postImage(input: Uint8Array, options: PostImageOptions): Promise<Thumbnail> {
  const { sharp, bytes, decoderOptions } = await checkedImage(input, options);
  return encodeWebp(() =>
    sharp(bytes, decoderOptions).resize(options.maxSide, options.maxSide, { fit: "inside", withoutEnlargement: true }),
  );
}

/** The checks every kept picture passes, by its bytes and its header, before any pixel is decoded. */
async function checkedImage(input: Uint8Array, options: { maxPixels: number; minSide: number }) {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const format = sniffImageFormat(bytes);
  if (!format) throw new ImageRejected(looksLikeOtherImage(bytes) ? "unsupportedType" : "notAnImage");
  if (hasForeignContent(bytes, format)) throw new ImageRejected("mixedContent");

  const sharp = await loadSharp();
  const decoderOptions = { failOn: "error", limitInputPixels: options.maxPixels, autoOrient: true } as const;
  let width: number;
  let height: number;
  try {
    // The header only: dimensions are checked before a single pixel is decoded.
    const meta = await sharp(bytes, { ...decoderOptions, limitInputPixels: false }).metadata();
    if (meta.format !== format) throw new ImageRejected("unreadable");
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    throw new ImageRejected("unreadable");
  }
  if (width * height > options.maxPixels) throw new ImageRejected("tooManyPixels");
  if (Math.min(width, height) < options.minSide) throw new ImageRejected("tooSmall");
  return { sharp, bytes, decoderOptions };
}

async function encodeWebp(pipeline: () => SharpPipeline): Promise<Thumbnail> {
  try {
    const { data, info } = await pipeline().webp({ quality: 82 }).timeout({ seconds: 20 }).toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      contentType: "image/webp",
      width: info.width,
      height: info.height,
      sha256: crypto.createHash("sha256").update(data).digest("hex"),
    };
  } catch {
    throw new ImageRejected("unreadable");
  }
}

/** What the first bytes say the file is (of the formats we take). */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  return null;
}

/** Image formats we do not take, to tell the member what to choose instead. */
function looksLikeOtherImage(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 12);
  return (
    head.startsWith("GIF8") || // GIF
    head.startsWith("BM") || // BMP
    head.startsWith("II*\0") ||
    head.startsWith("MM\0*") || // TIFF (and most camera raw files)
    head.slice(4, 8) === "ftyp" || // HEIC, HEIF, AVIF
    head.startsWith("8BPS") || // Photoshop
    startsWith(bytes, [0xff, 0x0a]) ||
    head.startsWith("\0\0\0\x0cJXL ") || // JPEG XL
    startsWith(bytes, [0, 0, 1, 0]) || // ICO
    /^\s*(?:<\?xml[^>]*>\s*)?<svg[\s>]/i.test(ascii(bytes, 0, 512)) // SVG
  );
}

// Files made to be two things at once (a "polyglot"): an image that is also a web page, a
// script, a PDF or a ZIP. We never serve the upload's bytes, so such a file could do no harm
// here; refusing it says plainly that it was not just a photo. The signatures are long enough
// that a photo's compressed data almost never holds one by chance (< 1 in 10 000 at 10 MB).
const MARKUP = /<(?:script|iframe|object|embed)[\s>/]|<(?:html|body|svg)[\s>]|<!doctype\s+html|<\?php|javascript:|%PDF-/i;
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
// A ZIP reader looks for its end record in the last 64 KiB (plus its 22 bytes).
const ZIP_END_SEARCH = 65_557;

export function hasForeignContent(bytes: Buffer, format: ImageFormat): boolean {
  if (MARKUP.test(bytes.toString("latin1"))) return true;
  if (bytes.subarray(Math.max(0, bytes.length - ZIP_END_SEARCH)).includes(ZIP_END)) return true;
  // Data after the image's end, where the format says exactly where that is. (JPEG does not
  // say it reliably, and phones append their own data there: motion photos.)
  if (format === "png") return pngEnd(bytes) < bytes.length;
  if (format === "webp") return webpEnd(bytes) < bytes.length;
  return false;
}

/** Where a PNG's IEND chunk ends (the length of the file when its chunks do not add up). */
function pngEnd(bytes: Buffer): number {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = ascii(bytes, at + 4, at + 8);
    at += 12 + length;
    if (type === "IEND") return at;
  }
  return bytes.length;
}

/** Where a WebP's RIFF container ends, by its own length field (padded to even). */
function webpEnd(bytes: Buffer): number {
  const size = bytes.readUInt32LE(4);
  return 8 + size + (size % 2);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1", from, Math.min(to, bytes.length));
}
