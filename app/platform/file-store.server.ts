import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { isValidKey, type FileStore, type StoredFile } from "./file-store-key";
import { s3FileStore, s3SettingsFromEnv } from "./s3-store.server";

// Where the app keeps files it stores itself (member photos; attachments later). Callers name
// a file by a key ("photos/3f/3f2a….webp") and never see a path, so a store in an
// S3-compatible bucket can take this one's place: put = PutObject, get = GetObject,
// delete = DeleteObject (docs/decisions/017-uploaded-files.md). Only this module touches the
// disk. Files are never served from here directly: a route checks who asks, then streams.

export type { FileStore, StoredFile } from "./file-store-key";
export { isValidKey } from "./file-store-key";

function checkKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`not a file store key: ${JSON.stringify(key.slice(0, 60))}`);
}

/** A store in a directory on this machine (shared by every server process on it). */
export function localFileStore(root: string): FileStore {
  const fileOf = (key: string) => {
    checkKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // Written beside its place, flushed, then renamed: a rename within one directory is
      // atomic, so a reader (or a crash) sees the old state or the whole new file.
      const temporary = `${file}.${crypto.randomBytes(6).toString("hex")}.tmp`;
      const handle = await fs.promises.open(temporary, "wx", 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
      await handle.close();
      await fs.promises.rename(temporary, file);
    },
    async get(key) {
      const file = fileOf(key);
      let size: number;
      try {
        const stat = await fs.promises.stat(file);
        if (!stat.isFile()) return null;
        size = stat.size;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      return {
        size,
        stream: () => Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>,
      };
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

/** The data directory's uploads folder: `$KK_DATA_DIR/uploads` (default `.data/uploads`). */
export function uploadsDirectory(): string {
  return path.resolve(process.env.KK_DATA_DIR ?? path.join(process.cwd(), ".data"), "uploads");
}

const stores = new Map<string, FileStore>();

/**
 * The app's file store: an S3-compatible bucket when S3_BUCKET is set (decision 045), else the
 * data directory. Read per call, so a test (or a tool) may point KK_DATA_DIR or S3_* elsewhere.
 */
export function fileStore(): FileStore {
  const s3 = s3SettingsFromEnv();
  const where = s3 ? `s3:${s3.endpoint ?? ""}:${s3.bucket}:${s3.prefix}` : uploadsDirectory();
  let store = stores.get(where);
  if (!store) stores.set(where, (store = s3 ? s3FileStore(s3) : localFileStore(where)));
  return store;
}

/** A stored file's bytes, whole: for small files and tests. */
export async function readAll(file: StoredFile): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
