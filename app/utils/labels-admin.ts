// Labels and readable summaries for the admin pages (users, audit trail). Client-safe.
import { ROLE_LABELS, type RoleName } from "~/auth/permissions";

export const USER_STATUSES = ["ACTIVE", "INVITED", "INVITATION_EXPIRED", "DEACTIVATED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  ACTIVE: "Active",
  INVITED: "Invited",
  INVITATION_EXPIRED: "Invitation expired",
  DEACTIVATED: "Deactivated",
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_in_limited: "Sign-in refused (too many attempts)",
  sign_out: "Signed out",
  sign_out_everywhere: "Signed out everywhere",
  create: "Created",
  update: "Changed",
  archive: "Archived",
  restore: "Restored",
  delete: "Deleted",
  export: "Exported",
  download: "Downloaded",
  acknowledge: "Acknowledged",
  comment: "Commented",
  user_invited: "Invited a user",
  invitation_accepted: "Accepted an invitation",
  invitation_revoked: "Revoked an invitation",
  role_change: "Changed role or scope",
  user_deactivated: "Deactivated a user",
  user_reactivated: "Reactivated a user",
  password_changed: "Changed password",
  password_reset_requested: "Asked for a password reset",
  password_reset: "Reset password",
  mfa_enabled: "Turned on two-step sign-in",
  mfa_disabled: "Turned off two-step sign-in",
  mfa_change: "Changed two-step sign-in",
  mfa_failed: "Failed two-step code",
  mfa_verified: "Passed two-step sign-in",
  mfa_limited: "Two-step sign-in refused (too many attempts)",
  mfa_reset: "Reset two-step sign-in",
  sign_out_others: "Signed out other devices",
  recovery_code_used: "Used a recovery code",
  recovery_codes_regenerated: "Made new recovery codes",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  Programme: "Programme",
  Agreement: "Agreement",
  Activity: "Activity",
  Deliverable: "Deliverable",
  Outcome: "Outcome",
  Indicator: "Indicator",
  FundingLine: "Funding line",
  Organisation: "Organisation",
  Document: "Document",
  User: "User",
  Invitation: "Invitation",
  AuditTrail: "Audit trail",
};

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
};

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (Array.isArray(value)) return value.length ? value.map(plain).join(", ") : "(none)";
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${k} ${plain(v)}`)
      .join(", ") || "(none)";
  }
  const s = String(value);
  return (ROLE_LABELS as Record<string, string>)[s] ?? s;
}

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value) && "before" in (value as object) && "after" in (value as object);
}

const clip = (s: string, max = 400) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * One readable line for an audit event's changes and metadata:
 * "role: Partner ministry → Donor · scope: BY → KWPF", "file report.pdf, size 2048".
 */
export function describeAuditDetails(e: { action: string; changes?: unknown; metadata?: unknown }): string {
  const parts: string[] = [];
  const changes = e.changes && typeof e.changes === "object" && !Array.isArray(e.changes) ? (e.changes as Record<string, unknown>) : null;
  if (changes) {
    for (const [field, value] of Object.entries(changes)) {
      const name = FIELD_NAMES[field] ?? field;
      parts.push(isChange(value) ? `${name}: ${plain(value.before)} → ${plain(value.after)}` : `${name}: ${plain(value)}`);
    }
  }
  const metadata = e.metadata && typeof e.metadata === "object" && !Array.isArray(e.metadata) ? (e.metadata as Record<string, unknown>) : null;
  if (metadata) {
    for (const [key, value] of Object.entries(metadata)) {
      if (key === "version" || value === null || value === undefined || value === "") continue;
      if (key === "resent" && value === true) {
        parts.push("link sent again");
        continue;
      }
      parts.push(`${FIELD_NAMES[key] ?? key}: ${plain(value)}`);
    }
  }
  return clip(parts.join(" · "));
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as RoleName] ?? role;
}
