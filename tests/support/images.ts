// Pictures for tests, made on the spot (no binary fixtures): real JPEG/PNG/WebP files from
// sharp, with the metadata a phone writes, and the hostile files an upload form must refuse.
import zlib from "node:zlib";
import sharp from "sharp";

export async function photoJpeg(opts: { width?: number; height?: number } = {}): Promise<Buffer> {
  const { width = 1200, height = 900 } = opts;
  return sharp({ create: { width, height, channels: 3, background: { r: 190, g: 120, b: 60 } } })
    .composite([{ input: { create: { width: Math.round(width / 3), height: Math.round(height / 3), channels: 3, background: "#2050a0" } }, top: 10, left: 10 }])
    .jpeg({ quality: 85 })
    // What a phone puts in a photo: who, with what, and where (GPS is EXIF's IFD3).
    .withExif({
      IFD0: { Make: "Testtoestel", Model: "KK-1", Artist: "Fatima de Vries", ImageDescription: "Buurthuis De Linde" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 22/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "4/1 53/1 4321/100" },
    })
    .toBuffer();
}

export async function photoPng(opts: { width?: number; height?: number } = {}): Promise<Buffer> {
  const { width = 400, height = 300 } = opts;
  return sharp({ create: { width, height, channels: 4, background: { r: 30, g: 140, b: 90, alpha: 1 } } }).png().toBuffer();
}

export async function photoWebp(): Promise<Buffer> {
  return sharp({ create: { width: 500, height: 500, channels: 3, background: "#884422" } }).webp().toBuffer();
}

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 100, height: 100, channels: 3, background: "#884422" } }).gif().toBuffer();
}

/** A PNG chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG with a text chunk (tEXt) inserted after its header: where tools put comments. */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const chunk = pngChunk("tEXt", Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]));
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/**
 * A "decompression bomb": a valid PNG header that claims width × height pixels (grey), with
 * only a few rows of data. Tiny on disk; decoding it whole would take width × height bytes.
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * 4); // four rows of filter byte + zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
