import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KNOWN_DEVICE_DAYS } from "~/accounts/known-devices.server";
import { db } from "~/platform/db.server";
import { type JobRunner, startJobRunner } from "~/platform/jobs.server";
import { purgePersonalData, RETENTION_DAYS } from "~/rights/retention.server";
import { useTestDatabase } from "../support/database";

// The retention job (issue 21), run by the real job runner in Postgres: expired sessions,
// spent rate-limit counters (IP and e-mail addresses), browsers unused for a year and old mail go after the days the
// privacy statement names; what is still in use, or mail still to be sent, stays.

useTestDatabase();

let runner: JobRunner;
beforeAll(async () => {
  runner = await startJobRunner({ work: true });
});
afterAll(async () => {
  await runner?.stop(2_000);
});

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the job did not finish in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("privacy.retention", () => {
  it("is scheduled daily and removes only what is past its days", async () => {
    const user = await db.user.create({ data: { handle: "bewaar-1", displayName: "Bewaar Lid", email: "bewaar@voorbeeld.nl" } });
    await db.session.createMany({
      data: [
        { id: "old-session", userId: user.id, expiresAt: ago(RETENTION_DAYS.expiredSessions + 1) },
        { id: "recently-expired", userId: user.id, expiresAt: ago(1) },
        { id: "live-session", userId: user.id, expiresAt: new Date(Date.now() + DAY) },
      ],
    });
    await db.$executeRaw`INSERT INTO rate_limit (key, points, expire) VALUES
      ('login-ip:192.0.2.7', 3, ${BigInt(ago(RETENTION_DAYS.rateLimits + 1).getTime())}),
      ('login-account:bewaar@voorbeeld.nl', 1, ${BigInt(Date.now() + 60_000)})`;
    const mail = (id: string, days: number, status: "sent" | "queued") => ({
      kind: "test",
      toAddress: "bewaar@voorbeeld.nl",
      locale: "nl",
      subject: id,
      text: id,
      html: id,
      messageId: `<${id}@test>`,
      status,
      createdAt: ago(days),
    });
    await db.mail.createMany({
      data: [mail("old-sent", RETENTION_DAYS.mailLog + 1, "sent"), mail("old-queued", RETENTION_DAYS.mailLog + 1, "queued"), mail("new-sent", 2, "sent")],
    });

    await db.knownDevice.createMany({
      data: [
        { id: "browser-forgotten", userId: user.id, lastUsedAt: ago(KNOWN_DEVICE_DAYS + 1) },
        { id: "browser-in-use", userId: user.id, lastUsedAt: ago(3) },
      ],
    });

    const schedules = await db.$queryRaw<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule WHERE name = ${purgePersonalData.name}`;
    expect(schedules).toEqual([{ name: "privacy.retention", cron: "23 4 * * *" }]);

    await purgePersonalData.enqueue({});
    runner.wake(purgePersonalData.name);
    await until(async () => (await db.session.count({ where: { id: "old-session" } })) === 0);
    await until(async () => (await db.mail.count({ where: { subject: "old-sent" } })) === 0);

    expect((await db.session.findMany({ orderBy: { id: "asc" } })).map((s) => s.id)).toEqual(["live-session", "recently-expired"]);
    expect((await db.$queryRaw<{ key: string }[]>`SELECT key FROM rate_limit ORDER BY key`).map((r) => r.key)).toEqual(["login-account:bewaar@voorbeeld.nl"]);
    expect((await db.knownDevice.findMany({ orderBy: { id: "asc" } })).map((d) => d.id)).toEqual(["browser-in-use"]);
    expect((await db.mail.findMany({ orderBy: { subject: "asc" } })).map((m) => m.subject)).toEqual(["new-sent", "old-queued"]);
  });
});
