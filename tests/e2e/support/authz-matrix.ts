import type { ProgressReportStatus, Role } from "@prisma/client";
import type { RecordKind, RecordRef, Side } from "../../factories/authz";

// The vocabulary of the authorization matrix (tests/e2e/authz-matrix.spec.ts):
// who asks, what a route allows, what a request expects, and the one rule
// that turns "role allowed? record in scope?" into an expected status.

export type IdentityKey = "anonymous" | "admin" | "staff" | "partner BY" | "partner KZ" | "donor KWPF" | "donor other fund";

export type Identity = {
  key: IdentityKey;
  role: Role | null;
  /** The sides (see tests/factories/authz.ts) whose scoped records this identity may see. */
  sees: readonly Side[];
  /** Sides whose programme (but not its records) this identity sees: the Belarus partner, of the shared MC programme. */
  programmeOf?: readonly Side[];
};

export const IDENTITIES: readonly Identity[] = [
  { key: "anonymous", role: null, sees: [] },
  { key: "admin", role: "ADMIN", sees: ["BY", "KZ", "BYX", "MC"] },
  { key: "staff", role: "STAFF", sees: ["BY", "KZ", "BYX", "MC"] },
  // The MC programme is shared by Belarus and Kazakhstan; its MC records concern Kazakhstan only.
  { key: "partner BY", role: "PARTNER", sees: ["BY"], programmeOf: ["MC"] },
  { key: "partner KZ", role: "PARTNER", sees: ["KZ", "MC"] },
  { key: "donor KWPF", role: "DONOR", sees: ["BY", "MC"] }, // fund A funds the BY and MC programmes
  { key: "donor other fund", role: "DONOR", sees: ["KZ"] }, // fund B funds the KZ programme
];

/** Who a route is for. */
export type Access = "public" | "user" | "staff" | "admin" | "partner" | "donor" | "staff+donor";

export const ACCESS_ROLES: Record<Access, readonly Role[]> = {
  public: ["ADMIN", "STAFF", "PARTNER", "DONOR"],
  user: ["ADMIN", "STAFF", "PARTNER", "DONOR"],
  staff: ["ADMIN", "STAFF"],
  admin: ["ADMIN"],
  partner: ["PARTNER"],
  donor: ["DONOR"],
  "staff+donor": ["ADMIN", "STAFF", "DONOR"],
};

/** Records that everyone allowed on the route may see (no country or fund scope). */
export const GLOBAL_KINDS: readonly RecordKind[] = ["organisation", "user", "invitation"];

export const HOME: Record<Role, string> = { ADMIN: "/workspace", STAFF: "/workspace", PARTNER: "/portal", DONOR: "/donor" };

/** What a response must be. `to` is the redirect target: exact (string) or a pattern. */
export type Expect = { status: number | readonly number[]; to?: string | RegExp; type?: RegExp; label: string };

export const PAGE: Expect = { status: 200, type: /^text\/html/, label: "200" };
export const TEXT: Expect = { status: 200, type: /^text\/plain/, label: "200 text" };
export const CSV_FILE: Expect = { status: 200, type: /^text\/csv/, label: "200 csv" };
export const PDF_FILE: Expect = { status: 200, type: /^application\/pdf/, label: "200 pdf" };
export const XLSX_FILE: Expect = { status: 200, type: /spreadsheetml/, label: "200 xlsx" };
export const XML_FILE: Expect = { status: 200, type: /^application\/xml/, label: "200 xml" };
/** A successful form post: post/redirect/get, anywhere but the sign-in page. */
export const DONE: Expect = { status: 302, to: /^\/(?!sign-in)/, label: "302 done" };
export const INVALID: Expect = { status: 400, label: "400" };
export const SIGN_IN: Expect = { status: 302, to: /^\/sign-in\?redirectTo=/, label: "302 sign-in" };
export const FORBIDDEN: Expect = { status: 403, label: "403" };
export const NOT_FOUND: Expect = { status: 404, label: "404" };
export const NOT_FOUND_OR_GONE: Expect = { status: [404, 410], label: "404/410" };
export const NO_ACTION: Expect = { status: 405, label: "405" };
export const redirectTo = (to: string): Expect => ({ status: 302, to, label: `302 ${to}` });

/** One request of the matrix, for one identity and (for record routes) one side. */
export type Cell = {
  who: Identity;
  side: Side | null;
  record: RecordRef | null;
};

