// The shape of a generated data set, decided in memory before anything touches the database:
// who wrote what, which thread gets how many replies, where each reply sits in its tree
// (materialised path, depth), and the counters that must agree with all of that. Bodies are
// indices into a small pool of pre-rendered texts, so 200 000 replies cost no Markdown
// rendering and little data on the wire.
import { SEGMENT_WIDTH } from "~/replies/thread-path";
import { between, prng, type Random } from "./text";

export const MEMBER_COUNT = 2_000;
/** Deepest nesting we generate; the page shows at most a few levels and flattens the rest. */
const MAX_DEPTH = 8;
const DAY = 24 * 60 * 60 * 1000;

export type Special = {
  /** Threads of exactly 500 replies (all readable). */
  page500: number[];
  /** Threads of exactly 20 replies (all readable). */
  page20: number[];
  /** Ordinary threads of 10 replies that the posting scenario writes into (and is cleaned up). */
  post: number[];
};

export type DilemmaPlan = {
  id: number;
  authorId: number;
  createdAt: number;
  lastActivityAt: number;
  replyCount: number;
  helpfulCount: number;
  acceptedReplyId: number | null;
  hidden: boolean;
  locked: boolean;
  competences: number[];
  /** What the thread is about (bench/text.ts topic): its body and replies come from that topic's pool. */
  topic: number;
};

/** Column arrays (one entry per reply): cheaper than 200 000 objects, and what unnest() wants. */
export type ReplyColumns = {
  id: number[];
  dilemmaId: number[];
  parentId: (number | null)[];
  authorId: number[];
  pool: number[];
  path: string[];
  depth: number[];
  helpfulCount: number[];
  hiddenAt: (number | null)[];
  deletedAt: (number | null)[];
  createdAt: number[];
};

export type Plan = {
  dilemmas: DilemmaPlan[];
  replies: ReplyColumns;
  helpful: { userId: number[]; replyId: number[] };
  special: Special;
};

export type PlanOptions = {
  dilemmaCount: number;
  competenceCount: number;
  /** Pools are grouped by topic: pool text i belongs to topic i % topicCount. */
  topicCount: number;
  replyPoolSize: number;
  /** The generation moment: all timestamps lie before it. */
  now: number;
  seed?: number;
};

/** Most threads short, a tail of long ones: mean ≈ 13 replies, so 20 000 dilemmas ≈ 260 000 replies. */
function threadLength(r: Random): number {
  const roll = r();
  if (roll < 0.15) return 0;
  if (roll < 0.85) return between(r, 1, 20);
  if (roll < 0.98) return between(r, 21, 40);
  if (roll < 0.998) return between(r, 41, 120);
  return between(r, 121, 400);
}

/** Active members write more: a skewed pick over member ids 1..MEMBER_COUNT. */
function someMember(r: Random): number {
  return 1 + Math.floor(MEMBER_COUNT * r() * r());
}

