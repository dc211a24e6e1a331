import { afterAll, describe, expect, it } from "vitest";
import { checkPrivacy } from "~/privacy/check.server";
import { PRIVACY_KINDS } from "~/privacy/kinds";
import { formatSummary, readFixtures, score, summarise, type PostScore } from "../support/privacy-fixtures";

// The privacy guard's quality on realistic posts (tests/fixtures/privacy): issue 21 asks that at
// least 95 % of posts with someone else's personal data are warned about and at most 5 % of
// clean posts. Both sets count; the held-out set (written before the guard and never tuned on)
// is reported on its own too, as a measure of posts the guard has not seen.

const sets = { tuning: readFixtures("tuning"), "held-out": readFixtures("held-out") };
const scored: Record<string, PostScore[]> = {};
for (const [name, posts] of Object.entries(sets)) scored[name] = posts.map((p) => score(p, checkPrivacy(p.text, p.writer)));
const all = Object.values(scored).flat();

afterAll(() => {
  const lines = Object.entries(scored).map(([name, s]) => formatSummary(name, summarise(s)));
  lines.push(formatSummary("both", summarise(all)));
  console.log(`\nPrivacy guard quality\n${lines.join("\n")}\n`);
});

describe("the quality set", () => {
  it("holds at least 150 posts, half with personal data of every kind, several times each", () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    const personal = all.filter((s) => s.post.kinds.length).length;
    expect(personal / all.length).toBeGreaterThanOrEqual(0.45);
    expect(personal / all.length).toBeLessThanOrEqual(0.55);
    const summary = summarise(all);
    for (const kind of PRIVACY_KINDS) expect(summary.perKind.get(kind)!.expected, kind).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((s) => s.post.id)).size).toBe(all.length);
  });
});

describe("the privacy guard on the quality set", () => {
  it("warns about at least 95 % of the posts with someone else's personal data", () => {
    const summary = summarise(all);
    const missed = all.filter((s) => s.post.kinds.length && !s.check.warn).map((s) => s.post.id);
    expect(summary.personalWarned / summary.personal, `not warned: ${missed.join(", ")}`).toBeGreaterThanOrEqual(0.95);
  });

  it("warns about at most 5 % of the clean posts", () => {
    const summary = summarise(all);
    const warned = all
      .filter((s) => !s.post.kinds.length && s.check.warn)
      .map((s) => `${s.post.id} (${s.check.marks.map((m) => `${m.kind}: ${s.post.text.slice(m.start, m.end)}`).join("; ")})`);
    expect(summary.cleanWarned / summary.clean, `warned: ${warned.join(", ")}`).toBeLessThanOrEqual(0.05);
  });

  it("marks what the annotations say must be marked, and leaves alone what they say to keep, in at least 90 % of the cases", () => {
    const mustMark = all.reduce((n, s) => n + s.post.mustMark.length, 0);
    const missed = all.flatMap((s) => s.missedMarks.map((m) => `${s.post.id}: ${m}`));
    const mustKeep = all.reduce((n, s) => n + s.post.mustKeep.length, 0);
    const wrong = all.flatMap((s) => s.wrongMarks.map((m) => `${s.post.id}: ${m}`));
    expect(1 - missed.length / mustMark, `missed: ${missed.join(" | ")}`).toBeGreaterThanOrEqual(0.9);
    expect(1 - wrong.length / mustKeep, `marked: ${wrong.join(" | ")}`).toBeGreaterThanOrEqual(0.9);
  });

  it("gives every mark a stretch of the text, a kind and a replacement", () => {
    for (const s of all) {
      for (const m of s.check.marks) {
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeGreaterThan(m.start);
        expect(m.end).toBeLessThanOrEqual(s.post.text.length);
        expect(s.post.text.slice(m.start, m.end).trim()).toBe(s.post.text.slice(m.start, m.end));
        expect(m.replacement).not.toBe("");
      }
    }
  });
});
