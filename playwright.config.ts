import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { SERVER_NODE_FLAGS, SERVER_PROGRAM } from "./server/node-flags";

// End-to-end tests drive Debian's Chromium against the production build, served by the real
// server on a fresh embedded Postgres (its own data dir, so a developer's data is untouched).
const port = Number(process.env.E2E_PORT ?? 3101);
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "kk-e2e-"));
process.env.E2E_DATA_DIR = dataDir; // workers re-read this file; keep one data dir per run
// Mail goes over real SMTP to a receiver of its own, which writes each message into mailDir
// (specs read them: tests/e2e/mail.ts). Its port follows the app's, so parallel runs differ.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1000);
const mailDir = path.join(dataDir, "mail");
// Reply by e-mail: the app's own inbound SMTP listener (specs send to it with nodemailer).
const inboundPort = Number(process.env.E2E_INBOUND_PORT ?? port + 2000);
process.env.E2E_INBOUND_PORT = String(inboundPort);
process.env.E2E_MAIL_DIR = mailDir;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: the suite shares two cores with whatever else runs (CI, other checkouts); a
  // test that takes 10 s on a quiet machine took 60 s under load (a load average of 14 seen).
  // Slowness is the bench's job, not a reason for a red suite.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx tests/support/smtp-receiver-process.ts",
      port: smtpPort,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_DIR: mailDir },
    },
    {
      command: `node ${[...SERVER_NODE_FLAGS, SERVER_PROGRAM].join(" ")}`,
      url: `${baseURL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(port),
        KK_DATA_DIR: dataDir,
        SEED_DEMO: "1",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        PUBLIC_URL: baseURL,
        MAIL_INBOUND_PORT: String(inboundPort),
        MAIL_INBOUND_HOST: "127.0.0.1",
      },
    },
  ],
});
