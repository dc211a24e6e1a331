import sharp from "sharp";

/** A JPEG of 800 × 600 carrying an author's name and a GPS position in its EXIF, as phones write them. */
export async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a7d44" } })
    .jpeg()
    .withExif({ IFD0: { Artist: "Fatima de Vries" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "52/1 22/1 1234/100" } })
    .toBuffer();
}
