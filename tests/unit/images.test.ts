import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ImageRejected, squareThumbnail, type ImageProblem } from "~/platform/images.server";
import { PHOTO_LIMITS } from "~/members/schemas";
import { gif, photoJpeg, photoPng, photoWebp, pngBomb, withPngText } from "../support/images";

// What happens to an uploaded picture: checked by its bytes, re-encoded without metadata; or
// refused with the reason the member is told.

const options = PHOTO_LIMITS;

async function problemWith(bytes: Uint8Array): Promise<ImageProblem | "accepted"> {
  try {
    await squareThumbnail(bytes, options);
    return "accepted";
  } catch (error) {
    if (error instanceof ImageRejected) return error.problem;
    throw error;
  }
}

describe("a photo that is kept", () => {
  it("becomes a 256 px square WebP, whatever its shape and format", async () => {
    for (const input of [await photoJpeg(), await photoPng(), await photoWebp(), await photoJpeg({ width: 300, height: 1800 })]) {
      const out = await squareThumbnail(input, options);
      const meta = await sharp(out.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", 256, 256]);
      expect(out.contentType).toBe("image/webp");
      expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("loses its EXIF: the GPS position, the camera and the name of its maker are gone", async () => {
    const input = await photoJpeg();
    // The input really carries them (else this test would prove nothing).
    const before = await exifr.parse(input, { gps: true, tiff: true });
    expect(before.latitude).toBeCloseTo(52.37, 1);
    expect(before.Artist).toBe("Fatima de Vries");
    expect(input.includes("Buurthuis De Linde")).toBe(true);

    const out = (await squareThumbnail(input, options)).bytes;
    const meta = await sharp(out).metadata();
    expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    for (const text of ["Fatima", "Buurthuis", "Testtoestel", "Exif", "GPS"]) expect(out.includes(text)).toBe(false);
  });

  it("loses a PNG's text comments", async () => {
    const input = withPngText(await photoPng(), "Comment", "Mevrouw Jansen, Dorpsstraat 12");
    expect((await sharp(input).metadata()).comments?.[0]?.text).toContain("Dorpsstraat");
    const out = (await squareThumbnail(input, options)).bytes;
    expect(out.includes("Dorpsstraat")).toBe(false);
    expect((await sharp(out).metadata()).comments).toBeUndefined();
  });

  it("is turned upright by its EXIF orientation before it is cut square", async () => {
    // A landscape picture, left half white, right half black, that says "turn me 90° clockwise"
    // (orientation 6): upright, the white half is on top.
    const half = await sharp({ create: { width: 200, height: 400, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const sideways = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#000000" } })
      .composite([{ input: half, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const out = (await squareThumbnail(sideways, options)).bytes;
    const { data, info } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[y * info.width + x]!;
    expect(at(128, 20)).toBeGreaterThan(200); // top: white
    expect(at(128, 236)).toBeLessThan(50); // bottom: black
  });
});

describe("a file that is refused", () => {
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, ImageProblem]>([
    ["a text file named photo.jpg", () => Buffer.from("Dit is geen foto, maar tekst.\n"), "notAnImage"],
    ["a PDF", () => Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n"), "notAnImage"],
    ["an HTML page", () => Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"), "notAnImage"],
    ["empty bytes", () => Buffer.alloc(0), "notAnImage"],
    ["a GIF", gif, "unsupportedType"],
    ["an SVG", () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "unsupportedType"],
    ["a HEIC photo", () => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(40)]), "unsupportedType"],
    ["a JPEG with a script after it (polyglot)", async () => Buffer.concat([await photoJpeg(), Buffer.from("<script>fetch('/account')</script>")]), "mixedContent"],
    ["a JPEG that is also an HTML page", async () => Buffer.concat([await photoJpeg(), Buffer.from("<html><body>hoi</body></html>")]), "mixedContent"],
    ["a JPEG with a ZIP appended (JAR polyglot)", async () => Buffer.concat([await photoJpeg(), Buffer.from("PK\x03\x04rest", "latin1"), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]), "mixedContent"],
    ["a JPEG with a PDF appended", async () => Buffer.concat([await photoJpeg(), Buffer.from("%PDF-1.4\n")]), "mixedContent"],
    ["a PNG with PHP in a comment", async () => withPngText(await photoPng(), "Comment", "<?php system($_GET['c']); ?>"), "mixedContent"],
    ["a PNG with data after its end", async () => Buffer.concat([await photoPng(), Buffer.from("extra bytes after IEND")]), "mixedContent"],
    ["a WebP longer than it says", async () => Buffer.concat([await photoWebp(), Buffer.from("tail")]), "mixedContent"],
    ["a decompression bomb (a PNG claiming 20 000 × 20 000 pixels)", () => pngBomb(20_000, 20_000), "tooManyPixels"],
    ["a PNG claiming 8 000 × 8 000 pixels (64 megapixels)", () => pngBomb(8_000, 8_000), "tooManyPixels"],
    ["a tiny picture", () => photoPng({ width: 40, height: 40 }), "tooSmall"],
    ["JPEG's first bytes and then nothing that decodes", () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), "unreadable"],
    ["a PNG cut off halfway", async () => (await photoPng()).subarray(0, 60), "unreadable"],
  ])("%s", async (_label, make, problem) => {
    expect(await problemWith(await make())).toBe(problem);
  });

  it("the same photo without the polyglot's extra is accepted (the check is not the photo's fault)", async () => {
    expect(await problemWith(await photoJpeg())).toBe("accepted");
  });
});
