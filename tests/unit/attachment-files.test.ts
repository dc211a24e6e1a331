import { PDFDocument, PDFName } from "@cantoo/pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cleanPdf, DocumentRejected, isPdf } from "~/platform/documents.server";
import { ImageRejected, postImage, sniffImageFormat } from "~/platform/images.server";
import { gif, photoJpeg, photoPng, photoWebp } from "../support/images";

// What a file in a post is, by its bytes, and what is kept of it (decision 045): a photo
// written anew without EXIF or GPS, a PDF written anew without its Info dictionary or XMP.

const LIMITS = { maxSide: 1600, maxPixels: 50_000_000, minSide: 16 };

describe("telling files apart by their bytes", () => {
  it("knows JPEG, PNG, WebP and PDF whatever they are called, and nothing else", async () => {
    expect(sniffImageFormat(await photoJpeg())).toBe("jpeg");
    expect(sniffImageFormat(await photoPng())).toBe("png");
    expect(sniffImageFormat(await photoWebp())).toBe("webp");
    expect(sniffImageFormat(await gif())).toBeNull();
    expect(isPdf(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toBe(true);
    expect(isPdf(Buffer.from("%PDF-2.0\n"))).toBe(true);
    expect(isPdf(Buffer.from("<html>%PDF-1.7"))).toBe(false);
    expect(isPdf(Buffer.from("PK\u0003\u0004"))).toBe(false);
    expect(sniffImageFormat(Buffer.from("%PDF-1.7"))).toBeNull();
  });
});

describe("a photo for a post", () => {
  it("comes out as a WebP without the phone's EXIF (camera, name, GPS position)", async () => {
    const input = await photoJpeg();
    expect((await sharp(input).metadata()).exif).toBeDefined(); // the test photo does carry GPS
    const out = await postImage(input, LIMITS);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual(["webp", undefined, undefined, undefined, undefined]);
    for (const secret of ["Fatima de Vries", "Testtoestel", "GPS"]) expect(out.bytes.includes(secret)).toBe(false);
    expect([out.width, out.height]).toEqual([1200, 900]); // small enough: not scaled
  });

  it("is scaled down to fit 1600 px, never up, keeping its shape", async () => {
    const out = await postImage(await photoJpeg({ width: 4000, height: 3000 }), LIMITS);
    expect([out.width, out.height]).toEqual([1600, 1200]);
  });

  it("refuses a GIF and what is not an image", async () => {
    await expect(postImage(await gif(), LIMITS)).rejects.toEqual(new ImageRejected("unsupportedType"));
    await expect(postImage(Buffer.from("%PDF-1.7"), LIMITS)).rejects.toEqual(new ImageRejected("notAnImage"));
  });
});

describe("a PDF for a report", () => {
  it("comes out without Author, Creator, Title and XMP, with its pages", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawText("Verslag");
    doc.addPage([300, 300]);
    doc.setAuthor("Jan Jansen");
    doc.setCreator("Tekstverwerker");
    doc.setTitle("Intern verslag");
    doc.setKeywords(["bewoners", "Dorpsstraat 12"]);
    // An XMP packet as word processors add one, with the author's name.
    const xmp = doc.context.stream("<x:xmpmeta><dc:creator>Jan Jansen</dc:creator></x:xmpmeta>", { Type: "Metadata", Subtype: "XML" });
    doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
    const input = await doc.save({ useObjectStreams: false });
    expect(Buffer.from(input).includes("Jan Jansen")).toBe(true);

    const clean = await cleanPdf(input);
    expect(Buffer.from(clean.bytes).includes("Jan Jansen")).toBe(false);
    const back = await PDFDocument.load(clean.bytes, { updateMetadata: false });
    expect([back.getAuthor(), back.getCreator(), back.getTitle(), back.getKeywords(), back.getProducer()]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(back.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    expect(back.getPageCount()).toBe(2);
  });

  it("refuses what is not a PDF and a damaged one", async () => {
    await expect(cleanPdf(Buffer.from("just text"))).rejects.toEqual(new DocumentRejected("unsupportedType"));
    await expect(cleanPdf(Buffer.from("%PDF-1.7\nrubbish without objects"))).rejects.toBeInstanceOf(DocumentRejected);
  });
});
