import type express from "express";
import { apiTranslator, isApiPath, PROBLEM_TYPE, problemBody, type ProblemCode } from "../../app/utils/api-response.server";
import { plainRefusal } from "../../app/utils/security-headers.server";
import { bodyLimitFor } from "../../app/utils/limits";

// Refusals the server answers itself, before a request reaches Remix or a
// byte of its body is read: a method no route takes (405, instead of the
// 500 that Fetch's Request threw for TRACE), and a body over the limit of
// its route (413; limits in app/utils/limits.ts). A body that declares no
// length (chunked) is counted as it streams, in createRemixRequest.

/** The only methods Concord's routes answer: pages and data (GET, HEAD) and form posts (POST). */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
/** The JSON API (/api/v1) also changes records with PATCH (issue 19, ADR 0041); its routes answer any other method 405 themselves. */
export const API_METHODS = [...ALLOWED_METHODS, "PATCH"] as const;

/** The methods a path's routes take. */
export function allowedMethods(path: string): readonly string[] {
  return path.startsWith("/api/v1/") ? API_METHODS : ALLOWED_METHODS;
}

/**
 * A refusal of a request to the JSON API, as the API refuses (RFC 9457
 * problem details in the Accept-Language's language), where a page's request
 * gets a line of plain text.
 */
function sendApiProblem(req: express.Request, res: express.Response, code: ProblemCode, status: number, detail: (t: ReturnType<typeof apiTranslator>) => string): void {
  const request = new Request(new URL(req.originalUrl, "http://concord.invalid"), { headers: { "accept-language": req.get("accept-language") ?? "" } });
  res
    .status(status)
    .type(`${PROBLEM_TYPE}; charset=utf-8`)
    .send(JSON.stringify(problemBody(request, code, status, detail(apiTranslator(request)))));
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** How long the rest of a refused body may keep arriving (discarded) before the connection is cut. */
const DISCARD_MS = 5_000;

/**
 * Answers 413 at once. The rest of the body is then discarded as it arrives
 * (never kept), so the client, still sending, reads the answer instead of a
 * connection reset; a body that has not ended DISCARD_MS later has its
 * connection cut.
 */
export function refuseTooLarge(req: express.Request, res: express.Response, limit: number): void {
  res.once("finish", () => {
    if (req.complete) return;
    req.resume();
    const cut = setTimeout(() => req.socket.destroy(), DISCARD_MS);
    cut.unref();
    req.once("end", () => clearTimeout(cut));
    req.socket.once("close", () => clearTimeout(cut));
  });
  res.set({ "Cache-Control": "no-store" });
  if (isApiPath(req.path)) return sendApiProblem(req, res, "too-large", 413, (t) => t("common.error.tooLarge", { limit: megabytes(limit) }));
  res
    .status(413)
    .type("text/plain")
    .send(plainRefusal("common.error.tooLarge", req.get("cookie"), req.get("accept-language"), { limit: megabytes(limit) }));
}

export const requestGuards: express.RequestHandler = (req, res, next) => {
  const allowed = allowedMethods(req.path);
  if (!allowed.includes(req.method)) {
    res.set({ Allow: allowed.join(", "), "Cache-Control": "no-store" });
    if (isApiPath(req.path)) return sendApiProblem(req, res, "method-not-allowed", 405, (t) => t("common.error.methodNotAllowed"));
    res
      .status(405)
      .type("text/plain")
      .send(plainRefusal("common.error.methodNotAllowed", req.get("cookie"), req.get("accept-language")));
    return;
  }
  const limit = bodyLimitFor(req.path);
  const declared = req.get("content-length");
  if (declared !== undefined && !(Number(declared) <= limit)) {
    refuseTooLarge(req, res, limit);
    return;
  }
  next();
};
