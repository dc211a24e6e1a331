// What every file store (the data directory, an S3 bucket) shares: its interface and the key
// grammar (decision 017). Its own module, so each store can use it without importing the other.

export type StoredFile = {
  size: number;
  /** The bytes, as a stream (a photo is small; an attachment need not be). */
  stream(): ReadableStream<Uint8Array>;
};

export interface FileStore {
  /** Writes the whole file or nothing (a crash mid-write leaves no half file under the key). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Null when there is no file under the key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; a key without a file is not an error (deleting twice is fine). */
  delete(key: string): Promise<void>;
}

// Lowercase letters, digits, "-", "_" and single "/" between parts, one optional extension:
// nothing a path or a URL can misread ("..", a leading "/", backslashes, dots elsewhere).
const KEY = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*(?:\.[a-z0-9]{1,8})?$/;
const MAX_KEY_LENGTH = 200;

export function isValidKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

