// What the benchmark asks of the server, per data set: the requests of each scenario, as a
// signed-in member in a current browser would send them, and the targets of the issue.
import type { Request } from "autocannon";
import { generateSessionToken, sessionIdFromToken } from "~/accounts/sessions.server";
import type pg from "pg";
import { OWN_WRITE_COOKIE } from "~/web/own-writes.server";
import type { DatasetMeta } from "./generate";

export type Target = { p99Ms: number; perSecond?: number };

export type Scenario = {
  key: string;
  label: string;
  target?: Target;
  /** Compared between the data sets: its cost must not grow with the number of dilemmas. */
  scales?: boolean;
  /** Posts: counted afterwards in the database. */
  writes?: boolean;
  /** Posts: request n carries the submission id `${submissions}${n}`. */
  submissions?: string;
  /** The request number n (0, 1, …) of the run. */
  request: (n: number) => Request;
};

/** What a current browser sends. It takes compressed pages (Brotli first): compressing them is part of what the server pays. */
export const BROWSER_ENCODING = "gzip, deflate, br";

function browserHeaders(encoding: string) {
  return {
    accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "accept-encoding": encoding,
    "accept-language": "nl-NL,nl;q=0.9,en;q=0.7",
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  };
}

/** Sessions for the most ordinary members, made the way a login makes them (hash of the token). */
export async function createSessions(c: pg.Client, count: number): Promise<{ userId: number; cookie: string }[]> {
  const { rows } = await c.query<{ id: number }>(
    `SELECT id FROM "User" WHERE role = 'member' AND "erasedAt" IS NULL ORDER BY id LIMIT $1`,
    [count],
  );
  const sessions = rows.map((r) => ({ userId: r.id, token: generateSessionToken() }));
  // A month ahead: nothing extends (and rewrites) a session during the run.
  await c.query(
    `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])`,
    [
      sessions.map((s) => sessionIdFromToken(s.token)),
      sessions.map((s) => s.userId),
      sessions.map(() => new Date(Date.now() + 29 * 24 * 3600 * 1000)),
    ],
  );
  await c.query(`ANALYZE "Session"`);
  return sessions.map((s) => ({ userId: s.userId, cookie: `kk_session=${s.token}` }));
}

/** The dilemma's page as the site links it (/dilemmas/:id/:slug): asked of the server, which redirects. */
export async function canonicalPath(origin: string, id: number): Promise<string> {
  const response = await fetch(`${origin}/dilemmas/${id}`, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) return new URL(location, origin).pathname;
  if (response.status === 200) return `/dilemmas/${id}`;
  throw new Error(`/dilemmas/${id} answered ${response.status}; cannot find the dilemma page`);
}

export type ScenarioInput = {
  origin: string;
  meta: DatasetMeta;
  cookies: string[];
  paths: Map<number, string>;
  /** For each dilemma posted into: readable top-level replies to answer. */
  replyIds: Map<number, number[]>;
  lastPageOf500: number;
  competenceSlug: string;
  runId: string;
  hasListRoute: boolean;
  /** Accept-Encoding of every request (--encoding=identity|gzip|br to compare). */
  encoding: string;
};

const POSTED_TEXT = [
  "Herkenbaar. Ik spreek nu vooraf met bewoners af wanneer ik een stap terug doe. Dan weten ze het, en ik ook.",
  "Kleine successen vieren helpt bij ons. Dan blijft de energie langer.\n\nEn een vast contactpersoon uit de groep zelf: **dat** werkte.",
  "Ik zou eerst vragen wat zij zelf willen. Soms is *loslaten* ook: accepteren dat iets stopt.\n\n- vraag het na een maand opnieuw\n- houd de deur open",
];

export function scenarios(x: ScenarioInput): Scenario[] {
  const BROWSER_HEADERS = browserHeaders(x.encoding);
  // live: as a member who has just written something, whose pages skip the shared page data
  // (decision 010). What every page costs when content changes all the time.
  const get = (path: string, live = false) => (n: number): Request => ({
    method: "GET",
    path,
    headers: { ...BROWSER_HEADERS, cookie: x.cookies[n % x.cookies.length]! + (live ? `; ${OWN_WRITE_COOKIE}=1` : "") },
  });
  const page20 = x.meta.special.page20.map((id) => x.paths.get(id)!);
  const page500 = x.paths.get(x.meta.special.page500[0]!)!;
  const post = (sameThread: boolean) => (n: number): Request => {
    const dilemmaId = sameThread ? x.meta.special.post[0]! : x.meta.special.post[n % x.meta.special.post.length]!;
    const replies = x.replyIds.get(dilemmaId) ?? [];
    const form = new URLSearchParams({
      intent: "reply",
      body: POSTED_TEXT[n % POSTED_TEXT.length]!,
      submissionId: `bench-${x.runId}-${sameThread ? "t" : "s"}${n}`,
    });
    // One in four answers a reply rather than the question: a nested path to compute.
    if (n % 4 === 3 && replies.length) form.set("parentId", String(replies[n % replies.length]));
    return {
      method: "POST",
      path: x.paths.get(dilemmaId)!,
      headers: {
        ...BROWSER_HEADERS,
        cookie: x.cookies[n % x.cookies.length]!,
        origin: x.origin,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form.toString(),
    };
  };
  const list: Scenario[] = x.hasListRoute
    ? [
        { key: "list", label: "list /dilemmas", target: { p99Ms: 50, perSecond: 200 }, scales: true, request: get("/dilemmas") },
        {
          key: "list-competence",
          label: "list, rarest competence",
          scales: true,
          request: get(`/dilemmas?competence=${encodeURIComponent(x.competenceSlug)}`),
        },
        { key: "list-live", label: "list, read live", scales: true, request: get("/dilemmas", true) },
      ]
    : [];
  return [
    // The fixed cost of any request: Express, helmet, logging, one SELECT 1. No page, no session.
    { key: "healthz", label: "baseline /healthz", request: () => ({ method: "GET", path: "/healthz", headers: BROWSER_HEADERS }) },
    { key: "home", label: "home /", scales: true, request: get("/") },
    ...list,
    {
      key: "page20",
      label: "dilemma, 20 replies",
      target: { p99Ms: 50, perSecond: 200 },
      scales: true,
      request: (n) => get(page20[n % page20.length]!)(n),
    },
    {
      key: "page20-live",
      label: "dilemma, 20 replies, read live",
      scales: true,
      request: (n) => get(page20[n % page20.length]!, true)(n),
    },
    { key: "page500-1", label: "dilemma, 500 replies, p.1", target: { p99Ms: 50 }, scales: true, request: get(page500) },
    {
      key: "page500-last",
      label: `dilemma, 500 replies, p.${x.lastPageOf500}`,
      target: { p99Ms: 50 },
      scales: true,
      request: get(`${page500}?page=${x.lastPageOf500}`),
    },
    // The member directory (2 000 members in every data set): a page of 24 cards, and the
    // words filter, which folds accents over every member's name and organisation.
    { key: "members", label: "members /members", request: get("/members") },
    { key: "members-text", label: "members, words filter", request: get("/members?q=jan") },
    { key: "post", label: "post a reply (10 threads)", target: { p99Ms: 50 }, writes: true, submissions: `bench-${x.runId}-s`, request: post(false) },
    { key: "post-1", label: "post a reply (all 1 thread)", writes: true, submissions: `bench-${x.runId}-t`, request: post(true) },
  ];
}
