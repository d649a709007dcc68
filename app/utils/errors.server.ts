import { Prisma } from "@prisma/client";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import { message, type MessageKey, type Translator } from "~/i18n/translate";
import { currentRequestContext } from "./request-context.server";

// Errors a model function can raise. Models never throw a Response: they
// throw a DomainError, and domainErrorResponse (below) is the one place that
// turns it into an HTTP answer (withDomainErrors for loaders and actions,
// runAction for forms, which shows invalid/conflict/has_dependents next to
// the form instead).

export type DomainErrorCode = "not_found" | "invalid" | "conflict" | "forbidden" | "rate_limited" | "has_dependents" | "too_large";

export type DomainErrorDetails = {
  /** The form field an `invalid` refusal belongs to ("_form" or absent: the whole form). */
  field?: string;
  /** Several fields' messages at once (message() references or plain text), shown next to each field. */
  fields?: Record<string, string>;
  /** For `rate_limited`: seconds until a retry can succeed (the Retry-After header). */
  retryAfterSeconds?: number;
  [key: string]: unknown;
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  /** The field messages this refusal carries: `fields`, plus `field` with the message itself. */
  fieldMessages(): Record<string, string> {
    const fields = { ...(this.details.fields ?? {}) };
    if (this.details.field && this.details.field !== "_form") fields[this.details.field] = this.message;
    return fields;
  }
}

/** The record is not there, or not in the caller's scope: the two look the same (404), so nobody learns what exists. */
export function notFoundError(what = "Not found"): DomainError {
  return new DomainError("not_found", what);
}

/** The caller may see the record (or none) but may not do this with it (403). */
export function forbiddenError(): DomainError {
  return new DomainError("forbidden", message("common.error.forbidden.text"));
}

const STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  has_dependents: 409,
  forbidden: 403,
  rate_limited: 429,
  /** A request body (an upload, a form field) far beyond what Concord accepts. */
  too_large: 413,
};

/** The HTTP status a domain refusal answers with. */
export function domainErrorStatus(error: DomainError): number {
  return STATUS[error.code];
}

/**
 * The one mapping from a domain refusal to a response: the status by code and
 * the message in the reader's language as plain text. The error page
 * (root ErrorBoundary) is chosen by the status, so a record that is not found
 * looks as it always did whether a model or a route refused it.
 */
export function domainErrorResponse(error: DomainError, t: Translator): Response {
  const status = domainErrorStatus(error);
  const text =
    error.code === "not_found"
      ? t("common.error.notFound.text")
      : error instanceof DependentsError
        ? error.describe(t)
        : t.text(error.message);
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
  if (error.code === "rate_limited" && typeof error.details.retryAfterSeconds === "number") {
    headers["Retry-After"] = String(Math.max(1, Math.ceil(error.details.retryAfterSeconds)));
  }
  return new Response(text, { status, headers });
}

/** Someone else saved the record since it was loaded (optimistic locking). */
export class ConflictError extends DomainError {
  constructor(
    readonly current: { version: number; updatedAt: Date | null; updatedBy: string | null },
    readonly changes: Record<string, { mine: unknown; theirs: unknown }>,
  ) {
    super("conflict", message("common.conflict.message"));
    this.name = "ConflictError";
  }
}

/**
 * Deleting would leave records pointing at nothing. `message` is the English
 * text (logs, tests); runAction shows `describe(t)` in the reader's language.
 * A dependent's `type` ("funding line") is named by common.dependent.<type in
 * camelCase> where the catalogue has it.
 */
export class DependentsError extends DomainError {
  constructor(readonly dependents: { type: string; title: string }[]) {
    super("has_dependents", describeDependents(serverTranslator(DEFAULT_LOCALE), dependents));
    this.name = "DependentsError";
  }

  describe(t: Translator): string {
    return describeDependents(t, this.dependents);
  }
}

const SHOWN_DEPENDENTS = 8;

