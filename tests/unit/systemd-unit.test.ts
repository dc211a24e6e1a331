import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENV, SERVER_NODE_FLAGS, SERVER_PROGRAM } from "../../server/node-flags";

// docs/kenniskring.service is what the README tells people to install: systemd must accept it
// without a single complaint, and it must run the server the way `npm start` does.
const unitFile = path.resolve("docs/kenniskring.service");
const text = fs.readFileSync(unitFile, "utf8");

/** Section → key → values (a key may repeat), as systemd reads the file. */
function parse(source: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  source.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) return;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${i + 1} is neither a section, a setting nor a comment: ${raw}`);
    current.set(pair[1]!, [...(current.get(pair[1]!) ?? []), pair[2]!]);
  });
  return sections;
}

describe("docs/kenniskring.service", () => {
  const unit = parse(text);
  const service = unit.get("Service")!;
  const one = (key: string) => service.get(key)?.at(-1);

  it("restarts the server whenever it stops, and lets it stop its own workers and Postgres", () => {
    expect([...unit.keys()]).toEqual(["Unit", "Service", "Install"]);
    expect(one("Restart")).toBe("always");
    expect(one("KillMode")).toBe("mixed");
    expect(one("KillSignal")).toBe("SIGTERM");
    expect(Number(one("TimeoutStopSec"))).toBeGreaterThan(30);
    expect(service.get("Environment")).toContain("NODE_ENV=production");
    expect(unit.get("Install")!.get("WantedBy")).toEqual(["multi-user.target"]);
  });

  it("runs the server as `npm start` does, with the same Node flags", () => {
    const [program, ...args] = one("ExecStart")!.split(" ");
    expect(path.isAbsolute(program!)).toBe(true);
    expect(args).toEqual([...SERVER_NODE_FLAGS, SERVER_PROGRAM]);
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(" ")} ${SERVER_PROGRAM}`);
    for (const [name, value] of Object.entries(SERVER_ENV)) {
      expect(service.get("Environment")).toContain(`${name}=${value}`);
      expect(start).toContain(`${name}=${value} node`);
    }
  });

  const analyze = spawnSync("systemd-analyze", ["--version"]).status === 0;
  it.runIf(analyze)("passes systemd-analyze verify without a warning", () => {
    // verify also checks that ExecStart's program exists: point it at this machine's node.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-unit-"));
    const copy = path.join(dir, "kenniskring.service");
    fs.writeFileSync(copy, text.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
    try {
      const result = spawnSync("systemd-analyze", ["verify", copy], { encoding: "utf8" });
      expect(result.stderr + result.stdout).toBe("");
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
