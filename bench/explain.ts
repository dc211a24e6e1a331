// EXPLAIN (ANALYZE, BUFFERS) of the statements a page really ran (caught by the spy), with
// their real parameters. PREPARE + EXPLAIN EXECUTE gives the parameters the types Postgres
// inferred for the server's own statement, and the first execution of a prepared statement is
// planned for its values, as the server's unnamed statements are. Everything runs inside a
// transaction that is rolled back, so explaining a write changes nothing.
import type pg from "pg";
import type { Statement } from "./pg-spy";

export type Explained = {
  sql: string;
  kind: "read" | "write" | "control";
  /** Execution time of the plan (ms); null when not explained. */
  ms: number | null;
  /** Shared buffers the statement touched (hit + read): grows with data an index should skip. */
  buffers: number | null;
  /** Plan nodes worth a look: sequential scans of the tables that grow with the circle. */
  flags: string[];
  plan: string[];
  note?: string;
};

const BIG_TABLES = ["Reply", "Dilemma", "Helpful", "DilemmaCompetence", "User", "Revision"];

function kindOf(sql: string): Explained["kind"] {
  const word = sql.replace(/^\s*(--[^\n]*\n\s*)*/, "").split(/\s/)[0]?.toUpperCase() ?? "";
  if (word === "SELECT" || word === "WITH") return "read";
  if (word === "INSERT" || word === "UPDATE" || word === "DELETE") return "write";
  return "control";
}

export async function explainAll(client: pg.Client, statements: Statement[]): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const s of statements) out.push(await explainOne(client, s));
  return out;
}

async function explainOne(client: pg.Client, s: Statement): Promise<Explained> {
  const kind = kindOf(s.sql);
  const base = { sql: s.sql, kind, ms: null, buffers: null, flags: [], plan: [] };
  if (kind === "control") return base;
  if (s.binary) return { ...base, note: "binary parameters: not explained" };
  // A replayed INSERT collides with the row the server has just written (same path, same
  // submission id); its cost is the index updates, which the write's run time shows.
  if (/^\s*INSERT\b/i.test(s.sql)) return { ...base, note: "insert: not replayed" };
  const args = s.params.map((p) => (p === null ? "NULL" : client.escapeLiteral(p)));
  await client.query("BEGIN");
  try {
    await client.query(`PREPARE bench_explain AS ${s.sql}`);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_explain${args.length ? `(${args.join(", ")})` : ""}`,
    );
    const plan = rows.map((r) => r["QUERY PLAN"]);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join("\n"))?.[1] ?? NaN);
    // The first Buffers line belongs to the top node and includes everything under it.
    const firstBuffers = plan.find((l) => l.trim().startsWith("Buffers:")) ?? "";
    const buffers = ["hit", "read"].reduce((sum, k) => sum + Number(new RegExp(`${k}=(\\d+)`).exec(firstBuffers)?.[1] ?? 0), 0);
    const flags = plan
      .map((l) => /Seq Scan on "?(\w+)"?/.exec(l)?.[1])
      .filter((table): table is string => table !== undefined && BIG_TABLES.includes(table))
      .map((table) => `Seq Scan on ${table}`);
    return { ...base, ms, buffers, flags, plan };
  } catch (error) {
    return { ...base, note: `not explained: ${(error as Error).message}` };
  } finally {
    await client.query("ROLLBACK");
    await client.query("DEALLOCATE ALL"); // prepared statements outlive the transaction
  }
}

/** One line for a statement: what it touches, how long, what kind of plan. */
export function describe(e: Explained): string {
  const sql = e.sql.replace(/\s+/g, " ").trim();
  const short = sql.length > 110 ? `${sql.slice(0, 107)}...` : sql;
  if (e.kind === "control") return `               ${short}`;
  if (e.ms === null) return `      -        ${short}  (${e.note ?? "not explained"})`;
  const flags = e.flags.length ? `  [${e.flags.join(", ")}]` : "";
  return `${e.ms.toFixed(3).padStart(8)} ms ${String(e.buffers).padStart(5)} buf  ${short}${flags}`;
}
