import type { Prisma } from "@prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { currentRequestContext } from "~/utils/request-context.server";

export type AuditInput = {
  actor: { id: string; email: string } | null;
  action: string;
  entityType?: string;
  entityId?: string;
  changes?: Prisma.InputJsonValue;
  metadata?: Prisma.InputJsonValue;
  ip?: string | null;
  /** The request's user agent and id (Ctx), so an event can be matched with the request's log lines. */
  userAgent?: string | null;
  requestId?: string | null;
  /** A write through the JSON API: the token used, added to `metadata` (issue 19). */
  apiToken?: { id: string; name: string };
  /** A write of a spreadsheet import: its id, added to `metadata` (issue 19, ADR 0042). */
  importId?: string;
};

function withApiToken(metadata: Prisma.InputJsonValue | undefined, apiToken: AuditInput["apiToken"], importId?: string): Prisma.InputJsonValue | undefined {
  if (!apiToken && !importId) return metadata;
  const base = metadata && typeof metadata === "object" && !Array.isArray(metadata) ? metadata : metadata === undefined ? {} : { value: metadata };
  return { ...(base as Record<string, Prisma.InputJsonValue>), ...(apiToken ? { apiToken } : {}), ...(importId ? { importId } : {}) };
}

function auditData(input: AuditInput): Prisma.AuditEventCreateManyInput {
  return {
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    changes: input.changes,
    metadata: withApiToken(input.metadata, input.apiToken, input.importId),
    ip: input.ip ?? null,
    // Written during a request without a Ctx (the sign-in path): the request context still knows them.
    userAgent: input.userAgent ?? currentRequestContext()?.userAgent ?? null,
    requestId: input.requestId ?? currentRequestContext()?.requestId ?? null,
  };
}

/** Appends to the audit trail; pass the transaction so the event commits with the change it describes. */
export async function recordAudit(input: AuditInput, tx: Tx = prisma): Promise<void> {
  await tx.auditEvent.create({ data: auditData(input) });
}

/** Several events in one statement (a spreadsheet import's records, ADR 0042); in the order given. */
export async function recordAudits(inputs: AuditInput[], tx: Tx = prisma): Promise<void> {
  if (inputs.length) await tx.auditEvent.createMany({ data: inputs.map(auditData) });
}
