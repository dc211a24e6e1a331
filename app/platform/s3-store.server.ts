import type { S3Client } from "@aws-sdk/client-s3";
import { isValidKey, type FileStore } from "./file-store-key";

// The file store in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph, a Dutch provider's
// object storage): put = PutObject, get = GetObject, delete = DeleteObject, under the same keys
// as the local store (decision 017, 045). Files are still served through the app, which asks
// the Guardian per request; the bucket need not (and should not) be public.

export type S3Settings = {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Bucket in the path (`https://host/bucket/key`): what most S3-compatible servers expect. */
  forcePathStyle: boolean;
  /** A prefix before every key ("kenniskring/"), so one bucket can hold more than this app. */
  prefix: string;
};

/** The S3 settings from the environment, or null when S3_BUCKET is not set (then: the data directory). */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return null;
  return {
    endpoint: env.S3_ENDPOINT?.trim() || undefined,
    bucket,
    region: env.S3_REGION?.trim() || "us-east-1",
    accessKeyId: env.S3_ACCESS_KEY_ID?.trim() || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY?.trim() || undefined,
    forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? "1") !== "0",
    prefix: (env.S3_PREFIX ?? "").replace(/^\/+/, ""),
  };
}

export function s3FileStore(settings: S3Settings): FileStore {
  // The SDK (several MB of modules) is loaded with the first file, not at start (decision 036).
  let client: Promise<{ s3: S3Client; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const connect = () =>
    (client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        endpoint: settings.endpoint,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials:
          settings.accessKeyId && settings.secretAccessKey
            ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
            : undefined,
      }),
    })));
  const objectKey = (key: string) => {
    if (!isValidKey(key)) throw new Error(`not a file store key: ${JSON.stringify(key.slice(0, 60))}`);
    return settings.prefix + key;
  };
  return {
    async put(key, bytes) {
      const { s3, sdk } = await connect();
      // One PutObject: S3 stores the whole object or none of it, like the local store's rename.
      await s3.send(new sdk.PutObjectCommand({ Bucket: settings.bucket, Key: objectKey(key), Body: bytes, ContentLength: bytes.byteLength }));
    },
    async get(key) {
      const { s3, sdk } = await connect();
      try {
        const answer = await s3.send(new sdk.GetObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
        const body = answer.Body;
        if (!body) return null;
        let used = false;
        return {
          size: answer.ContentLength ?? 0,
          stream: () => {
            // The object's body can be read once; a second reader asks S3 again.
            if (used) throw new Error("an S3 object's body is read once");
            used = true;
            return body.transformToWebStream() as ReadableStream<Uint8Array>;
          },
        };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
    async delete(key) {
      const { s3, sdk } = await connect();
      // S3 answers 204 for a key that is not there: deleting twice is fine, as in the local store.
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
    },
  };
}