/** Some competences are far more common than others (Zipf): rare ones are a filter's worst case. */
function someCompetence(r: Random, count: number): number {
  const harmonic = Array.from({ length: count }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
  let roll = r() * harmonic;
  for (let rank = 1; rank <= count; rank++) {
    roll -= 1 / rank;
    if (roll <= 0) return rank;
  }
  return count;
}

/** A text of the thread's topic from a pool where text i belongs to topic i % topicCount. */
export function poolText(r: Random, topic: number, topicCount: number, poolSize: number): number {
  return topic + topicCount * Math.floor(r() * Math.floor(poolSize / topicCount));
}

function chooseSpecial(r: Random, dilemmaCount: number): Special {
  const taken = new Set<number>();
  const take = (n: number) => {
    const ids: number[] = [];
    while (ids.length < n) {
      // Away from the newest and oldest ends: special threads are ordinary old dilemmas.
      const id = between(r, Math.floor(dilemmaCount * 0.1), Math.floor(dilemmaCount * 0.9));
      if (!taken.has(id)) {
        taken.add(id);
        ids.push(id);
      }
    }
    return ids;
  };
  return { page500: take(2), page20: take(10), post: take(10) };
}

export function planDataset(opts: PlanOptions): Plan {
  const r = prng(opts.seed ?? 20090702);
  const special = chooseSpecial(r, opts.dilemmaCount);
  const forced = new Map<number, number>([
    ...special.page500.map((id) => [id, 500] as const),
    ...special.page20.map((id) => [id, 20] as const),
    ...special.post.map((id) => [id, 10] as const),
  ]);
  const clean = new Set(forced.keys());

  const start = opts.now - 8 * 365 * DAY;
  const span = opts.now - DAY - start;
  const replies: ReplyColumns = {
    id: [], dilemmaId: [], parentId: [], authorId: [], pool: [], path: [], depth: [],
    helpfulCount: [], hiddenAt: [], deletedAt: [], createdAt: [],
  };
  const helpful = { userId: [] as number[], replyId: [] as number[] };
  const dilemmas: DilemmaPlan[] = [];

  for (let id = 1; id <= opts.dilemmaCount; id++) {
    const createdAt = start + Math.floor((span * (id - 1)) / opts.dilemmaCount) + between(r, 0, 3_600_000);
    const isClean = clean.has(id);
    const competences = new Set<number>();
    const wanted = between(r, 1, 3);
    while (competences.size < wanted) competences.add(someCompetence(r, opts.competenceCount));
    const d: DilemmaPlan = {
      id,
      authorId: someMember(r),
      createdAt,
      lastActivityAt: createdAt,
      replyCount: 0,
      helpfulCount: 0,
      acceptedReplyId: null,
      hidden: !isClean && r() < 0.003,
      locked: !isClean && r() < 0.01,
      competences: [...competences],
      topic: Math.floor(r() * opts.topicCount),
    };
    const answerable = addThread(r, d, forced.get(id) ?? threadLength(r), isClean, opts, replies, helpful);
    // Answered: the asker marked a readable top-level reply. Always so for the measured
    // threads: their pages also pay for showing the answer on top, and every one of them
    // costs the same number of statements, so 2 000 and 20 000 compare like for like.
    const measured = special.page500.includes(id) || special.page20.includes(id);
    if (measured || r() < 0.3) d.acceptedReplyId = answerable;
    dilemmas.push(d);
  }
  return { dilemmas, replies, helpful, special };
}

function addThread(
  r: Random,
  d: DilemmaPlan,
  count: number,
  isClean: boolean,
  opts: PlanOptions,
  out: ReplyColumns,
  helpful: Plan["helpful"],
): number | null {
  const first = out.id.length;
  let answerable: number | null = null; // the first readable top-level reply
  const childCount = new Map<number, number>(); // parent index in `out` (−1: the dilemma) → children so far
  // Long threads unfold over weeks, short ones within days.
  const meanGap = count > 100 ? 2 * 3_600_000 : 8 * 3_600_000;
  let at = d.createdAt;
  for (let i = 0; i < count; i++) {
    let parent = -1;
    if (i > 0 && r() > 0.45) {
      const candidate = first + i - 1 - Math.floor(r() * r() * Math.min(i, 12));
      if (out.depth[candidate]! < MAX_DEPTH) parent = candidate;
    }
    const sequence = (childCount.get(parent) ?? 0) + 1;
    childCount.set(parent, sequence);
    const path = (parent >= 0 ? out.path[parent]! : "") + String(sequence).padStart(SEGMENT_WIDTH, "0");
    at = Math.min(at + Math.floor(-Math.log(1 - r()) * meanGap) + 60_000, opts.now - 60_000);
    const id = out.id.length + 1;
    const deleted = !isClean && r() < 0.005;
    const hidden = !isClean && !deleted && r() < 0.003;
    const authorId = r() < 0.1 ? d.authorId : someMember(r);
    let marks = 0;
    if (r() < 0.2) {
      const by = new Set<number>();
      const wanted = between(r, 1, 6);
      while (by.size < wanted) {
        const userId = someMember(r);
        if (userId !== authorId) by.add(userId);
      }
      for (const userId of by) {
        helpful.userId.push(userId);
        helpful.replyId.push(id);
      }
      marks = by.size;
    }
    out.id.push(id);
    out.dilemmaId.push(d.id);
    out.parentId.push(parent >= 0 ? out.id[parent]! : null);
    out.authorId.push(authorId);
    out.pool.push(poolText(r, d.topic, opts.topicCount, opts.replyPoolSize));
    out.path.push(path);
    out.depth.push(path.length / SEGMENT_WIDTH - 1);
    out.helpfulCount.push(marks);
    out.hiddenAt.push(hidden ? at + 3_600_000 : null);
    out.deletedAt.push(deleted ? at + 600_000 : null);
    out.createdAt.push(at);
    // Counters as the app keeps them: replyCount counts replies a member can read.
    if (!deleted && !hidden) d.replyCount++;
    d.helpfulCount += marks;
    d.lastActivityAt = at;
    if (answerable === null && parent < 0 && !deleted && !hidden) answerable = id;
  }
  return answerable;
}
