// What the interface may show for a role. Client-safe: no secrets, no queries.
// The server never trusts this file; every loader checks role and scope itself.

export const ROLES = ["ADMIN", "STAFF", "PARTNER", "DONOR"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "Administrator",
  STAFF: "Cooperation-centre staff",
  PARTNER: "Partner ministry",
  DONOR: "Donor",
};

/** Where each role lands after signing in. */
export function homePathFor(role: RoleName): string {
  switch (role) {
    case "ADMIN":
    case "STAFF":
      return "/workspace";
    case "PARTNER":
      return "/portal";
    case "DONOR":
      return "/donor";
  }
}

export function isStaffRole(role: RoleName): boolean {
  return role === "ADMIN" || role === "STAFF";
}

/**
 * Multi-factor sign-in is required for the roles that can change records and
 * users (ASVS 5.0 V6.3.3), and optional for partners and donors. Demo accounts
 * (which only sign in when CONCORD_DEMO=1) are exempt so the public demo stays
 * usable; see docs/decisions/0005-multi-factor-sign-in.md.
 */
export function mfaRequiredFor(user: { role: RoleName; isDemo: boolean }): boolean {
  return isStaffRole(user.role) && !user.isDemo;
}
