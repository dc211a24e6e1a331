import { readFileSync } from "node:fs";
import path from "node:path";
import { PRIVACY_KINDS, type PrivacyCheck, type PrivacyContext, type PrivacyKind } from "~/privacy/kinds";

// Reads the privacy guard's quality set (tests/fixtures/privacy/README.md has the format) and
// scores the guard's answers against it.

export type FixturePost = {
  id: string;
  kinds: PrivacyKind[];
  writer: PrivacyContext;
  mustMark: string[];
  mustKeep: string[];
  text: string;
};

export function readFixtures(file: "tuning" | "held-out"): FixturePost[] {
  const raw = readFileSync(path.resolve("tests/fixtures/privacy", `${file}.txt`), "utf8");
  const posts: FixturePost[] = [];
  for (const chunk of raw.split(/^@@@ /m).slice(1)) {
    const newline = chunk.indexOf("\n");
    const [id = "", kindList = ""] = chunk.slice(0, newline).split("|").map((s) => s.trim());
    const lines = chunk.slice(newline + 1).split("\n");
    const post: FixturePost = { id, kinds: [], writer: {}, mustMark: [], mustKeep: [], text: "" };
    if (kindList !== "clean") {
      for (const k of kindList.split(",").map((s) => s.trim())) {
        if (!PRIVACY_KINDS.includes(k as PrivacyKind)) throw new Error(`${id}: unknown kind "${k}"`);
        post.kinds.push(k as PrivacyKind);
      }
    }
    let i = 0;
    for (; i < lines.length && lines[i]!.trim() !== ""; i++) {
      const [, key, value = ""] = /^(\w+):\s?(.*)$/.exec(lines[i]!) ?? [];
      if (key === "mark") post.mustMark.push(value);
      else if (key === "keep") post.mustKeep.push(value);
      else if (key === "writer") {
        const [displayName, handle, organisation] = value.split("|").map((s) => s.trim());
        post.writer = { displayName, handle, organisation };
      } else throw new Error(`${id}: unknown directive "${lines[i]}"`);
    }
    post.text = lines.slice(i + 1).join("\n").replace(/\n+$/, "\n");
    for (const s of [...post.mustMark, ...post.mustKeep]) if (!post.text.includes(s)) throw new Error(`${id}: "${s}" is not in the text`);
    posts.push(post);
  }
  return posts;
}

export type PostScore = {
  post: FixturePost;
  check: PrivacyCheck;
  /** Expected kinds the guard found (at least one mark of that kind). */
  foundKinds: PrivacyKind[];
  missedKinds: PrivacyKind[];
  /** Kinds marked that the post was not annotated with. */
  extraKinds: PrivacyKind[];
  missedMarks: string[];
  wrongMarks: string[];
};

export function score(post: FixturePost, check: PrivacyCheck): PostScore {
  const marked = new Set(check.marks.map((m) => m.kind));
  const covered = (s: string) => {
    const at = post.text.indexOf(s);
    return check.marks.some((m) => m.start < at + s.length && at < m.end);
  };
  return {
    post,
    check,
    foundKinds: post.kinds.filter((k) => marked.has(k)),
    missedKinds: post.kinds.filter((k) => !marked.has(k)),
    extraKinds: [...marked].filter((k) => !post.kinds.includes(k)),
    missedMarks: post.mustMark.filter((s) => !covered(s)),
    wrongMarks: post.mustKeep.filter((s) => covered(s)),
  };
}

export type Summary = {
  personal: number;
  personalWarned: number;
  clean: number;
  cleanWarned: number;
  perKind: Map<PrivacyKind, { expected: number; found: number }>;
};

export function summarise(scores: PostScore[]): Summary {
  const summary: Summary = { personal: 0, personalWarned: 0, clean: 0, cleanWarned: 0, perKind: new Map() };
  for (const k of PRIVACY_KINDS) summary.perKind.set(k, { expected: 0, found: 0 });
  for (const s of scores) {
    if (s.post.kinds.length) {
      summary.personal++;
      if (s.check.warn) summary.personalWarned++;
    } else {
      summary.clean++;
      if (s.check.warn) summary.cleanWarned++;
    }
    for (const k of s.post.kinds) {
      const row = summary.perKind.get(k)!;
      row.expected++;
      if (s.foundKinds.includes(k)) row.found++;
    }
  }
  return summary;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");

export function formatSummary(name: string, s: Summary): string {
  const lines = [
    `${name}: ${s.personal} posts with personal data, ${pct(s.personalWarned, s.personal)} warned (${s.personalWarned}); ` +
      `${s.clean} clean posts, ${pct(s.cleanWarned, s.clean)} warned (${s.cleanWarned})`,
    `  recall per kind (posts where the kind was found / posts holding it):`,
  ];
  for (const [k, row] of s.perKind) if (row.expected) lines.push(`    ${k.padEnd(10)} ${pct(row.found, row.expected).padStart(7)}  (${row.found}/${row.expected})`);
  return lines.join("\n");
}
