import type { Prisma } from "@prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { ConflictError, notFoundError } from "~/utils/errors.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { recordAudit, recordAudits } from "./audit.server";
import { auditSource, type Ctx } from "./ctx.server";
import { entityRefs, REFERENCE_FIELDS, referencedRecords } from "./record-refs.server";

// The audit trail of records: who changed what, before -> after. Updates also
// record the version they produced, so an edit conflict can show exactly what
// the other person changed since the version the user loaded.

export type { Actor } from "./ctx.server";
export type Changes = Record<string, { before: unknown; after: unknown }>;

/** Values as the audit trail stores them: dates as ISO dates, decimals as strings. */
export function auditValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (value && typeof value === "object" && "toFixed" in value && typeof (value as { toString(): string }).toString === "function") {
    return (value as { toString(): string }).toString(); // Prisma.Decimal
  }
  if (Array.isArray(value)) return value.map(auditValue);
  return value;
}

export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const a = auditValue(before[field]);
    const b = auditValue(after[field]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = { before: a, after: b };
  }
  return changes;
}

export function snapshot(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, auditValue(record[f])]));
}

/**
 * Throws ConflictError describing what changed since `loadedVersion`, when an
 * update matched no row because the version moved on.
 */
export async function conflictSince(
  tx: Tx,
  entityType: string,
  entityId: string,
  loadedVersion: number,
  current: { version: number; updatedAt: Date },
): Promise<never> {
  const events = await tx.auditEvent.findMany({
    where: { entityType, entityId, action: { in: ["update", "archive", "restore"] } },
    orderBy: { at: "asc" },
  });
  const theirs: Record<string, { mine: unknown; theirs: unknown }> = {};
  let by: string | null = null;
  for (const e of events) {
    const version = (e.metadata as { version?: number } | null)?.version ?? 0;
    if (version <= loadedVersion) continue;
    by = e.actorEmail;
    for (const [field, change] of Object.entries((e.changes ?? {}) as Changes)) {
      theirs[field] = { mine: theirs[field]?.mine ?? change.before, theirs: change.after };
    }
  }
  throw new ConflictError({ version: current.version, updatedAt: current.updatedAt, updatedBy: by }, theirs);
}

export async function auditChange(
  tx: Tx,
  ctx: Ctx,
  input: {
    action: "create" | "update" | "archive" | "restore" | "delete";
    entityType: string;
    entityId: string;
    changes?: Changes | Record<string, unknown>;
    version?: number;
  },
): Promise<void> {
  await recordAudit(
    {
      ...auditSource(ctx),
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: (input.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      metadata: input.version !== undefined ? { version: input.version } : undefined,
    },
    tx,
  );
}

/** auditChange for many records at once (one statement): a spreadsheet import's batch (ADR 0042). */
export async function auditChanges(tx: Tx, ctx: Ctx, inputs: Parameters<typeof auditChange>[2][]): Promise<void> {
  await recordAudits(
    inputs.map((input) => ({
      ...auditSource(ctx),
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: (input.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      metadata: input.version !== undefined ? { version: input.version } : undefined,
    })),
    tx,
  );
}

export type HistoryEntry = {
  id: string;
  /** The record's type, so its page names coded values ("STUDY_VISIT") by their labels. */
  entityType: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  changes: Record<string, unknown> | null;
};

/** A record's history, newest first. The caller has already checked the record is in scope. */
export async function listHistory(entityType: string, entityId: string, take = 100, t: Translator = serverTranslator(DEFAULT_LOCALE)): Promise<HistoryEntry[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, actorEmail: true, action: true, changes: true },
  });
  // Values that name other records (a programme moved, an owner changed) read
  // as those records' titles, in the reader's language; one query per type.
  const refs = await entityRefs(rows.flatMap((r) => referencedRecords(r.changes)), t);
  const title = (type: string, v: unknown) => (typeof v === "string" ? (refs.get(`${type}:${v}`)?.title ?? v) : v);
  const readable = (field: string, value: unknown): unknown => {
    const type = REFERENCE_FIELDS[field];
    if (!type) return value;
    if (Array.isArray(value)) return value.map((v) => title(type, v));
    if (value && typeof value === "object" && "after" in value) {
      const c = value as { before: unknown; after: unknown };
      return { before: readable(field, c.before), after: readable(field, c.after) };
    }
    return title(type, value);
  };
  return rows.map((r) => {
    const changes = (r.changes as Record<string, unknown> | null) ?? null;
    return { ...r, entityType, changes: changes && Object.fromEntries(Object.entries(changes).map(([field, v]) => [field, readable(field, v)])) };
  });
}

type Archivable = { archivedAt: Date | null; version: number };
type ArchiveData = { archivedAt: Date | null; version: { increment: number } };

/**
 * Archives or restores one record in a transaction with its audit event
 * (bumping the version, so an open edit form sees the change as a conflict).
 * Doing it twice is a no-op.
 */
export async function setArchived(ctx: Ctx, opts: {
  entityType: string;
  id: string;
  archived: boolean;
  find: (tx: Tx) => Promise<Archivable | null>;
  update: (tx: Tx, data: ArchiveData) => Promise<Archivable>;
}): Promise<void> {
  return prisma.$transaction(async (tx) => {
    const before = await opts.find(tx);
    if (!before) throw notFoundError();
    if (Boolean(before.archivedAt) === opts.archived) return;
    const after = await opts.update(tx, { archivedAt: opts.archived ? new Date() : null, version: { increment: 1 } });
    await auditChange(tx, ctx, {
      action: opts.archived ? "archive" : "restore",
      entityType: opts.entityType,
      entityId: opts.id,
      changes: { archivedAt: { before: before.archivedAt?.toISOString() ?? null, after: after.archivedAt?.toISOString() ?? null } },
      version: after.version,
    });
  });
}
