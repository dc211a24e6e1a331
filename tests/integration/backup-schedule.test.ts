import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listBackups, verifyBackup } from "~/platform/backup-format.server";
import { useTestDatabase } from "../support/database";
import { type ServerProcess, startServer } from "../support/server-process";

// BACKUP_INTERVAL_HOURS makes the server back itself up, keeping the newest BACKUP_KEEP
// (decision 019). Here every 1.8 s, keeping 2.
const database = useTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-scheduled-"));
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("scheduled backups", () => {
  it("are made by themselves, checked, and only the newest few kept", async () => {
    const backups = path.join(dataDir, "backups");
    server = await startServer({
      DATABASE_URL: database.url,
      KK_DATA_DIR: dataDir,
      BACKUP_INTERVAL_HOURS: "0.0005",
      BACKUP_KEEP: "2",
      LOG_LEVEL: "info",
    });
    const written = () => server!.output().match(/backup written and checked: /g)?.length ?? 0;
    await expect.poll(written, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    await server.stop();
    const kept = listBackups(backups);
    expect(kept).toHaveLength(2);
    for (const backup of kept) expect((await verifyBackup(backup)).problems).toEqual([]);
    expect(fs.readdirSync(backups).filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect(server.output()).toMatch(/backup written and checked: .*; \d+ old removed, 2 kept/);
  }, 120_000);
});
