import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { withNewlines } from "./form-body.server";
import {
  MaxFileSizeExceededError as MultipartMaxFileSize,
  MaxTotalSizeExceededError as MultipartMaxTotalSize,
  MultipartParseError,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";

// Reading a form with one file (multipart/form-data) without trusting its size: the body is
// parsed as it arrives and given up as soon as the file passes the limit, so a 1 GB upload
// costs at most the limit in memory (request.formData() would keep all of it). Whatever comes
// after is read and dropped by Node. The caller answers with a message beside the field.

export type FormWithFile =
  | { kind: "form"; fields: FormData; file: Uint8Array | null }
  /** The file is larger than maxBytes. */
  | { kind: "tooLarge" }
  /** Not a form we can read (cut off, more than one file, not multipart at all). */
  | { kind: "malformed" };

export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

export async function readFormWithFile(request: Request, fileField: string, maxBytes: number): Promise<FormWithFile> {
  // A declared length far over the limit: no need to read any of it.
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) return { kind: "tooLarge" };
  let fields: FormData;
  try {
    fields = await parseFormData(request, { maxFiles: 1, maxFileSize: maxBytes, maxTotalSize: maxBytes + 64 * 1024, maxParts: 20 });
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) return { kind: "tooLarge" };
    if (error instanceof MaxFilesExceededError || error instanceof FormDataParseError) return { kind: "malformed" };
    if (error instanceof Error && error.name.startsWith("Max")) return { kind: "malformed" };
    throw error;
  }
  const value = fields.get(fileField);
  // A form sent without choosing a file has the field as an empty, nameless file.
  const file = value instanceof File && value.size > 0 ? new Uint8Array(await value.arrayBuffer()) : null;
  fields.delete(fileField);
  return { kind: "form", fields: withNewlines(fields), file };
}

/** A post form with an optional file (decision 045): what was typed survives a refused file. */
export type PostFormWithFile =
  | { kind: "form"; fields: FormData; file: { bytes: Uint8Array; name: string } | null; tooLarge: boolean }
  | { kind: "malformed" };

/**
 * Reads a post form sent as multipart, part by part as it arrives. Text fields come before the
 * file in the form, so when the file passes maxBytes the reading stops there with what was
 * typed kept (`tooLarge`): the form comes back filled in, with a message beside the file
 * field, and the rest of the upload is never held in memory.
 */
export async function readPostFormWithFile(request: Request, fileField: string, maxBytes: number): Promise<PostFormWithFile> {
  const fields = new FormData();
  let file: { bytes: Uint8Array; name: string } | null = null;
  try {
    // Text fields together may take 1 MB (a dilemma's text is at most a few tens of kB).
    for await (const part of parseMultipartRequest(request, { maxFileSize: maxBytes, maxTotalSize: maxBytes + 1024 * 1024, maxParts: 200 })) {
      if (!part.name) continue;
      if (part.isFile) {
        if (part.name !== fileField || file) return { kind: "malformed" };
        if (part.size > 0) file = { bytes: part.bytes, name: part.filename ?? "" };
      } else {
        fields.append(part.name, part.text);
      }
    }
  } catch (error) {
    if (error instanceof MultipartMaxFileSize || error instanceof MultipartMaxTotalSize) return { kind: "form", fields, file: null, tooLarge: true };
    if (error instanceof MultipartParseError) return { kind: "malformed" };
    throw error;
  }
  return { kind: "form", fields, file, tooLarge: false };
}
