import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { message } from "~/i18n/translate";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DependentsError, DomainError, domainErrorResponse, domainErrorStatus, forbiddenError, notFoundError, type DomainErrorCode } from "~/utils/errors.server";
import { withDomainErrors } from "~/utils/respond.server";

// Models throw DomainError; domainErrorResponse is the one place that turns it
// into a response, and withDomainErrors is how loaders and actions use it
// (issue 15, point 2).

const ru = serverTranslator("ru");
const en = serverTranslator("en");

describe("domainErrorResponse", () => {
  it("answers each code with its status", () => {
    const expected: Record<DomainErrorCode, number> = {
      not_found: 404,
      invalid: 400,
      conflict: 409,
      has_dependents: 409,
      forbidden: 403,
      rate_limited: 429,
      too_large: 413,
    };
    for (const [code, status] of Object.entries(expected) as [DomainErrorCode, number][]) {
      const error = new DomainError(code, "refused");
      expect(domainErrorStatus(error), code).toBe(status);
      expect(domainErrorResponse(error, en).status, code).toBe(status);
    }
  });

  it("gives the message in the reader's language", async () => {
    expect(await domainErrorResponse(notFoundError("Agreement not found"), ru).text()).toBe(ru("common.error.notFound.text"));
    expect(await domainErrorResponse(forbiddenError(), ru).text()).toBe(ru("common.error.forbidden.text"));
    expect(await domainErrorResponse(new DomainError("invalid", message("agreements.error.activeProgramme")), ru).text()).toBe(
      ru("agreements.error.activeProgramme"),
    );
    const dependents = new DependentsError([{ type: "amendment", title: "No. 1" }]);
    expect(await domainErrorResponse(dependents, ru).text()).toBe(dependents.describe(ru));
    expect(dependents.describe(ru)).not.toBe(dependents.describe(en));
  });

  it("tells a rate-limited client when to come back", () => {
    const response = domainErrorResponse(new DomainError("rate_limited", "Too many", { retryAfterSeconds: 90.2 }), en);
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("91");
  });

  it("carries field messages", () => {
    const error = new DomainError("invalid", "Check the form", { field: "title", fields: { code: "Taken" } });
    expect(error.fieldMessages()).toEqual({ code: "Taken", title: "Check the form" });
    expect(new DomainError("invalid", "Whole form").fieldMessages()).toEqual({});
  });
});

describe("withDomainErrors", () => {
  const request = new Request("http://localhost/agreements/x", { headers: { "Accept-Language": "ru" } });

  it("throws a model's refusal as the mapped response, so the error page shows its status", async () => {
    const loader = withDomainErrors(async (_: { request: Request }) => {
      throw notFoundError("Agreement not found");
    });
    const thrown = await loader({ request }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe(ru("common.error.notFound.text"));
  });

  it("leaves results, responses and other errors alone", async () => {
    expect(await withDomainErrors(async (_: { request: Request }) => 42)({ request })).toBe(42);
    const redirect = new Response(null, { status: 302, headers: { Location: "/" } });
    expect(await withDomainErrors(async (_: { request: Request }) => Promise.reject(redirect))({ request }).catch((e: unknown) => e)).toBe(redirect);
    const bug = new TypeError("a bug");
    expect(await withDomainErrors(async (_: { request: Request }) => Promise.reject(bug))({ request }).catch((e: unknown) => e)).toBe(bug);
  });
});

describe("route modules", () => {
  const dir = path.resolve(__dirname, "../../app/routes");
  // Routes on the sign-in and session path: their models refuse through
  // runAction (invalid) only, and another part of issue 15 rewrites them.
  const SESSION_PATH = /^(sign-in|sign-out|account\.|forgot-password|reset-password|invitations\.)/;
  const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f));

  it("every loader and action that calls a model maps its refusals (withDomainErrors)", () => {
    const unwrapped = files.filter((f) => {
      if (SESSION_PATH.test(f)) return false;
      const source = fs.readFileSync(path.join(dir, f), "utf8");
      return /from "~\/(models|reports)\//.test(source) && /^export (async )?function (loader|action)\b/m.test(source);
    });
    expect(unwrapped).toEqual([]);
  });

  it("marks each wrapped export pure, so the browser build drops it with its server imports", () => {
    const unmarked = files.filter((f) => {
      const source = fs.readFileSync(path.join(dir, f), "utf8");
      return /= withDomainErrors\(/.test(source);
    });
    expect(unmarked).toEqual([]);
  });
});
