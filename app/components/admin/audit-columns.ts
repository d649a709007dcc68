import { recordFieldLabels } from "~/components/records/field-labels";
import { recordValueLabel } from "~/components/records/value-labels";
import type { Translator } from "~/i18n/translate";
import { auditActionLabel, describeAuditDetails, entityTypeLabel } from "~/utils/labels-admin";
import type { Column } from "~/utils/list-query";

// The audit trail's columns: the page shows them and the CSV holds them, plus the record's id. Client-safe.

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
  /** The record's title (a programme's code and title, a user's name), when it still exists. */
  title: string | null;
  /** Titles of the records its changes name by id (a programme moved, an owner changed). */
  references?: Record<string, string>;
};

/** A recorded value as a reader reads it: another record's id as its title, a code as its label. */
function readableValue(r: AuditListRow, field: string, value: unknown, t: Translator): unknown {
  const title = (v: unknown) => (typeof v === "string" && r.references?.[v]) || v;
  if (Array.isArray(value)) return value.map(title);
  const named = title(value);
  return named !== value ? named : recordValueLabel(r.entityType, field, value, t);
}

const iso = (v: string | Date) => (typeof v === "string" ? v : v.toISOString());

export function auditColumns(t: Translator): Column<AuditListRow>[] {
  // A change names its fields as the record's own page does (computed once per record type).
  const labels = new Map<string, Record<string, string>>();
  const labelsOf = (type: string | null) => {
    if (!type) return {};
    if (!labels.has(type)) labels.set(type, recordFieldLabels(type, t));
    return labels.get(type)!;
  };
  return [
    { key: "at", header: t("admin.audit.col.time"), text: (r) => iso(r.at).replace("T", " ").slice(0, 19), sortKey: "at" },
    { key: "actor", header: t("admin.audit.col.actor"), text: (r) => r.actorEmail ?? t("admin.audit.notSignedIn") },
    { key: "action", header: t("admin.audit.col.action"), text: (r) => auditActionLabel(r.action, t) },
    {
      key: "entity",
      header: t("admin.audit.col.record"),
      // Its title; the id only for a record that no longer exists (the id column keeps it for machines).
      text: (r) =>
        r.entityType
          ? `${entityTypeLabel(r.entityType, t)}${r.title ? `: ${r.title}` : r.entityId ? ` ${r.entityId}` : ""}`
          : "",
    },
    { key: "ip", header: t("admin.audit.col.ip"), text: (r) => r.ip ?? "" },
    {
      key: "details",
      header: t("admin.audit.col.details"),
      text: (r) => describeAuditDetails(r, t, labelsOf(r.entityType), (field, value) => readableValue(r, field, value, t)),
    },
  ];
}

/** The CSV's columns: the page's, with the record's id beside its title (for machines). */
export function auditCsvColumns(t: Translator): Column<AuditListRow>[] {
  const columns = auditColumns(t);
  const at = columns.findIndex((c) => c.key === "entity") + 1;
  return [...columns.slice(0, at), { key: "recordId", header: t("admin.audit.col.recordId"), text: (r) => r.entityId ?? "" }, ...columns.slice(at)];
}
