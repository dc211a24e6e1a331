// useUploadDir(prefix): a data directory of its own for a test file that stores uploads
// (KK_DATA_DIR, removed afterwards), with the posting limits off; `dir` names it once made.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

export function useUploadDir(prefix: string): { dir: string } {
  const made = { dir: "" };
  const previousDataDir = process.env.KK_DATA_DIR;
  const previousLimits = process.env.POSTING_LIMITS;
  beforeAll(() => {
    made.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    process.env.KK_DATA_DIR = made.dir;
    process.env.POSTING_LIMITS = "off";
  });
  afterAll(() => {
    if (previousDataDir === undefined) delete process.env.KK_DATA_DIR;
    else process.env.KK_DATA_DIR = previousDataDir;
    if (previousLimits === undefined) delete process.env.POSTING_LIMITS;
    else process.env.POSTING_LIMITS = previousLimits;
    fs.rmSync(made.dir, { recursive: true, force: true });
  });
  return made;
}
