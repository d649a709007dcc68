import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createAuthzPortfolios, freshRecord, recordState, SIDES, type AuthzPortfolios, type RecordRef } from "../factories/authz";
import {
  CSV_FILE,
  DONE,
  describeGot,
  FORBIDDEN,
  expectFor,
  HOME,
  IDENTITIES,
  INVALID,
  matches,
  NO_ACTION,
  NOT_FOUND,
  NOT_FOUND_OR_GONE,
  PAGE,
  PDF_FILE,
  redirectTo,
  runPool,
  sidesFor,
  TEXT,
  XLSX_FILE,
  XML_FILE,
  type Cell,
  type Expect,
  type Got,
  type Identity,
  type IdentityKey,
  type Req,
  type Row,
} from "./support/authz-matrix";
import { fillPattern, readRoutes, type RouteFile } from "./support/authz-routes";
import { expect, prisma, test } from "./support/fixtures";
import { ensurePublisher } from "../factories/publisher";

// The IATI file is the centre's publication: it is refused until the publisher settings exist (issue 17).
test.beforeAll(async () => {
  await ensurePublisher(prisma);
});

// Issue 5, item 4: the authorization matrix. Every route of the app (every
// loader, every action with each intent it handles, every download and CSV
// export) is requested as each of seven identities, on a record in scope and
// on a record out of scope, and the answer is checked against the rules:
//
//   anonymous                                   -> 302 to /sign-in (public routes: their answer)
//   signed in, role not allowed on the route    -> 403
//   role allowed, record outside the scope      -> 404 (never 403: nobody learns it exists)
//   role allowed, record in scope               -> the route's answer (200, a file, 302 after a
//                                                  successful post, 400 for an invalid post)
//   a POST to a route without an action         -> 405, whoever asks
//
// Records come in three "sides" (tests/factories/authz.ts): BY (a Belarus
// programme funded by fund A, "KWPF", with one record of every kind), KZ (a
// Kazakhstan programme funded by fund B) and BYX (BY records partners and
// donors must not see: archived, or documents not marked shareable). Staff
// and admins see every side; partner BY and donor KWPF see BY; partner KZ
// and the donor of the other fund see KZ.
//
// A mutating request gets a fresh record (or session) of its own: when the
// rules refuse it, the record must be unchanged afterwards; when they allow
// it, changed. The test also reads app/routes and fails for a route file
// without a row (or a row without a file), an action without POST rows, an
// intent without its row, and a CSV export without its row: a new route
// cannot ship without its place in this table.
//
// Where the app does not follow the rules, the row keeps the rule's
// expectation and carries a `fixme` naming the gap; the gap is reported, and
// the test fails once the gap is fixed so the fixme gets removed:
//   { pattern: "/x/:id", access: "user", record: "document", requests: [GET(PAGE)],
//     fixme: [{ gap: "GAP-1: donors get 200 for a document not marked shareable", who: ["donor KWPF"], sides: ["BYX"] }] },
//
// Adding a route: add its row (pattern, who it is for, the record its URL
// names, every request it answers); run this test and the completeness check
// names anything still missing. The whole table of the last run (every
// request, expected and got) is written to authz-matrix.md in the test's
// output folder and attached to the report. AUTHZ_TIMING=1 prints where the
// time goes.

// ---------------------------------------------------------------------------
// Request shapes

const GET = (ok: Req["ok"], more: Partial<Req> = {}): Req => ({ label: "GET", method: "GET", ok, ...more });
/** The list's CSV as its "Download CSV" link asks for it: a Remix data request. */
const CSV: Req = { label: "GET ?format=csv&_data", method: "GET", query: (_c, routeId) => `?format=csv&_data=${encodeURIComponent(routeId)}`, ok: CSV_FILE };
/** The same list as a workbook ("Download Excel"). */
const XLSX: Req = { label: "GET ?format=xlsx&_data", method: "GET", query: (_c, routeId) => `?format=xlsx&_data=${encodeURIComponent(routeId)}`, ok: XLSX_FILE };
const INVALID_FORM: Req = { label: "POST empty form", method: "POST", form: {}, ok: INVALID };
/** Issue 19: a JSON answer of the API, and its 401 problem for a caller without a credential. */
const API_JSON: Expect = { status: 200, type: /^application\/json/, label: "200 json" };
const UNAUTHORIZED: Expect = { status: 401, type: /^application\/problem\+json/, label: "401 problem" };
/** A write with the session cookie only: the API never takes cookies for writes. */
const API_SESSION_WRITE: Req = { label: "POST with the session cookie", method: "POST", form: {}, ok: UNAUTHORIZED, everyone: UNAUTHORIZED, noRecord: true };
const INVALID_UPLOAD: Req = { label: "POST upload without file", method: "POST", multipart: { title: "" }, ok: INVALID };
const UNKNOWN_INTENT: Req = { label: "POST intent=unknown", method: "POST", form: { intent: "explode" }, ok: INVALID };
const LIFECYCLE: Req[] = [
  { label: "POST intent=archive", method: "POST", form: { intent: "archive" }, ok: DONE, mutates: "record" },
  { label: "POST intent=restore", method: "POST", form: { intent: "restore" }, ok: DONE, mutates: "record", archived: true },
  { label: "POST intent=delete", method: "POST", form: { intent: "delete" }, ok: DONE, mutates: "record" },
  UNKNOWN_INTENT,
];
const PARTNER_FEEDBACK: Req[] = [
  { label: "POST intent=acknowledge", method: "POST", form: { intent: "acknowledge" }, ok: DONE, mutates: "record" },
  { label: "POST intent=comment", method: "POST", form: { intent: "comment", body: "Received; the ministry agrees." }, ok: DONE, mutates: "record" },
  { label: "POST intent=comment (empty)", method: "POST", form: { intent: "comment", body: "" }, ok: INVALID },
  UNKNOWN_INTENT,
];
const home = (c: Cell): Expect => redirectTo(c.who.role ? HOME[c.who.role] : "/sign-in");
const NEW_PASSWORD_FOR_UNKNOWN_LINK: Req = {
  label: "POST valid password form",
  method: "POST",
  form: { name: "Matrix Tester", password: "violet-harbour-lantern-42", confirm: "violet-harbour-lantern-42" },
  ok: NOT_FOUND_OR_GONE,
};
const mfaStep = (c: Cell): Expect => (c.who.role ? home(c) : redirectTo("/sign-in"));
const token = () => ({ token: randomBytes(32).toString("base64url") });

