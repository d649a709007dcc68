import type { ROLE_LABELS } from "~/auth/permissions";
import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { UserStatus } from "~/utils/labels-admin";
import type { Column } from "~/utils/list-query";

// The users list: what the table shows (and a CSV would hold). Client-safe.

export type UserListRow = {
  id: string;
  kind: "user" | "invitation";
  name: string;
  email: string;
  role: keyof typeof ROLE_LABELS;
  scope: string[];
  countryCodes: string[];
  organisations: string[];
  mfa: boolean;
  lastSignInAt: string | Date | null;
  status: UserStatus;
};

export function userColumns(t: Translator, fmt: Formatter): Column<UserListRow>[] {
  return [
    { key: "name", header: t("admin.col.name"), text: (r) => r.name || t("admin.notGiven"), sortKey: "name" },
    { key: "email", header: t("admin.col.email"), text: (r) => r.email, sortKey: "email" },
    { key: "role", header: t("admin.col.role"), text: (r) => t.label("role", r.role), sortKey: "role" },
    {
      key: "scope",
      header: t("admin.col.scope"),
      text: (r) =>
        r.role === "ADMIN" || r.role === "STAFF"
          ? t("admin.scope.everything")
          : [...r.countryCodes.map((c) => t.label("country", c)), ...r.organisations].join(", ") || t("admin.scope.nothing"),
    },
    { key: "mfa", header: t("admin.col.mfa"), text: (r) => (r.kind === "invitation" ? "—" : r.mfa ? t("admin.on") : t("admin.off")) },
    {
      key: "lastSignInAt",
      header: t("admin.col.lastSignIn"),
      text: (r) => (r.lastSignInAt ? fmt.dateTime(r.lastSignInAt) : t("admin.never")),
      sortKey: "lastSignInAt",
    },
    { key: "status", header: t("admin.col.status"), text: (r) => t.label("userStatus", r.status), sortKey: "status" },
  ];
}
