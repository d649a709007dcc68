import { ROLE_LABELS } from "~/auth/permissions";
import { formatDate } from "~/utils/format";
import { USER_STATUS_LABELS, type UserStatus } from "~/utils/labels-admin";
import type { Column } from "~/utils/list-query";

// The users list: what the table shows (and a CSV would hold). Client-safe.

export type UserListRow = {
  id: string;
  kind: "user" | "invitation";
  name: string;
  email: string;
  role: keyof typeof ROLE_LABELS;
  scope: string[];
  mfa: boolean;
  lastSignInAt: string | Date | null;
  status: UserStatus;
};

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "—" : `${formatDate(d)} ${d.toISOString().slice(11, 16)} UTC`;
}

export const USER_COLUMNS: Column<UserListRow>[] = [
  { key: "name", header: "Name", text: (r) => r.name || "(not given yet)", sortKey: "name" },
  { key: "email", header: "E-mail", text: (r) => r.email, sortKey: "email" },
  { key: "role", header: "Role", text: (r) => ROLE_LABELS[r.role], sortKey: "role" },
  { key: "scope", header: "Scope", text: (r) => (r.role === "ADMIN" || r.role === "STAFF" ? "Everything" : r.scope.join(", ") || "Nothing") },
  { key: "mfa", header: "Two-step sign-in", text: (r) => (r.kind === "invitation" ? "—" : r.mfa ? "On" : "Off") },
  { key: "lastSignInAt", header: "Last sign-in", text: (r) => (r.lastSignInAt ? formatDateTime(r.lastSignInAt) : "Never"), sortKey: "lastSignInAt" },
  { key: "status", header: "Status", text: (r) => USER_STATUS_LABELS[r.status], sortKey: "status" },
];
