import type { Prisma, Role } from "@prisma/client";
import { programmeWhere, type Scope } from "~/auth/scope.server";

// Issue 18: which progress reports a reader may see (docs/decisions, the
// reporting ADRs). Every function that reads ProgressReport builds its
// `where` from this, so a report outside the scope is "not found".
// - staff: every report (archived requirements included, for the record);
// - partner: the reports of its countries (ProgressReport.countryCode, copied
//   from the requirement's reporter country) in programmes it sees, of live
//   requirements. Whether it may also fill one in is the workflow's question
//   (not when the requirement says staff report);
// - donor: approved reports of live requirements of programmes it funds, never
//   a draft or one under review.

export function progressReportWhere(scope: Scope): Prisma.ProgressReportWhereInput {
  switch (scope.kind) {
    case "staff":
      return {};
    case "partner":
      return {
        countryCode: { in: scope.countries },
        programme: programmeWhere(scope),
        requirement: { archivedAt: null },
      };
    case "donor":
      return { status: "APPROVED", programme: programmeWhere(scope), requirement: { archivedAt: null } };
  }
}

/** Where a report opens for a user of `role`: partners work in the portal, staff and donors in the workspace. */
export function progressReportPath(role: Role, reportId: string): string {
  return role === "PARTNER" ? `/portal/reports/${reportId}` : `/progress-reports/${reportId}`;
}
