import { acceptLanguageLocale } from "~/i18n/locale.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import { message, type MessageKey, type Translator } from "~/i18n/translate";
import { ConflictError, DependentsError, DomainError, domainErrorStatus } from "./errors.server";

/** The refusal every role check gives (errors.server.ts `forbiddenError()`), written for pages. */
const FORBIDDEN_PAGE = message("common.error.forbidden.text");

// Answers of the JSON API (/api/v1, issue 19): JSON bodies, and every refusal
// as RFC 9457 problem details (application/problem+json) in the reader's
// language (Accept-Language). A refusal of form fields carries `errors`, the
// field's message exactly as the form would show it next to the field.

export const PROBLEM_TYPE = "application/problem+json";

/** The problem types, documented on the reference page (/api/v1/docs#problems). */
export const PROBLEM_CODES = [
  "unauthorized",
  "forbidden",
  "read-only",
  "not-found",
  "invalid",
  "conflict",
  "rate-limited",
  "bad-request",
  "method-not-allowed",
  "too-large",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_TITLE: Record<ProblemCode, MessageKey> = {
  unauthorized: "api.problem.unauthorized",
  forbidden: "api.problem.forbidden",
  "read-only": "api.problem.forbidden",
  "not-found": "api.problem.notFound",
  invalid: "api.problem.invalid",
  conflict: "api.problem.conflict",
  "rate-limited": "api.problem.rateLimited",
  "bad-request": "api.problem.invalid",
  "method-not-allowed": "api.problem.methodNotAllowed",
  "too-large": "api.problem.tooLarge",
};

/** Paths the JSON API answers: its refusals, even those given before a route is found, are problems too. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The translator of an API request: Accept-Language, else English (an API client has no language cookie). */
export function apiTranslator(request: Request): Translator {
  return serverTranslator(acceptLanguageLocale(request) ?? DEFAULT_LOCALE);
}

export const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...NO_STORE, ...init.headers },
  });
}

/** A problem details answer (RFC 9457): type, title, status, detail, instance, and any extension members. */
export function problem(
  request: Request,
  code: ProblemCode,
  status: number,
  detail: string | undefined,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(request, code, status, detail, extra)), {
    status,
    headers: { "Content-Type": `${PROBLEM_TYPE}; charset=utf-8`, ...NO_STORE, ...headers },
  });
}

/** The members of a problem (RFC 9457): type, title (in the request's language), status, detail, instance, extensions. */
export function problemBody(request: Request, code: ProblemCode, status: number, detail: string | undefined, extra: Record<string, unknown> = {}) {
  const t = apiTranslator(request);
  return {
    type: `/api/v1/docs#problem-${code}`,
    title: t(PROBLEM_TITLE[code]),
    status,
    ...(detail ? { detail } : {}),
    instance: new URL(request.url).pathname,
    ...extra,
  };
}

/** An address under /api that no operation answers (the document request Remix would render as its 404 page). */
export function apiNotFound(request: Request): Response {
  return problem(request, "not-found", 404, apiTranslator(request)("api.problem.noOperation"));
}

/**
 * A model's refusal as problem details. `current` turns the record a
 * conflict is about into what the client gets back with a 409, so it can
 * merge and retry with the current version.
 */
export async function domainProblem(request: Request, error: DomainError, current?: () => Promise<unknown>): Promise<Response> {
  const t = apiTranslator(request);
  const status = domainErrorStatus(error);
  switch (error.code) {
    case "not_found":
      return problem(request, "not-found", 404, t("common.error.notFound.text"));
    case "forbidden":
      // The pages' generic refusal speaks of a page; an API caller asked for an operation.
      return problem(request, "forbidden", 403, error.message === FORBIDDEN_PAGE ? t("api.problem.forbiddenDetail") : t.text(error.message));
    case "rate_limited": {
      const retry = Math.max(1, Math.ceil(Number(error.details.retryAfterSeconds ?? 60)));
      return problem(request, "rate-limited", 429, t.text(error.message), {}, { "Retry-After": String(retry) });
    }
    case "conflict":
    case "has_dependents": {
      const detail = error instanceof DependentsError ? error.describe(t) : t.text(error.message);
      const extra: Record<string, unknown> = {};
      if (error instanceof ConflictError) {
        extra.currentVersion = error.current.version;
        if (current) extra.current = await current();
      }
      return problem(request, "conflict", status, detail, extra);
    }
    default: {
      const fields = error.fieldMessages();
      const errors = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t.text(v)]));
      const detail = Object.keys(errors).length ? undefined : t.text(error.message);
      return problem(request, "invalid", status, detail, Object.keys(errors).length ? { errors } : {});
    }
  }
}

/** Field messages of a zod refusal (the form's own messages), translated. */
export function invalidProblem(request: Request, errors: Record<string, string>): Response {
  const t = apiTranslator(request);
  return problem(request, "invalid", 400, undefined, { errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t.text(v)])) });
}

/**
 * Wraps an API loader or action: a thrown Response passes through, a
 * DomainError becomes problem details, anything else is a bug (rethrown, so
 * the server logs it and answers 500).
 */
export function apiHandler<A extends { request: Request }>(fn: (args: A) => Promise<Response>): (args: A) => Promise<Response> {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response) return error;
      if (error instanceof DomainError) return domainProblem(args.request, error);
      throw error;
    }
  };
}

/**
 * The request's JSON object body, as a form's values: numbers become the
 * strings a form field would hold ("1500.50"), so one zod schema (the form's)
 * reads both. Anything but a JSON object is a 400 problem.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw problem(request, "bad-request", 415, apiTranslator(request)("api.problem.unsupportedMediaType"));
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw problem(request, "bad-request", 400, apiTranslator(request)("api.problem.badJson"));
  return asFormValues(body) as Record<string, unknown>;
}

function asFormValues(value: unknown): unknown {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(asFormValues);
  if (value && typeof value === "object") {
    // Own keys only, into a prototype-less object: a "__proto__" key stays data.
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = asFormValues(v);
    return out;
  }
  return value;
}
