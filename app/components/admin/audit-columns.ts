import { auditActionLabel, describeAuditDetails, ENTITY_TYPE_LABELS } from "~/utils/labels-admin";
import type { Column } from "~/utils/list-query";

// The audit trail's columns: the page shows them and the CSV holds exactly them. Client-safe.

export type AuditListRow = {
  id: string;
  at: string | Date;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changes: unknown;
  metadata: unknown;
  ip: string | null;
  href: string | null;
};

const iso = (v: string | Date) => (typeof v === "string" ? v : v.toISOString());

export const AUDIT_COLUMNS: Column<AuditListRow>[] = [
  { key: "at", header: "Time (UTC)", text: (r) => iso(r.at).replace("T", " ").slice(0, 19), sortKey: "at" },
  { key: "actor", header: "Actor", text: (r) => r.actorEmail ?? "(not signed in)" },
  { key: "action", header: "Action", text: (r) => auditActionLabel(r.action) },
  {
    key: "entity",
    header: "Record",
    text: (r) => (r.entityType ? `${ENTITY_TYPE_LABELS[r.entityType] ?? r.entityType}${r.entityId ? ` ${r.entityId}` : ""}` : ""),
  },
  { key: "ip", header: "IP address", text: (r) => r.ip ?? "" },
  { key: "details", header: "Details", text: (r) => describeAuditDetails(r) },
];
