import type { AuditFilter } from "./audit-log.server";

// The audit log's filter from its address (/moderation/log?actor=…&kind=…&from=…&to=…), shared
// by the page and its CSV. A value that is not a date is left out rather than refused: the
// form's date fields send nothing else, and a hand-typed address still shows the trail.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: string | null, plusDays = 0): Date | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

export function auditFilterOf(params: URLSearchParams): { filter: AuditFilter; raw: Record<"actor" | "kind" | "from" | "to", string>; before?: bigint } {
  const text = (name: string) => (params.get(name) ?? "").trim().slice(0, 100);
  const raw = { actor: text("actor"), kind: text("kind"), from: text("from"), to: text("to") };
  const beforeText = params.get("before");
  return {
    raw,
    filter: {
      actor: raw.actor || undefined,
      kind: raw.kind || undefined,
      from: dayOf(raw.from),
      to: dayOf(raw.to, 1), // "up to and including" that day
    },
    before: beforeText && /^\d{1,18}$/.test(beforeText) ? BigInt(beforeText) : undefined,
  };
}
