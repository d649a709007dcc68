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