function describeDependents(t: Translator, dependents: { type: string; title: string }[]): string {
  const list = dependents
    .slice(0, SHOWN_DEPENDENTS)
    .map((d) => {
      const key = `common.dependent.${d.type.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`;
      const type = t.has(key) ? t(key as MessageKey) : d.type;
      // The title is the user's text: put in afterwards, never read as a message reference ("@...").
      return t("common.dependents.item", { type }).replace("{title}", () => d.title);
    })
    .join(", ");
  const more = dependents.length - SHOWN_DEPENDENTS;
  // Counts as text: written as they always were, without digit grouping.
  const text = more > 0 ? t("common.dependents.refusedMore", { count: String(more) }) : t("common.dependents.refused");
  return text.replace("{list}", () => list);
}

// ---------------------------------------------------------------------------
// Unique-key violations, from either database adapter. The one place that
// knows how each reports them: every "already exists" check goes through here.

/**
 * The columns of a unique-constraint violation, or null for any other error.
 * On PostgreSQL (adapter-pg) Prisma reports P2002 with the columns; the
 * PGlite adapter passes the raw DriverAdapterError (SQLSTATE 23505) through,
 * whose detail reads `Key (code)=(BY-DRG) already exists.`, and whose message
 * names the constraint (`FormSubmission_pkey`) when there is no detail.
 */
export function uniqueViolationFields(error: unknown): string[] | null {
  const raw = (error as { name?: string; cause?: { code?: string; detail?: string; message?: string } } | null)?.cause;
  if ((error as { name?: string } | null)?.name === "DriverAdapterError" && raw?.code === "23505") {
    const key = /Key \(([^)]+)\)=/.exec(raw.detail ?? "");
    if (key) return key[1].split(",").map((f) => f.trim().replace(/"/g, ""));
    const constraint = /constraint "([^"]+)"/.exec(raw.message ?? "");
    return [constraint?.[1] ?? ""];
  }
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = (error.meta ?? {}) as {
    target?: string | string[];
    driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
  };
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (constraint?.fields) return constraint.fields.map((f) => f.replace(/"/g, ""));
  if (Array.isArray(meta.target)) return meta.target;
  const name = typeof meta.target === "string" ? meta.target : (constraint?.index ?? "");
  return [name];
}

/**
 * True when `error` is a unique-key violation (from either adapter); with
 * `target`, only when one of the violated columns (or the constraint's name)
 * matches it. Where a target cannot be told (an adapter that gives neither
 * columns nor a constraint name), any unique violation counts.
 */
export function isUniqueViolation(error: unknown, target?: string | RegExp): boolean {
  const fields = uniqueViolationFields(error);
  if (!fields) return false;
  if (target === undefined || fields.every((f) => f === "")) return true;
  return fields.some((f) => (typeof target === "string" ? f === target : target.test(f)));
}

export function notFound(what = "Not found"): never {
  throw notFoundError(what);
}

// ---------------------------------------------------------------------------
// The database is unreachable (stopped, restarting, network cut). This is not
// a bug in the request, so it is answered with 503 and a friendly page instead
// of a 500, and the process keeps running: the pg pool drops the broken
// connections and opens new ones once the server is back.

const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /timeout exceeded when trying to connect/i,
  /can't reach database server/i,
  /server closed the connection unexpectedly/i,
  /Connection terminated due to connection timeout/i,
];

/** True when an error means "the database cannot be reached", at any depth of its causes. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === "string") {
    if (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code)) return true;
    // SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down / starting).
    if (/^08[0-9A-Z]{3}$/.test(e.code) || /^57P0[1-3]$/.test(e.code)) return true;
  }
  if (typeof e.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

// The mark is a field of the request context (app/utils/request-context.server.ts),
// shared by the Remix bundle (which sees the error in handleError) and
// scripts/server.ts (which answers).

/** Remembers that handling the current request failed because the database was unreachable. */
export function markDatabaseUnavailable(_request?: Request): void {
  const context = currentRequestContext();
  if (context) context.databaseUnavailable = true;
}

/** Whether the current request was marked by markDatabaseUnavailable. */
export function failedForDatabase(_request?: Request): boolean {
  return currentRequestContext()?.databaseUnavailable ?? false;
}
