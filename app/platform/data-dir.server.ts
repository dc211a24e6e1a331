import path from "node:path";
import { env } from "./env.server";

// The folders beside the database that belong to a Kenniskring site: KK_DATA_DIR (default
// .data) holds the embedded Postgres, the uploaded files (file-store.server.ts) and, unless
// BACKUP_DIR says otherwise, the backups.
export function dataDir(): string {
  return path.resolve(process.env.KK_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

export function backupDir(): string {
  const configured = env().BACKUP_DIR;
  return configured ? path.resolve(configured) : path.join(dataDir(), "backups");
}
