import type { AuthzPortfolios } from "../../factories/authz";

// Every page each role can open, with records of the BY side of the
// authorization portfolios (tests/factories/authz.ts) in scope. Shared by the
// page-wide checks: axe (a11y.spec.ts) and the clean console in every
// language (console-clean.spec.ts).

const KINDS = ["agreements", "activities", "deliverables", "outcomes", "indicators", "funding", "documents"] as const;

export function staffPaths(portfolios: AuthzPortfolios): string[] {
  const r = portfolios.sides.BY.records;
  const code = r.programme.code!;
  const ids: Record<(typeof KINDS)[number], string> = {
    agreements: r.agreement.id,
    activities: r.activity.id,
    deliverables: r.deliverable.id,
    outcomes: r.outcome.id,
    indicators: r.indicator.id,
    funding: r.funding.id,
    documents: r.document.id,
  };
  return [
    "/workspace",
    "/portfolio",
    "/programmes",
    "/programmes/new",
    `/programmes/${code}`,
    `/programmes/${code}/edit`,
    `/programmes/${code}/lifecycle`,
    ...KINDS.flatMap((k) => [`/${k}`, `/${k}/new`, `/${k}/${ids[k]}`, `/${k}/${ids[k]}/edit`]),
    "/organisations",
    "/organisations/new",
    `/organisations/${r.organisation.id}`,
    `/organisations/${r.organisation.id}/edit`,
    "/account",
    "/account/password",
    "/account/mfa",
    "/account/calendar",
    // Issue 18 (helper N): every role's inbox and notification settings.
    "/inbox",
    "/account/notifications",
    // Issue 18: reporting requirements and progress reports.
    "/progress-reports",
    `/programmes/${code}/reporting`,
    `/programmes/${code}/reporting/new`,
    `/reporting-requirements/${r.requirement.id}/edit`,
    `/progress-reports/${r.progressReport.id}`,
    // Issue 19 (helper S): the search page, empty and with hits of every kind the side has.
    ...searchPaths(code),
    // Issue 19 (helper IMP): the spreadsheet import's upload page (its preview is in imports.spec.ts, made by an upload).
    "/imports",
    // Issue 20 (helper SW): the offline page, for every role.
    "/offline",
    // Issue 20 (helper OUTBOX): the offline outbox (empty here; with entries in offline-outbox.spec.ts).
    "/outbox",
    // Issue 21, point 1 (every page): personal access tokens and the API reference.
    ...apiPaths,
  ];
}

/** Issue 19 (helper API): a user's personal access tokens and the browsable API reference, for every signed-in role. */
const apiPaths = ["/account/tokens", "/api/v1/docs"];

/** Issue 19 (helper S): /search empty, with hits (the side's programme code) and narrowed to one kind. */
function searchPaths(code: string): string[] {
  return ["/search", `/search?q=${encodeURIComponent(code)}`, `/search?q=${encodeURIComponent(code)}&kind=activity`];
}

export function adminPaths(portfolios: AuthzPortfolios): string[] {
  const user = portfolios.sides.BY.records.user.id;
  return ["/admin/users", "/admin/users/invite", `/admin/users/${user}`, `/admin/users/${user}/edit`, "/admin/audit", "/admin/jobs", "/admin/publisher", "/admin/organisations-without-iati", "/admin/iati", "/admin/iati-import", "/admin/iati-organisation", "/admin/tokens"];
}

export function partnerPaths(portfolios: AuthzPortfolios): string[] {
  const r = portfolios.sides.BY.records;
  return [
    "/portal",
    `/portal/programmes/${r.programme.code}`,
    `/portal/deliverables/${r.deliverable.id}`,
    `/portal/outcomes/${r.outcome.id}`,
    "/account",
    "/account/calendar",
    "/inbox",
    "/account/notifications",
    "/portal/reports",
    `/portal/reports/${r.progressReport.id}`,
    ...searchPaths(r.programme.code!),
    "/offline",
    "/outbox",
    ...apiPaths,
  ];
}

export function donorPaths(portfolios: AuthzPortfolios): string[] {
  const r = portfolios.sides.BY.records;
  return ["/donor", "/portfolio", `/programmes/${r.programme.code}`, "/account", "/account/calendar", "/inbox", "/account/notifications", `/progress-reports/${r.progressReport.id}`, ...searchPaths(r.programme.code!), "/offline", "/outbox", ...apiPaths];
}

export const SIGNED_OUT_PATHS = ["/sign-in", "/forgot-password", "/offline"];