export type Req = {
  label: string;
  method: "GET" | "POST";
  /** Query string to append (with its "?"). */
  query?: (cell: Cell, routeId: string) => string;
  form?: Record<string, string>;
  multipart?: Record<string, string>;
  /** The answer for an identity the rules allow, on a record in its scope. */
  ok: Expect | ((cell: Cell) => Expect);
  /** Who this request is for, when it differs from the route's. */
  access?: Access;
  /** The rules' exceptions for a role, written out (e.g. partners are sent to the portal). */
  exceptions?: Partial<Record<Role | "anonymous", (cell: Cell) => Expect>>;
  /** The answer for everyone, whoever asks (e.g. 405 for a POST to a route without an action). */
  everyone?: Expect;
  /** Send it once per identity, without a record, even on a record route. */
  noRecord?: boolean;
  /** Mutates when allowed: it gets a fresh record (or session), checked unchanged when refused, changed when allowed. */
  mutates?: "record" | "session";
  /** The fresh record starts archived (for "restore"). */
  archived?: boolean;
  /** Issue 18: the fresh progress report starts in this status (the workflow step the request takes). */
  status?: ProgressReportStatus;
  /** The record this request names, when not the row's (e.g. an invitation on the users' page). */
  recordKind?: RecordKind;
  /** On a 200, the body must not name a programme outside the identity's scope (lists, dashboards, exports). */
  noLeak?: boolean;
  /** ...and must name the identity's own programme (partners and donors). */
  showsOwn?: boolean;
  /** URL parameters that replace the record's (e.g. an id that does not exist). */
  params?: Record<string, string>;
};

export type Fixme = { gap: string; request?: string; who?: readonly IdentityKey[]; sides?: readonly Side[] };

export type Row = {
  pattern: string;
  access: Access;
  /** The record the URL names (its :id or :code, or ?programme=). */
  record?: RecordKind;
  requests: Req[];
  /** Extra URL parameters (e.g. an unknown :token). */
  params?: () => Record<string, string>;
  /** A known gap in the app: the expectation stays, the mismatch is reported, not failed. */
  fixme?: Fixme[];
};

/** The rule: anonymous -> sign-in; role not allowed -> 403; record outside the scope -> 404; otherwise the route's answer. */
export function expectFor(row: Row, req: Req, cell: Cell): { expected: Expect; ok: Expect } {
  const ok = typeof req.ok === "function" ? req.ok(cell) : req.ok;
  if (req.everyone) return { expected: req.everyone, ok };
  const exception = req.exceptions?.[cell.who.role ?? "anonymous"];
  if (exception) return { expected: exception(cell), ok };
  const access = req.access ?? row.access;
  if (!cell.who.role) return { expected: access === "public" ? ok : SIGN_IN, ok };
  if (!ACCESS_ROLES[access].includes(cell.who.role)) return { expected: FORBIDDEN, ok };
  const kind = req.recordKind ?? row.record;
  const scoped = kind && !req.noRecord && !GLOBAL_KINDS.includes(kind);
  const seen = cell.side && (cell.who.sees.includes(cell.side) || (kind === "programme" && cell.who.programmeOf?.includes(cell.side)));
  if (scoped && cell.side && !seen) return { expected: NOT_FOUND, ok };
  return { expected: ok, ok };
}

/**
 * The sides a row's record requests run on: records without a scope once;
 * the hidden side only where partners or donors are allowed.
 */
export function sidesFor(row: Row): (Side | null)[] {
  if (!row.record) return [null];
  if (GLOBAL_KINDS.includes(row.record)) return ["BY"];
  const nonStaff = ACCESS_ROLES[row.access].some((r) => r === "PARTNER" || r === "DONOR");
  return nonStaff ? ["BY", "KZ", "BYX", "MC"] : ["BY", "KZ"];
}

export type Got = { status: number; location: string | null; type: string };

export function matches(expected: Expect, got: Got): boolean {
  const statuses: readonly number[] = typeof expected.status === "number" ? [expected.status] : expected.status;
  if (!statuses.includes(got.status)) return false;
  if (expected.to !== undefined) {
    if (got.location === null) return false;
    if (typeof expected.to === "string" ? got.location !== expected.to : !expected.to.test(got.location)) return false;
  }
  if (expected.type && !expected.type.test(got.type)) return false;
  return true;
}

export function describeGot(got: Got): string {
  if (got.location !== null) return `${got.status} ${got.location}`;
  return got.status === 200 ? `200 ${got.type.split(";")[0]}` : String(got.status);
}

/** A small pool: at most `limit` tasks at once. */
export async function runPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
