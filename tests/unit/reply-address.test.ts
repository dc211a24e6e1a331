import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { looksLikeReplyAddress, readSignedAddress, signedAddress } from "~/notifications/reply-address.server";
import { resetEnvCache } from "~/platform/env.server";

// The signed Reply-To address (decision 028). The app's key comes from the database
// (tests/integration/reply-by-mail.test.ts); here a key of our own.
const key = Buffer.alloc(32, 7);
const replyAddress = async (target: Parameters<typeof signedAddress>[1], now = new Date()) => signedAddress(key, target, now);
const readReplyAddress = async (address: string, now = new Date()) => readSignedAddress(key, address, now);

beforeAll(() => {
  process.env.PUBLIC_URL = "https://kring.voorbeeld.nl";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.PUBLIC_URL;
  resetEnvCache();
});

describe("reply addresses", () => {
  const target = { memberId: 123456, dilemmaId: 987654, parentId: 4567890 };
  it("fit an address's local part, in lowercase, and name the member, the dilemma and the parent", async () => {
    const address = await replyAddress(target);
    const [local, domain] = address.split("@");
    expect(domain).toBe("kring.voorbeeld.nl");
    expect(local!.length).toBeLessThanOrEqual(64);
    expect(local).toMatch(/^[a-z0-9-]+$/);
    expect(looksLikeReplyAddress(address)).toBe(true);
    expect(await readReplyAddress(address)).toEqual({ ok: true, target });
    // Mail servers may change the case.
    expect(await readReplyAddress(address.toUpperCase())).toEqual({ ok: true, target });
    expect(await readReplyAddress(await replyAddress({ ...target, parentId: null }))).toEqual({ ok: true, target: { ...target, parentId: null } });
  });

  it("detect every changed character, another domain and a made-up signature", async () => {
    const address = await replyAddress(target);
    const [local] = address.split("@") as [string];
    for (let i = "antwoord-".length; i < local.length; i++) {
      if (local[i] === "-") continue;
      const changed = local.slice(0, i) + (local[i] === "a" ? "b" : "a") + local.slice(i + 1);
      expect((await readReplyAddress(`${changed}@kring.voorbeeld.nl`)).ok, changed).toBe(false);
    }
    expect((await readReplyAddress(`${local}@elders.nl`)).ok).toBe(false);
    expect(await readReplyAddress("antwoord-1-1-0-abc-aaaaaaaaaaaaaaaa@kring.voorbeeld.nl")).toEqual({ ok: false, problem: "forged" });
    // Another key (another installation) signed it.
    expect(readSignedAddress(Buffer.alloc(32, 8), address, new Date()).ok).toBe(false);
    expect(await readReplyAddress("")).toEqual({ ok: false, problem: "forged" });
  });

  it("expire after 30 days, still naming whom to tell", async () => {
    const sent = new Date("2026-12-01T10:00:00Z");
    const address = await replyAddress(target, sent);
    expect((await readReplyAddress(address, new Date("2026-12-30T10:00:00Z"))).ok).toBe(true);
    expect(await readReplyAddress(address, new Date("2027-01-02T10:00:00Z"))).toEqual({ ok: false, problem: "expired", target });
  });
});
