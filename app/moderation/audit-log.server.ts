import type { Prisma } from "~/generated/prisma/client";
import type { Guardian } from "~/guardian/guardian.server";
import { db } from "~/platform/db.server";
import { AUDITED_KINDS } from "./audit-trail.server";

// Reading the audit trail: organisers and admins filter it by who, what kind and period, page
// through it newest first, and take it away as CSV. Names are read now (an erased member's name
// went with their account, so the trail shows "voormalig lid").

export type AuditFilter = { actor?: string; kind?: string; from?: Date; to?: Date };

export type AuditRow = {
  id: string;
  occurredAt: Date;
  kind: string;
  actor: { handle: string; displayName: string } | null;
  actorErased: boolean;
  subjectKind: string;
  subjectId: number;
  reason: string | null;
  before: unknown;
  after: unknown;
};

export const AUDIT_PAGE = 50;
const CSV_LIMIT = 50_000;

function whereOf(filter: AuditFilter, actorId: number | null | undefined): Prisma.AuditEntryWhereInput {
  return {
    ...(actorId !== undefined ? { actorId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.from || filter.to ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

/** The actor filter as an id: undefined = anyone; null = no such member (nothing matches). */
async function actorIdOf(handle: string | undefined): Promise<number | undefined | null> {
  if (!handle) return undefined;
  const user = await db.user.findUnique({ where: { handle }, select: { id: true } });
  return user ? user.id : null;
}

export async function listAuditEntries(guardian: Guardian, filter: AuditFilter, beforeId?: bigint): Promise<{ rows: AuditRow[]; nextBefore: string | null; actors: { handle: string; displayName: string }[] }> {
  guardian.ensureCanReadAuditTrail();
  const actorId = await actorIdOf(filter.actor);
  const rows = actorId === null ? [] : await read(whereOf(filter, actorId), AUDIT_PAGE + 1, beforeId);
  const actors = await db.user.findMany({
    where: { role: { in: ["organiser", "admin"] }, erasedAt: null },
    orderBy: { displayName: "asc" },
    select: { handle: true, displayName: true },
  });
  return { rows: rows.slice(0, AUDIT_PAGE), nextBefore: rows.length > AUDIT_PAGE ? (rows.at(AUDIT_PAGE - 1)?.id ?? null) : null, actors };
}

async function read(where: Prisma.AuditEntryWhereInput, take: number, beforeId?: bigint): Promise<AuditRow[]> {
  const entries = await db.auditEntry.findMany({
    where: beforeId ? { AND: [where, { id: { lt: beforeId } }] } : where,
    orderBy: { id: "desc" },
    take,
  });
  const ids = [...new Set(entries.map((e) => e.actorId).filter((id): id is number => id !== null))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, handle: true, displayName: true, erasedAt: true } })).map((u) => [u.id, u]));
  return entries.map((e) => {
    const user = e.actorId === null ? undefined : users.get(e.actorId);
    const erased = e.actorId !== null && (!user || user.erasedAt !== null);
    return {
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      kind: e.kind,
      actor: user && !erased ? { handle: user.handle, displayName: user.displayName } : null,
      actorErased: erased,
      subjectKind: e.subjectKind,
      subjectId: e.subjectId,
      reason: e.reason,
      before: e.before,
      after: e.after,
    };
  });
}

export const auditKinds = (): readonly string[] => AUDITED_KINDS;

/**
 * The filtered trail as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
 * read the accents), at most 50 000 rows. A cell that a spreadsheet would run as a formula
 * (starting with = + - @) gets a leading apostrophe: the reason is typed text.
 */
export async function auditCsv(guardian: Guardian, filter: AuditFilter, labels: { header: string[]; operator: string; erased: string }): Promise<string> {
  guardian.ensureCanReadAuditTrail();
  const actorId = await actorIdOf(filter.actor);
  const rows = actorId === null ? [] : await read(whereOf(filter, actorId), CSV_LIMIT);
  const lines = [labels.header.map(csvCell).join(",")];
  for (const r of rows) {
    const who = r.actor ? `${r.actor.displayName} (@${r.actor.handle})` : r.actorErased ? labels.erased : labels.operator;
    lines.push(
      [r.occurredAt.toISOString(), who, r.kind, r.subjectKind, String(r.subjectId), r.reason ?? "", json(r.before), json(r.after)].map(csvCell).join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
