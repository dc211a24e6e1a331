// npx tsx bench/mail-drain-ab.ts --before=/work/wt/mail7-base [--mails=10000] [--rounds=1]
// (under flock /tmp/kk-bench.lock). Decision 041: how fast the job runner drains a digest's
// worth of queued mail into an in-process SMTP receiver, the tree at --before (one job per
// mail) against this one (batches), B/A/B… inside one run on fresh databases of the bench
// cluster, each side in its own process (bench/mail-drain-child.ts), with the load average.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { migrate } from "~/platform/migrate.server";
import { startSmtpReceiver } from "../tests/support/smtp-receiver";
import { startBenchCluster } from "./generate";
import { loadAverage } from "./list-ab";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const BEFORE = arg("before");
const MAILS = Number(arg("mails") ?? 10_000);
const ROUNDS = Number(arg("rounds") ?? 1);
if (!BEFORE) throw new Error("--before=DIR: a checkout of the code to compare with (git worktree add … main)");

type Side = { label: string; tree: string };
const sides: Side[] = [
  { label: "before (one job per mail)", tree: path.resolve(BEFORE) },
  { label: "after (batches)", tree: process.cwd() },
];

async function main() {
  const cluster = await startBenchCluster();
  const smtp = await startSmtpReceiver({ parse: false });
  const rows: string[] = [];
  try {
    console.log(`mail drain A/B: ${MAILS} mails per side, ${loadAverage()}`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 ? [...sides].reverse() : sides) {
        const name = `mail_drain_${side === sides[0] ? "before" : "after"}`;
        const admin = new pg.Client({ connectionString: cluster.adminUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = Object.assign(new URL(cluster.adminUrl), { pathname: `/${name}` }).href;
        await migrate(url, { migrationsDir: path.join(side.tree, "prisma/migrations") });
        const receivedBefore = smtp.messages.length;
        const out = await child(side.tree, url, smtp.url);
        const r = JSON.parse(out) as { sent: number; seconds: number; perSecond: number; rssPeakMb: number; ticks: string[] };
        const received = smtp.messages.length - receivedBefore;
        const line = `| ${side.label} | ${r.sent} | ${received} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.rssPeakMb.toFixed(0)} | ${loadAverage()} |`;
        console.log(`${line}\n    ${r.ticks.join("; ")}`);
        rows.push(line);
      }
    }
    console.log(["", "| side | sent | received over SMTP | seconds | mails/s | runner RSS peak MB | load average at its end |", "|---|---:|---:|---:|---:|---:|---|", ...rows].join("\n"));
  } finally {
    await smtp.close();
    await cluster.stop();
  }
}

function child(tree: string, url: string, smtpUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/mail-drain-child.ts")], {
      cwd: tree,
      env: { ...process.env, KK_TREE: tree, DATABASE_URL: url, SMTP_URL: smtpUrl, MAILS: String(MAILS), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`drain child exited ${code}: ${out}`))));
  });
}
main().then(() => process.exit(0), (e: unknown) => (console.error(e), process.exit(1)));