// ---------------------------------------------------------------------------
// The matrix: one row per route, with who it is for and what it answers.

const MATRIX: Row[] = [
  // Entry, health, sign-in
  { pattern: "/", access: "public", requests: [GET(home)] },
  { pattern: "/healthz", access: "public", requests: [GET(TEXT)] },
  { pattern: "/readyz", access: "public", requests: [GET(TEXT)] },
  // Interface languages: the messages the browser loads (public text), and the
  // switch (a cookie, and the account's choice when signed in). The switch
  // posts "en" so later rows see the pages in the language they expect.
  {
    pattern: "/i18n/:locale.json",
    access: "public",
    params: () => ({ locale: "ru" }),
    requests: [GET({ status: 200, type: /^application\/json/, label: "200 json" })],
  },
  {
    pattern: "/language",
    access: "public",
    requests: [
      GET(redirectTo("/")),
      { label: "POST locale=en", method: "POST", form: { locale: "en", returnTo: "/portfolio" }, ok: redirectTo("/portfolio") },
    ],
  },
  {
    pattern: "/sign-in",
    access: "public",
    // A signed-in user is sent home, also after posting the form (Remix runs the page's loader after its action).
    requests: [GET((c) => (c.who.role ? home(c) : PAGE)), { ...INVALID_FORM, ok: (c) => (c.who.role ? home(c) : INVALID) }],
  },
  {
    pattern: "/sign-in/mfa",
    access: "public",
    // The second step is only for a session that owes a code: a full session goes home, anonymous to sign-in.
    requests: [
      GET(mfaStep),
      { label: "POST intent=totp (wrong code)", method: "POST", form: { intent: "totp", code: "000000" }, ok: mfaStep },
      { label: "POST intent=recovery (wrong code)", method: "POST", form: { intent: "recovery", recoveryCode: "AAAA-BBBB-CCCC" }, ok: mfaStep },
    ],
  },
  {
    pattern: "/sign-out",
    access: "public",
    requests: [
      GET(redirectTo("/")),
      { label: "POST sign out", method: "POST", form: {}, access: "user", ok: redirectTo("/sign-in"), mutates: "session" },
      { label: "POST sign out everywhere", method: "POST", form: { everywhere: "1" }, access: "user", ok: redirectTo("/sign-in"), mutates: "session" },
    ],
  },
  { pattern: "/forgot-password", access: "public", requests: [GET(PAGE), INVALID_FORM] },
  // Issue 20: the offline page (the service worker keeps it signed out, so it is public) and the
  // pages of one programme that "Keep for offline use" fetches (JSON, by the programme page's rules).
  { pattern: "/offline", access: "public", requests: [GET(PAGE)] },
  { pattern: "/offline/programmes/:code", access: "user", record: "programme", requests: [GET(API_JSON, { noLeak: true })] },
  // The public IATI files and public documents (issue 17): no sign-in, for anyone. A document not marked
  // public (none of the matrix's are) is 404 for everyone, signed in or not, never a redirect to sign-in.
  {
    pattern: "/admin/iati-organisation",
    access: "admin",
    requests: [
      GET(PAGE),
      { label: "POST intent=save (empty)", method: "POST", form: { intent: "save" }, ok: INVALID },
      { label: "POST intent=delete (no such year)", method: "POST", form: { intent: "delete", year: "1999" }, ok: NOT_FOUND },
      UNKNOWN_INTENT,
    ],
  },
  { pattern: "/iati/activities.xml", access: "public", requests: [GET(XML_FILE)] },
  { pattern: "/iati/organisation.xml", access: "public", requests: [GET(XML_FILE)] },
  { pattern: "/public/documents/:id", access: "public", record: "document", requests: [GET(NOT_FOUND, { everyone: NOT_FOUND })] },
  // An unknown link: 404 (or 410 for a used or expired one) to anyone, also when the form itself is valid.
  { pattern: "/invitations/:token", access: "public", params: token, requests: [GET(NOT_FOUND_OR_GONE), NEW_PASSWORD_FOR_UNKNOWN_LINK] },
  { pattern: "/reset-password/:token", access: "public", params: token, requests: [GET(NOT_FOUND_OR_GONE), NEW_PASSWORD_FOR_UNKNOWN_LINK] },

  // The signed-in user's own account
  {
    pattern: "/account",
    access: "user",
    requests: [GET(PAGE), { label: "POST intent=end-other-sessions", method: "POST", form: { intent: "end-other-sessions" }, ok: DONE }, UNKNOWN_INTENT],
  },
  { pattern: "/account/password", access: "user", requests: [GET(PAGE), INVALID_FORM] },
  {
    pattern: "/account/mfa",
    access: "user",
    requests: [
      GET(PAGE),
      { label: "POST intent=enable (no code)", method: "POST", form: { intent: "enable", code: "" }, ok: INVALID },
      { label: "POST intent=restart", method: "POST", form: { intent: "restart" }, ok: redirectTo("/account/mfa") },
      { label: "POST intent=codes-saved", method: "POST", form: { intent: "codes-saved" }, ok: redirectTo("/account") },
      { label: "POST intent=regenerate (no proof)", method: "POST", form: { intent: "regenerate", proof: "" }, ok: INVALID },
      { label: "POST intent=disable (no proof)", method: "POST", form: { intent: "disable", proof: "" }, ok: INVALID },
      UNKNOWN_INTENT,
    ],
  },

  // Administration (admins only; users and invitations have no country or fund scope)
  { pattern: "/admin/users", access: "admin", requests: [GET(PAGE)] },
  { pattern: "/admin/users/invite", access: "admin", requests: [GET(PAGE), INVALID_FORM] },
  {
    pattern: "/admin/users/:id",
    access: "admin",
    record: "user",
    requests: [
      GET(PAGE),
      GET(PAGE, { label: "GET (invitation)", recordKind: "invitation" }),
      GET(NOT_FOUND, { label: "GET (unknown id)", params: { id: "no-such-user" } }),
      { label: "POST intent=deactivate", method: "POST", form: { intent: "deactivate" }, ok: DONE, mutates: "record" },
      { label: "POST intent=reactivate", method: "POST", form: { intent: "reactivate" }, ok: DONE, mutates: "record", archived: true },
      { label: "POST intent=reset-mfa", method: "POST", form: { intent: "reset-mfa" }, ok: DONE, mutates: "record" },
      { label: "POST intent=resend", method: "POST", form: { intent: "resend" }, ok: DONE, mutates: "record", recordKind: "invitation" },
      { label: "POST intent=revoke", method: "POST", form: { intent: "revoke" }, ok: DONE, mutates: "record", recordKind: "invitation" },
      UNKNOWN_INTENT,
    ],
  },
  {
    pattern: "/admin/users/:id/edit",
    access: "admin",
    record: "user",
    requests: [
      GET(PAGE),
      GET(NOT_FOUND, { label: "GET (invitation: no account to edit)", recordKind: "invitation" }),
      GET(NOT_FOUND, { label: "GET (unknown id)", params: { id: "no-such-user" } }),
      { label: "POST role PARTNER -> STAFF", method: "POST", form: { version: "1", role: "STAFF" }, ok: DONE, mutates: "record" },
      INVALID_FORM,
    ],
  },
  { pattern: "/admin/audit", access: "admin", requests: [GET(PAGE), CSV] },
  { pattern: "/admin/publisher", access: "admin", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/admin/organisations-without-iati", access: "admin", requests: [GET(PAGE)] },
  {
    pattern: "/admin/iati-import",
    access: "admin",
    requests: [
      GET(PAGE),
      // Reading, previewing, creating and linking real activities is in iati-import.spec.ts; here, who may post at all.
      INVALID_UPLOAD,
      { label: "POST intent=fetch (no address)", method: "POST", form: { intent: "fetch", url: "" }, ok: INVALID },
      { label: "POST intent=preview (no activity)", method: "POST", form: { intent: "preview", activityXml: "" }, ok: INVALID },
      { label: "POST intent=create (no activity)", method: "POST", form: { intent: "create", activityXml: "" }, ok: INVALID },
      { label: "POST intent=link (no activity)", method: "POST", form: { intent: "link", activityXml: "" }, ok: INVALID },
      UNKNOWN_INTENT,
    ],
  },
  {
    pattern: "/admin/jobs",
    access: "admin",
    requests: [
      GET(PAGE),
      // Retrying a real failed job is in jobs.spec.ts; here, who may post at all.
      { label: "POST intent=retry (unknown job)", method: "POST", form: { intent: "retry", id: "no-such-job" }, ok: NOT_FOUND },
      UNKNOWN_INTENT,
    ],
  },
  { pattern: "/admin/iati", access: "staff", requests: [GET(PAGE)] },

  // Home pages by role
  { pattern: "/workspace", access: "staff", requests: [GET(PAGE)] },
  { pattern: "/portfolio", access: "staff+donor", requests: [GET(PAGE, { noLeak: true })] },
  { pattern: "/portal", access: "partner", requests: [GET(PAGE, { noLeak: true, showsOwn: true })] },
  { pattern: "/donor", access: "donor", requests: [GET(PAGE, { noLeak: true, showsOwn: true })] },

  // The partner portal
  { pattern: "/portal/programmes/:code", access: "partner", record: "programme", requests: [GET(PAGE, { noLeak: true })] },
  { pattern: "/portal/deliverables/:id", access: "partner", record: "deliverable", requests: [GET(PAGE), ...PARTNER_FEEDBACK] },
  { pattern: "/portal/outcomes/:id", access: "partner", record: "outcome", requests: [GET(PAGE), ...PARTNER_FEEDBACK] },

  // Programmes (donors read their funded programmes; partners are sent to the portal)
  { pattern: "/programmes", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/programmes/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  {
    pattern: "/programmes/:code",
    access: "staff+donor",
    record: "programme",
    requests: [
      GET(PAGE, { noLeak: true, exceptions: { PARTNER: (c) => redirectTo(`/portal/programmes/${encodeURIComponent(c.record!.code!)}`) } }),
      // The IATI publication panel (staff): on the BY programme, whoever asks (an archived programme is refused with 400, tests/db/iati-publication.test.ts).
      { label: "POST intent=iatiPublish", method: "POST", form: { intent: "iatiPublish" }, access: "staff", ok: DONE, noRecord: true },
      { label: "POST intent=iatiWithdraw", method: "POST", form: { intent: "iatiWithdraw" }, access: "staff", ok: DONE, noRecord: true },
      { ...UNKNOWN_INTENT, access: "staff", noRecord: true },
    ],
  },
  { pattern: "/programmes/:code/edit", access: "staff", record: "programme", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/programmes/:code/lifecycle", access: "staff", record: "programme", requests: [GET(PAGE), ...LIFECYCLE] },

  // Records of the workspace (staff only)
  { pattern: "/agreements", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/agreements/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/agreements/:id", access: "staff", record: "agreement", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/agreements/:id/edit", access: "staff", record: "agreement", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/activities", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/activities/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/activities/:id", access: "staff", record: "activity", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/activities/:id/edit", access: "staff", record: "activity", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/deliverables", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/deliverables/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/deliverables/:id", access: "staff", record: "deliverable", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/deliverables/:id/edit", access: "staff", record: "deliverable", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/outcomes", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/outcomes/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/outcomes/:id", access: "staff", record: "outcome", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/outcomes/:id/edit", access: "staff", record: "outcome", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/indicators", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/indicators/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/indicators/:id", access: "staff", record: "indicator", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/indicators/:id/edit", access: "staff", record: "indicator", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/funding", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/funding/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/funding/:id", access: "staff", record: "funding", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/funding/:id/edit", access: "staff", record: "funding", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/documents", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/documents/new", access: "staff", requests: [GET(PAGE), INVALID_UPLOAD] },
  { pattern: "/documents/:id", access: "staff", record: "document", requests: [GET(PAGE), ...LIFECYCLE] },
  { pattern: "/documents/:id/edit", access: "staff", record: "document", requests: [GET(PAGE), INVALID_FORM] },
  { pattern: "/organisations", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/organisations/new", access: "staff", requests: [GET(PAGE), INVALID_FORM] },
  {
    pattern: "/organisations/:id",
    access: "staff",
    record: "organisation",
    requests: [GET(PAGE), GET(NOT_FOUND, { label: "GET (unknown id)", params: { id: "no-such-organisation" } }), ...LIFECYCLE],
  },
  { pattern: "/organisations/:id/edit", access: "staff", record: "organisation", requests: [GET(PAGE), INVALID_FORM] },

  // Downloads and reports (any signed-in user, within their scope)
  { pattern: "/documents/:id/download", access: "user", record: "document", requests: [GET(PDF_FILE)] },
  { pattern: "/reports/programmes/:code.pdf", access: "user", record: "programme", requests: [GET(PDF_FILE)] },
  { pattern: "/reports/programmes/:code.xlsx", access: "user", record: "programme", requests: [GET(XLSX_FILE)] },
  { pattern: "/reports/programmes/:code.csv", access: "user", record: "programme", requests: [GET(CSV_FILE)] },
  {
    pattern: "/reports/iati.xml",
    access: "user",
    record: "programme",
    requests: [
      GET(XML_FILE, { label: "GET (whole scope)", noRecord: true, noLeak: true, showsOwn: true }),
      GET(XML_FILE, { label: "GET ?programme=", noLeak: true, query: (c) => `?programme=${encodeURIComponent(c.record!.code!)}` }),
    ],
  },

  // Issue 18, helper K: calendar feeds. /account/calendar is every signed-in user's own page; a new
  // address is the answer to the post itself (200, shown once). Feeds of others or unknown ones are 404,
  // programme feeds are staff's (403 for partners and donors before any lookup). The feed itself is
  // public (the token is the credential): a made-up token is 404 for everyone, signed in or not.
  {
    pattern: "/account/calendar",
    access: "user",
    requests: [
      GET(PAGE),
      GET(PAGE, { label: "GET ?programme= (offer for staff, ignored for others)", query: () => "?programme=NO-SUCH-PROGRAMME" }),
      { label: "POST intent=create-personal", method: "POST", form: { intent: "create-personal" }, ok: PAGE },
      { label: "POST intent=create-programme (unknown)", method: "POST", form: { intent: "create-programme", programme: "NO-SUCH-PROGRAMME" }, access: "staff", ok: NOT_FOUND },
      { label: "POST intent=regenerate (not the user's feed)", method: "POST", form: { intent: "regenerate", feedId: "no-such-feed" }, ok: NOT_FOUND },
      { label: "POST intent=revoke (not the user's feed)", method: "POST", form: { intent: "revoke", feedId: "no-such-feed" }, ok: NOT_FOUND },
      UNKNOWN_INTENT,
    ],
  },
  { pattern: "/calendar/:token.ics", access: "public", params: token, requests: [GET(NOT_FOUND, { everyone: NOT_FOUND })] },
  // --- Issue 18, helper R: reporting requirements (staff), the lists of progress reports ---
  // Staff lists and pages answer 403 to partners and donors; the portal's list is the partner's, of its countries' reports only.
  { pattern: "/progress-reports", access: "staff", requests: [GET(PAGE), CSV, XLSX] },
  { pattern: "/portal/reports", access: "partner", requests: [GET(PAGE, { noLeak: true, showsOwn: true })] },
  { pattern: "/programmes/:code/reporting", access: "staff", record: "programme", requests: [GET(PAGE)] },
  { pattern: "/programmes/:code/reporting/new", access: "staff", record: "programme", requests: [GET(PAGE), INVALID_FORM] },
  {
    pattern: "/reporting-requirements/:id/edit",
    access: "staff",
    record: "requirement",
    requests: [
      GET(PAGE),
      INVALID_FORM,
      { label: "POST intent=archive", method: "POST", form: { intent: "archive" }, ok: DONE, mutates: "record" },
      { label: "POST intent=restore", method: "POST", form: { intent: "restore" }, ok: DONE, mutates: "record", archived: true },
      UNKNOWN_INTENT,
    ],
  },
  // Issue 18, helper P: one progress report. Partners fill and submit their
  // countries' reports in the portal (never approve: 403); staff review in the
  // workspace and may fill in for the reporter; donors read approved reports of
  // programmes they fund (drafts are not found: tests/db/progress-report.test.ts).
  // A submission without the indicators' values is refused (400) and names them.
  {
    pattern: "/portal/reports/:id",
    access: "partner",
    record: "progressReport",
    requests: [
      GET(PAGE),
      { label: "POST intent=save", method: "POST", form: { intent: "save", version: "1", narrative: "Двадцать врачей обучены." }, ok: DONE, mutates: "record", status: "DRAFT" },
      { label: "POST intent=submit (values missing)", method: "POST", form: { intent: "submit", version: "1", narrative: "Готово." }, ok: INVALID, mutates: "record", status: "DRAFT" },
      // Reviewing is for staff: refused (403) on the partner's own report, which stays as it was.
      { label: "POST intent=approve", method: "POST", form: { intent: "approve", version: "1" }, ok: FORBIDDEN },
      { label: "POST intent=return", method: "POST", form: { intent: "return", version: "1", "comments.GENERAL": "x" }, ok: FORBIDDEN },
      { label: "POST intent=reopen", method: "POST", form: { intent: "reopen", version: "1", reason: "x" }, ok: FORBIDDEN },
      UNKNOWN_INTENT,
    ],
  },
  {
    pattern: "/progress-reports/:id",
    access: "staff+donor",
    record: "progressReport",
    requests: [
      GET(PAGE, { exceptions: { PARTNER: (c) => redirectTo(`/portal/reports/${c.record!.id}`) } }),
      { label: "POST intent=save", method: "POST", form: { intent: "save", version: "1", narrative: "Filled in by staff." }, access: "staff", ok: DONE, mutates: "record", status: "DRAFT" },
      { label: "POST intent=submit (values missing)", method: "POST", form: { intent: "submit", version: "1", narrative: "Done." }, access: "staff", ok: INVALID, mutates: "record", status: "DRAFT" },
      { label: "POST intent=return", method: "POST", form: { intent: "return", version: "1", "comments.INDICATORS": "Check the totals." }, access: "staff", ok: DONE, mutates: "record", status: "SUBMITTED" },
      { label: "POST intent=return (no comment)", method: "POST", form: { intent: "return", version: "1" }, access: "staff", ok: INVALID },
      { label: "POST intent=approve", method: "POST", form: { intent: "approve", version: "1" }, access: "staff", ok: DONE, mutates: "record", status: "SUBMITTED" },
      { label: "POST intent=reopen", method: "POST", form: { intent: "reopen", version: "1", reason: "Corrected figures." }, access: "staff", ok: DONE, mutates: "record", status: "APPROVED" },
      { ...UNKNOWN_INTENT, access: "staff" },
    ],
  },
  // Issue 18, helper N: the inbox and notification settings are every
  // signed-in user's own. /inbox/:id names a notification of a user who is
  // none of the identities: every one of them gets 404, and it stays unread.
  {
    pattern: "/inbox",
    access: "user",
    requests: [GET(PAGE), UNKNOWN_INTENT, { label: "POST intent=mark-all-read", method: "POST", form: { intent: "mark-all-read" }, ok: redirectTo("/inbox") }],
  },
  {
    pattern: "/inbox/:id",
    access: "user",
    params: () => ({ id: foreignNotification.id }),
    requests: [GET(NOT_FOUND), { label: "POST", method: "POST", form: {}, ok: NOT_FOUND }],
  },
  { pattern: "/account/notifications", access: "user", requests: [GET(PAGE), INVALID_FORM] },
  // Issue 20, helper OUTBOX: the offline outbox page is every signed-in user's (its entries live in the browser).
  { pattern: "/outbox", access: "user", requests: [GET(PAGE)] },
  // Issue 19, helper T: personal access tokens and the JSON API. /account/tokens is every signed-in
  // user's own page (a new token is the answer to the post itself, 200, shown once; revoking a token
  // that is not the user's is 404); /admin/tokens is the administrators'. The matrix signs in with
  // session cookies: the API takes a session for same-origin reads only (scoped like the pages,
  // JSON; 401 problem+json, not a redirect, when signed out) and never for writes (401 for everyone).
  // The token-based cases (scope through a token, read-only, revoked) are in tests/e2e/api-tokens.spec.ts
  // and tests/db/api-programmes.test.ts.
  {
    pattern: "/account/tokens",
    access: "user",
    requests: [
      GET(PAGE),
      { label: "POST intent=create", method: "POST", form: { intent: "create", name: "matrix token", expiresInDays: "7" }, ok: PAGE },
      { label: "POST intent=create (no name)", method: "POST", form: { intent: "create", name: "", expiresInDays: "7" }, ok: INVALID },
      { label: "POST intent=revoke (not the user's token)", method: "POST", form: { intent: "revoke", tokenId: "no-such-token" }, ok: NOT_FOUND },
      { label: "POST intent=unknown", method: "POST", form: { intent: "no-such-intent" }, ok: INVALID },
    ],
  },
  {
    pattern: "/admin/tokens",
    access: "admin",
    requests: [GET(PAGE), { label: "POST intent=revoke (unknown token)", method: "POST", form: { intent: "revoke", tokenId: "no-such-token" }, ok: NOT_FOUND }],
  },
  { pattern: "/api/v1/programmes", access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/programmes/:code",
    access: "user",
    record: "programme",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/programmes/:code/archive",
    access: "user",
    record: "programme",
    requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE],
  },
  // Issue 19, helper U: the activities of the JSON API, the same rules as the programmes above (the
  // token cases, a Kazakhstan activity 404 to a Belarus token, are in tests/db/api-activities.test.ts).
  { pattern: "/api/v1/activities", access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/activities/:id",
    access: "user",
    record: "activity",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/activities/:id/archive",
    access: "user",
    record: "activity",
    requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE],
  },
  // Issue 19, helper APIB: agreements, organisations, funding and documents of the JSON API, by the rules of the
  // rows above (app/utils/api-resource.server.ts). Organisations are reference data kept by staff, as their pages
  // are: partners and donors get 403. A document's file is the download page's scope (404 outside it). The token
  // cases (a Kazakhstan record 404 to a Belarus token, donors, read-only, 409, uploads) are in
  // tests/db/api-{agreements,organisations,funding,documents}.test.ts.
  ...(["agreements", "funding", "documents"] as const).flatMap((path): Row[] => {
    const record = path === "agreements" ? "agreement" : path === "funding" ? "funding" : "document";
    return [
      { pattern: `/api/v1/${path}`, access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
      {
        pattern: `/api/v1/${path}/:id`,
        access: "user",
        record,
        requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
      },
      { pattern: `/api/v1/${path}/:id/archive`, access: "user", record, requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE] },
    ];
  }),
  { pattern: "/api/v1/documents/:id/file", access: "user", record: "document", requests: [GET(PDF_FILE, { exceptions: { anonymous: () => UNAUTHORIZED } })] },
  { pattern: "/api/v1/organisations", access: "staff", requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/organisations/:id",
    access: "staff",
    record: "organisation",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  { pattern: "/api/v1/organisations/:id/archive", access: "staff", record: "organisation", requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE] },
  // Issue 19, helper APIA: deliverables, outcomes (their follow-up actions are the outcome's rows, no
  // route of their own) and indicators (with their periods) of the JSON API, the same rules as the
  // programmes above; the token cases (a Kazakhstan record 404 to a Belarus token, donors, read-only
  // tokens) are in tests/db/api-deliverables.test.ts, api-outcomes.test.ts and api-indicators.test.ts.
  { pattern: "/api/v1/deliverables", access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/deliverables/:id",
    access: "user",
    record: "deliverable",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/deliverables/:id/archive",
    access: "user",
    record: "deliverable",
    requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE],
  },
  { pattern: "/api/v1/outcomes", access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/outcomes/:id",
    access: "user",
    record: "outcome",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/outcomes/:id/archive",
    access: "user",
    record: "outcome",
    requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE],
  },
  { pattern: "/api/v1/indicators", access: "user", requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/indicators/:id",
    access: "user",
    record: "indicator",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/indicators/:id/archive",
    access: "user",
    record: "indicator",
    requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE],
  },
  // Helper RAPI: reporting requirements (staff only, as their pages: partners and donors get 403, as
  // organisations) and progress reports of the JSON API. Reports have no create (POST on the list is
  // 405 for everyone) and no archive; their workflow steps are POSTs, which a session never makes (401).
  // The token cases (a partner's token sees its countries' reports, a partner's approve is 403, a donor
  // reads approved reports only, 409 with the current report) are in tests/db/api-reporting.test.ts.
  { pattern: "/api/v1/reporting-requirements", access: "staff", requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/reporting-requirements/:id",
    access: "staff",
    record: "requirement",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  { pattern: "/api/v1/reporting-requirements/:id/archive", access: "staff", record: "requirement", requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE] },
  {
    pattern: "/api/v1/progress-reports",
    access: "user",
    requests: [GET(API_JSON, { noLeak: true, exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (no create)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  {
    pattern: "/api/v1/progress-reports/:id",
    access: "user",
    record: "progressReport",
    requests: [GET(API_JSON, { exceptions: { anonymous: () => UNAUTHORIZED } }), { label: "POST (PATCH only)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION }],
  },
  ...(["submit", "return", "approve", "reopen"] as const).map(
    (step): Row => ({ pattern: `/api/v1/progress-reports/:id/${step}`, access: "user", record: "progressReport", requests: [GET(NO_ACTION, { everyone: NO_ACTION }), API_SESSION_WRITE] }),
  ),
  // The OpenAPI document describes the API and holds no data: public. The reference page is for signed-in users.
  { pattern: "/api/v1/openapi.json", access: "public", requests: [GET(API_JSON)] },
  { pattern: "/api/v1/docs", access: "user", requests: [GET(PAGE)] },
  // Issue 19, helper S: one search over everything, for every signed-in user, scoped like the pages.
  // The query names every side's programme code ("or" between them), in lower case: the search is
  // case-insensitive, and the page's echo of the query must not count as naming a code. Each
  // identity's answer names (in upper case, on its hits) only the codes in its scope.
  {
    pattern: "/search",
    access: "user",
    requests: [
      GET(PAGE, { label: "GET ?q=(every side's code)", noLeak: true, showsOwn: true, query: () => `?q=${encodeURIComponent(everySideCode())}` }),
      GET(PAGE, { label: "GET ?q=…&kind=programme", noLeak: true, showsOwn: true, query: () => `?q=${encodeURIComponent(everySideCode())}&kind=programme` }),
      GET(PAGE, { label: "GET ?q=(hostile)", query: () => `?q=${encodeURIComponent(`'); DROP TABLE "Programme"; -- %_\\ & | ! :*`)}&kind=nonsense&page=-3` }),
    ],
  },
  // Issue 19, helper IMP: the spreadsheet import, staff only. An import is its uploader's alone: an id
  // that is not the user's is 404 (the preview, apply and discard journeys are in tests/e2e/imports.spec.ts
  // and tests/db/imports.test.ts). The download for editing is the list's rows, for staff.
  { pattern: "/imports", access: "staff", requests: [GET(PAGE), INVALID_UPLOAD] },
  {
    pattern: "/imports/:id",
    access: "staff",
    params: () => ({ id: "no-such-import" }),
    requests: [
      GET(NOT_FOUND),
      { label: "POST intent=apply (not the user's import)", method: "POST", form: { intent: "apply" }, ok: NOT_FOUND },
      { label: "POST intent=discard (not the user's import)", method: "POST", form: { intent: "discard" }, ok: NOT_FOUND },
      UNKNOWN_INTENT,
    ],
  },
  {
    pattern: "/imports/download",
    access: "staff",
    requests: [
      CSV,
      GET(XLSX_FILE, { label: "GET ?of=activities&format=xlsx", query: () => "?of=activities&format=xlsx" }),
      GET(CSV_FILE, { label: "GET ?of=organisations&format=csv&empty=1", query: () => "?of=organisations&format=csv&empty=1" }),
    ],
  },
];

// Issue 19, helper S: a search that matches every side's programme (set once the portfolios exist).
let everySideCodes = "";
const everySideCode = () => everySideCodes;

// Issue 18, helper N: someone else's notification, for the /inbox/:id row.
const foreignNotification = { id: `authz-foreign-${randomBytes(6).toString("hex")}` };
test.beforeAll(async () => {
  const owner = await prisma.user.create({ data: { email: `inbox-owner-${foreignNotification.id}@test.concord`, name: "Inbox owner", role: "STAFF" } });
  await prisma.notification.create({
    data: { id: foreignNotification.id, userId: owner.id, kind: "PARTNER_COMMENTED", key: foreignNotification.id, entityType: "Deliverable", entityId: "x", path: "/workspace" },
  });
});

// ---------------------------------------------------------------------------
// Completeness: the table against app/routes.

function completenessProblems(routes: RouteFile[], rows: Row[]): string[] {
  const problems: string[] = [];
  const rowsByPattern = new Map(rows.map((r) => [r.pattern, r]));
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.pattern)) problems.push(`${r.pattern}: two rows for one route`);
    seen.add(r.pattern);
  }
  for (const route of routes) {
    const row = rowsByPattern.get(route.pattern);
    if (!row) {
      problems.push(`app/routes/${route.file} (${route.pattern}) has no row in the authorization matrix`);
      continue;
    }
    const posts = row.requests.filter((q) => q.method === "POST");
    if (route.hasAction && posts.length === 0) problems.push(`app/routes/${route.file} has an action but its row has no POST request`);
    if (!route.hasAction && posts.length > 0) problems.push(`app/routes/${route.file} has no action but its row posts to it`);
    if (route.hasLoader && !row.requests.some((q) => q.method === "GET")) problems.push(`app/routes/${route.file} has a loader but its row has no GET request`);
    const rowIntents = new Set(posts.map((q) => q.form?.intent ?? q.multipart?.intent).filter(Boolean));
    for (const intent of route.intents) {
      if (!rowIntents.has(intent)) problems.push(`app/routes/${route.file} handles intent "${intent}" but its row has no POST with it`);
    }
    if (route.csv && !row.requests.some((q) => q === CSV)) problems.push(`app/routes/${route.file} exports CSV but its row does not request it`);
    if (route.xlsx && !row.requests.some((q) => q === XLSX)) problems.push(`app/routes/${route.file} exports XLSX but its row does not request it`);
  }
  const patterns = new Set(routes.map((r) => r.pattern));
  for (const row of rows) {
    if (!patterns.has(row.pattern)) problems.push(`row ${row.pattern} has no route file in app/routes`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Running it

type Planned = {
  row: Row;
  req: Req;
  route: RouteFile;
  cell: Cell;
  expected: Expect;
  ok: Expect;
  key: string;
  fixme: string | null;
};

type Outcome = Planned & { got: Got | null; error: string | null; effect: string | null; ms: number };

const CONCURRENCY = 6;

test("authorization matrix: every route, as every identity, in and out of scope", async ({ loginAs, context, playwright, baseURL }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const routes = readRoutes();
  const routeByPattern = new Map(routes.map((r) => [r.pattern, r]));
  const problems = completenessProblems(routes, MATRIX);

  const portfolios: AuthzPortfolios = await createAuthzPortfolios(prisma);
  everySideCodes = SIDES.map((side) => portfolios.sides[side].records.programme.code!).join(" or ").toLowerCase();

  // One API context per identity, holding a real session made by the shared fixture.
  const contexts: APIRequestContext[] = [];
  const newContext = async (cookie?: { name: string; value: string }) => {
    const ctx = await playwright.request.newContext({
      baseURL,
      // One connection per request: a kept-alive socket the server closes while idle (5 s, slow
      // reports under load) would otherwise fail the next request with ECONNRESET.
      extraHTTPHeaders: { Connection: "close" },
      storageState: { cookies: cookie ? [{ ...cookie, domain: new URL(baseURL!).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }] : [], origins: [] },
    });
    contexts.push(ctx);
    return ctx;
  };
  const signIn = async (who: Identity): Promise<{ ctx: APIRequestContext; sessionId: string }> => {
    const scope =
      who.key === "partner BY" ? { countries: ["BY"] }
      : who.key === "partner KZ" ? { countries: ["KZ"] }
      : who.key === "donor KWPF" ? { organisationIds: [portfolios.fundA.id] }
      : who.key === "donor other fund" ? { organisationIds: [portfolios.fundB.id] }
      : {};
    await context.clearCookies();
    await loginAs(who.role!, scope);
    const cookie = (await context.cookies()).find((c) => /session/.test(c.name));
    if (!cookie) throw new Error(`loginAs(${who.role}) set no session cookie`);
    await context.clearCookies();
    // A session that has passed the second factor (staff and admins must have one).
    await prisma.session.update({ where: { id: cookie.value }, data: { mfaVerified: true } });
    return { ctx: await newContext({ name: cookie.name, value: cookie.value }), sessionId: cookie.value };
  };
  const sessions = new Map<IdentityKey, APIRequestContext>();
  for (const who of IDENTITIES) sessions.set(who.key, who.role ? (await signIn(who)).ctx : await newContext());

  // Plan every request and its expected answer from the rules.
  const planned: Planned[] = [];
  const skippedRows: string[] = [];
  for (const row of MATRIX) {
    const route = routeByPattern.get(row.pattern);
    if (!route) {
      skippedRows.push(row.pattern);
      continue;
    }
    const requests = [...row.requests];
    // Without an action, a POST answers 405 whoever sends it (checked signed out and as an admin).
    if (!route.hasAction) requests.push({ label: "POST (no action)", method: "POST", form: {}, ok: NO_ACTION, everyone: NO_ACTION, noRecord: true });
    for (const req of requests) {
      const sides = req.noRecord ? [row.record ? ("BY" as const) : null] : sidesFor(row);
      const kind = req.recordKind ?? row.record;
      for (const side of sides) {
        for (const who of IDENTITIES) {
          if (req.everyone && who.key !== "anonymous" && who.key !== "admin") continue;
          const record = kind && side ? portfolios.sides[side].records[kind] : null;
          const cell: Cell = { who, side: req.noRecord ? null : side, record };
          const { expected, ok } = expectFor(row, req, cell);
          const fixme = (row.fixme ?? []).find(
            (f) => (!f.request || f.request === req.label) && (!f.who || f.who.includes(who.key)) && (!f.sides || (side !== null && f.sides.includes(side))),
          );
          planned.push({
            row,
            req,
            route,
            cell,
            expected,
            ok,
            fixme: fixme?.gap ?? null,
            key: `${row.pattern} | ${req.label} | ${who.key} | ${req.noRecord ? "-" : (side ?? "-")}`,
          });
        }
      }
    }
  }

  // Sessions that a request ends (sign-out) are made for that request alone, before the run.
  const freshSessions = new Map<Planned, { ctx: APIRequestContext; sessionId: string }>();
  for (const p of planned) if (p.req.mutates === "session" && p.cell.who.role) freshSessions.set(p, await signIn(p.cell.who));

  const outcomes: Outcome[] = [];
  // Reports take seconds to render: start them first, so the quick requests fill in around them.
  const slowFirst = [...planned].sort((a, b) => Number(b.row.pattern.startsWith("/reports/")) - Number(a.row.pattern.startsWith("/reports/")));
  await runPool(slowFirst, CONCURRENCY, async (p) => {
    const { row, req, cell } = p;
    let record: RecordRef | null = cell.record;
    let probe: (() => Promise<string>) | null = null;
    let ctx = sessions.get(cell.who.key)!;
    const kind = req.recordKind ?? row.record;
    if (req.mutates === "record" && kind && cell.side) {
      const fresh = await freshRecord(prisma, portfolios, kind, cell.side, { archived: req.archived, status: req.status });
      record = fresh;
      probe = () => recordState(prisma, kind, fresh.id);
    }
    const session = freshSessions.get(p);
    if (session) {
      ctx = session.ctx;
      probe = async () => ((await prisma.session.findUnique({ where: { id: session.sessionId } })) ? "session" : "no session");
    }
    const filledCell: Cell = { ...cell, record };
    const params: Record<string, string> = { ...(row.params?.() ?? {}) };
    if (record) {
      params.id = record.id;
      if (record.code) params.code = record.code;
    }
    Object.assign(params, req.params);
    const url = fillPattern(row.pattern, params) + (req.query?.(filledCell, p.route.id) ?? "");
    const before = probe ? await probe() : null;
    let got: Got | null = null;
    let error: string | null = null;
    let leak: string | null = null;
    const started = Date.now();
    try {
      const response =
        req.method === "GET"
          ? await ctx.get(url, { maxRedirects: 0 })
          : await ctx.post(url, {
              maxRedirects: 0,
              headers: { Origin: origin },
              ...(req.multipart ? { multipart: req.multipart } : { form: req.form ?? {} }),
            });
      const headers = response.headers();
      // A Remix data request (?_data=) answers a redirect with 204 and X-Remix-Redirect.
      const dataRedirect = headers["x-remix-redirect"];
      const location = dataRedirect ?? headers["location"] ?? null;
      // Issue 5 item 6, on every answer of every route: no framing, no sniffing,
      // and HTML only with scripts bound to this response's nonce.
      const csp = headers["content-security-policy"] ?? "";
      if (headers["x-content-type-options"] !== "nosniff") leak = "no X-Content-Type-Options: nosniff";
      else if (!csp.includes("frame-ancestors 'none'")) leak = `no frame-ancestors 'none' in the CSP (${csp || "none"})`;
      else if ((headers["content-type"] ?? "").startsWith("text/html") && !/script-src 'self' 'nonce-[^']+'/.test(csp)) leak = `an HTML answer without a nonce CSP (${csp})`;
      got = {
        status: dataRedirect && response.status() === 204 ? 302 : response.status(),
        location: location ? location.replace(origin, "") : null,
        type: headers["content-type"] ?? "",
      };
      if (req.noLeak && got.status === 200 && cell.who.role) {
        const body = await response.text();
        for (const other of SIDES.filter((x) => !cell.who.sees.includes(x) && !cell.who.programmeOf?.includes(x))) {
          const code = portfolios.sides[other].records.programme.code!;
          if (body.includes(code)) leak = `the answer names programme ${code} (${other}), outside this identity's scope`;
        }
        // ...while it does name the identity's own programme (so the check above looks at the right text).
        // (A partner's or donor's first side is its own programme.)
        const own = cell.who.role === "PARTNER" || cell.who.role === "DONOR" ? portfolios.sides[cell.who.sees[0]].records.programme.code! : null;
        if (req.showsOwn && own && !body.includes(own)) leak = `the answer does not name the identity's own programme ${own}`;
      }
      await response.dispose();
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    }
    const ms = Date.now() - started;
    let effect: string | null = leak;
    if (probe && before !== null && got) {
      const after = await probe();
      const allowed = p.expected === p.ok;
      if (allowed && matches(p.expected, got) && after === before) effect = "allowed, but the record did not change";
      if (!allowed && after !== before) effect = `refused, but the record changed (${before} -> ${after})`;
    }
    outcomes.push({ ...p, cell: filledCell, got, error, effect, ms });
  });

  // Report: the whole matrix as a table, and the mismatches.
  const order = new Map(planned.map((p, i) => [p.key, i]));
  outcomes.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  const verdict = (o: Outcome) => (o.error ? "error" : o.got && matches(o.expected, o.got) && !o.effect ? "ok" : "MISMATCH");
  const lines = ["| route | request | identity | record | expected | got | result |", "|---|---|---|---|---|---|---|"];
  for (const o of outcomes) {
    const got = o.error ? `error: ${o.error}` : describeGot(o.got!);
    const result = verdict(o) === "ok" ? (o.fixme ? `ok (fixme stale: ${o.fixme})` : "ok") : o.fixme ? `known gap: ${o.fixme}` : `**${verdict(o)}**${o.effect ? ` ${o.effect}` : ""}`;
    const [route, request, identity, side] = o.key.split(" | ");
    lines.push(`| ${route} | ${request} | ${identity} | ${side} | ${o.expected.label} | ${got} | ${result} |`);
  }
  const table = test.info().outputPath("authz-matrix.md");
  fs.writeFileSync(table, lines.join("\n") + "\n");
  await test.info().attach("authz-matrix.md", { path: table, contentType: "text/markdown" });
  if (process.env.AUTHZ_TIMING) {
    // Where the time goes: the 15 costliest requests, summed over identities and records.
    const slow = new Map<string, { n: number; ms: number }>();
    for (const o of outcomes) {
      const k = `${o.row.pattern} ${o.req.label}`;
      const s = slow.get(k) ?? { n: 0, ms: 0 };
      slow.set(k, { n: s.n + 1, ms: s.ms + o.ms });
    }
    for (const [k, v] of [...slow].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`${String(v.ms).padStart(7)} ms  ${v.n} × ${k}`);
  }
  for (const ctx of contexts) await ctx.dispose();

  const failures = outcomes.filter((o) => verdict(o) !== "ok" && !o.fixme).map((o) => `${o.key}: expected ${o.expected.label}, got ${o.error ?? describeGot(o.got!)}${o.effect ? ` (${o.effect})` : ""}`);
  const knownGaps = outcomes.filter((o) => verdict(o) !== "ok" && o.fixme);
  const fixmes = MATRIX.flatMap((r) => r.fixme ?? []);
  const staleFixmes = fixmes.filter((f) => !knownGaps.some((o) => o.fixme === f.gap)).map((f) => `fixme no longer needed (the app now follows the rule): ${f.gap}`);
  console.log(
    `authorization matrix: ${outcomes.length} requests over ${MATRIX.length - skippedRows.length} routes; ` +
      `${failures.length} mismatches, ${knownGaps.length} known-gap cells` +
      (skippedRows.length ? `; rows without a route file yet: ${skippedRows.join(", ")}` : "") +
      `; the whole table: ${table}`,
  );

  expect(outcomes.length).toBe(planned.length);
  expect(failures, "requests whose answer breaks the rules").toEqual([]);
  expect(staleFixmes, "fixme rows whose gap is fixed").toEqual([]);
  expect(problems, "routes and matrix rows out of step").toEqual([]);
});
