import type { Manifest } from "~/platform/backup-format.server";

/** "12 345 rows in 28 tables, 3 uploaded files, 4.2 MB, 1.3 s" */
export function describeBackup(manifest: Manifest): string {
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const bytes = [...manifest.tables, ...manifest.uploads].reduce((n, f) => n + f.bytes, 0);
  return `${rows} rows in ${manifest.tables.length} tables, ${manifest.uploads.length} uploaded files, ${(bytes / 1e6).toFixed(1)} MB, taken ${manifest.createdAt} from PostgreSQL ${manifest.postgres} in ${manifest.seconds} s`;
}
