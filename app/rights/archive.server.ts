import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";
import { createI18n } from "~/platform/i18n";
import type { StoredFile } from "~/platform/file-store.server";
import { openUpload } from "~/uploads/uploads.server";
import type { MemberData } from "./member-data.server";
import { memberDataPage } from "./member-data-page.server";

// The member's archive: data.json (every field, machine-readable), index.html (the same,
// readable, in their language), their photo and the files they put in posts, zipped with fflate while it is sent. The
// zip is written as the response is read, chunk by chunk, so a large archive never sits
// whole in memory and the request waits for nothing but its own reads.

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export function memberArchive(data: MemberData, locale: "nl" | "en"): ReadableStream<Uint8Array> {
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      try {
        const { photoId, ...rest } = data;
        // Store ids are how the files are found, not data about the member.
        const json = { ...rest, attachments: rest.attachments.map(({ uploadId: _, ...file }) => file) };
        addText(zip, "data.json", JSON.stringify(json, null, 2));
        addText(zip, "index.html", memberDataPage(data, createI18n(locale).t, locale));
        const photo = photoId === null ? null : await openUpload(photoId);
        if (photo) await addFile(zip, `photo.${EXTENSIONS[photo.contentType] ?? "bin"}`, photo.file);
        // One file at a time, each streamed: a member with many photos costs one file's chunks.
        for (const file of data.attachments) {
          const upload = await openUpload(file.uploadId);
          if (upload) await addFile(zip, file.inArchive, upload.file);
        }
        zip.end();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/** A stored file, already compressed (WebP, PDF): stored as it is, read chunk by chunk. */
async function addFile(zip: Zip, name: string, file: StoredFile) {
  const entry = new ZipPassThrough(name);
  zip.add(entry);
  const reader = file.stream().getReader();
  let pending = await reader.read();
  while (!pending.done) {
    const next = await reader.read();
    entry.push(pending.value, next.done);
    pending = next;
  }
  if (file.size === 0) entry.push(new Uint8Array(0), true);
}

function addText(zip: Zip, name: string, text: string) {
  const entry = new ZipDeflate(name, { level: 6 });
  zip.add(entry);
  entry.push(strToU8(text), true);
}
