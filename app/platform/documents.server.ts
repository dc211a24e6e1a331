import crypto from "node:crypto";

// Documents the app keeps for download (a meeting's report as PDF; decision 045). Checked by
// what the bytes are, never by the file's name or the type the browser claims. A PDF is not
// re-encoded like a picture (its text and layout are the point), but it is loaded and written
// anew by pdf-lib without its Info dictionary (Author, Creator, Producer, Title, dates) and
// without XMP metadata streams, where word processors put the writer's name and the file's
// history. Readers are protected by how it is served: a download (`Content-Disposition:
// attachment`), never shown in the site's own origin as a page.

export type DocumentProblem =
  /** Not a kind of document we take (anything but a PDF). */
  | "unsupportedType"
  /** A PDF we cannot read (damaged, cut off). */
  | "unreadable"
  /** A PDF with a password: its metadata cannot be stripped, and readers may not open it. */
  | "encrypted";

export class DocumentRejected extends Error {
  constructor(readonly problem: DocumentProblem) {
    super(`document rejected: ${problem}`);
  }
}

export type CleanDocument = { bytes: Uint8Array; contentType: "application/pdf"; sha256: string };

/** Whether the bytes are a PDF: its header, "%PDF-1.x" or "%PDF-2.0", at the very start. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8)).toString("latin1").match(/^%PDF-[12]\.\d/) !== null;
}

// pdf-lib (≈ 1 MB of JavaScript) is loaded with the first document, not at start (decision 036).
let loading: Promise<typeof import("@cantoo/pdf-lib")> | undefined;
const loadPdfLib = () => (loading ??= import("@cantoo/pdf-lib"));

/** The PDF written anew without its metadata. Throws DocumentRejected with what is wrong. */
export async function cleanPdf(input: Uint8Array): Promise<CleanDocument> {
  if (!isPdf(input)) throw new DocumentRejected("unsupportedType");
  const { PDFDocument, PDFName, PDFRef, EncryptedPDFError } = await loadPdfLib();
  let bytes: Uint8Array;
  try {
    // updateMetadata: false, or pdf-lib would write its own Producer and dates in.
    const pdf = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: false });
    // The Info dictionary goes whole: the trailer no longer names it, and its object is deleted.
    const info = pdf.context.trailerInfo.Info;
    pdf.context.trailerInfo.Info = undefined;
    if (info instanceof PDFRef) pdf.context.delete(info);
    // XMP: the catalog's /Metadata stream, and any a page carries; the streams themselves go
    // too, or they would still be written as unreferenced objects.
    for (const dict of [pdf.catalog, ...pdf.getPages().map((page) => page.node)]) {
      const metadata = dict.get(PDFName.of("Metadata"));
      dict.delete(PDFName.of("Metadata"));
      dict.delete(PDFName.of("PieceInfo"));
      if (metadata instanceof PDFRef) pdf.context.delete(metadata);
    }
    bytes = await pdf.save({ useObjectStreams: true, updateFieldAppearances: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new DocumentRejected("encrypted");
    throw new DocumentRejected("unreadable");
  }
  return { bytes, contentType: "application/pdf", sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
}
