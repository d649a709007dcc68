// Readable summaries for the admin pages (users, audit trail). Client-safe.
// The names are the enum groups "userStatus", "auditAction" and "entityType"
// of the message catalogues (English: app/i18n/messages/en/enums.ts, which
// imports nothing from app/utils). The functions take the reader's
// translator; without one they answer in English.
import { ROLE_LABELS, type RoleName } from "~/auth/permissions";
import { enums as englishNames } from "~/i18n/messages/en/enums";
import type { MessageKey, Translator } from "~/i18n/translate";

export const USER_STATUSES = ["ACTIVE", "INVITED", "INVITATION_EXPIRED", "DEACTIVATED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export function auditActionLabel(action: string, t?: Translator): string {
  const known = t ? (englishNames.auditAction[action] !== undefined ? t.label("auditAction", action) : undefined) : englishNames.auditAction[action];
  return known ?? action.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function entityTypeLabel(type: string, t?: Translator): string {
  return t ? t.label("entityType", type) : (englishNames.entityType[type] ?? type);
}

const FIELD_NAMES: Record<string, string> = {
  email: "e-mail",
  role: "role",
  scope: "scope",
  name: "name",
  originalName: "file",
  sizeBytes: "size",
  format: "format",
  programme: "programme",
  rows: "rows",
  filters: "filters",
  status: "status",
};

function fieldName(field: string, t?: Translator): string {
  const key = `admin.audit.field.${field}`;
  if (t && FIELD_NAMES[field] !== undefined && t.has(key)) return t(key as MessageKey);
  return FIELD_NAMES[field] ?? field;
}

function plain(value: unknown, t?: Translator): string {
  const none = t ? t("admin.audit.none") : "(none)";
  if (value === null || value === undefined || value === "") return none;
  if (Array.isArray(value)) return value.length ? value.map((v) => plain(v, t)).join(", ") : none;
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${k} ${plain(v, t)}`)
      .join(", ") || none;
  }
  const s = String(value);
  if (Object.hasOwn(ROLE_LABELS, s)) return t ? t.label("role", s) : ROLE_LABELS[s as RoleName];
  // Account status is recorded by its English name ("Active" → "Deactivated").
  const status = t ? USER_STATUSES.find((k) => englishNames.userStatus[k] === s) : undefined;
  if (status) return t!.label("userStatus", status);
  return s;
}

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value) && "before" in (value as object) && "after" in (value as object);
}

const clip = (s: string, max = 400) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * One readable line for an audit event's changes and metadata:
 * "role: Partner ministry → Donor · scope: BY → KWPF", "file report.pdf, size 2048".
 */
export function describeAuditDetails(
  e: { action: string; changes?: unknown; metadata?: unknown },
  t?: Translator,
  /** The changed record's field names in the reader's language (its page's history uses the same). */
  recordFields: Record<string, string> = {},
  /** A recorded value as the reader reads it (a code as its label); by default as it is. */
  valueOf: (field: string, value: unknown) => unknown = (_field, value) => value,
): string {
  const parts: string[] = [];
  const changes = e.changes && typeof e.changes === "object" && !Array.isArray(e.changes) ? (e.changes as Record<string, unknown>) : null;
  if (changes) {
    for (const [field, value] of Object.entries(changes)) {
      const name = recordFields[field] ?? fieldName(field, t);
      parts.push(
        isChange(value)
          ? `${name}: ${plain(valueOf(field, value.before), t)} → ${plain(valueOf(field, value.after), t)}`
          : `${name}: ${plain(valueOf(field, value), t)}`,
      );
    }
  }
  const metadata = e.metadata && typeof e.metadata === "object" && !Array.isArray(e.metadata) ? (e.metadata as Record<string, unknown>) : null;
  if (metadata) {
    for (const [key, value] of Object.entries(metadata)) {
      if (key === "version" || value === null || value === undefined || value === "") continue;
      if (key === "resent" && value === true) {
        parts.push(t ? t("admin.audit.resent") : "link sent again");
        continue;
      }
      parts.push(`${fieldName(key, t)}: ${plain(value, t)}`);
    }
  }
  return clip(parts.join(" · "));
}

export function roleLabel(role: string, t?: Translator): string {
  return t ? t.label("role", role) : (ROLE_LABELS[role as RoleName] ?? role);
}
