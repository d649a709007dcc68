import { requestTranslator } from "~/i18n/request.server";
import { DomainError, domainErrorResponse } from "./errors.server";

/**
 * Wraps a loader or action so that a model's refusal (DomainError) becomes
 * the response domainErrorResponse gives it, thrown so the route's error page
 * shows it (404 not found, 403 forbidden, 429 rate limited, ...). Forms that
 * want invalid / conflict / has_dependents next to the fields go through
 * runAction (action.server.ts), which answers those itself.
 *
 * Remix has no middleware for this (the classic compiler's handleError cannot
 * change a status), so each route that calls a model wraps its exports:
 *   export const loader = (PURE) withDomainErrors(async function loader({ request }: LoaderFunctionArgs) { ... });
 * where (PURE) is esbuild's `@__PURE__` annotation comment.
 * The wrapped function keeps its type, so useLoaderData<typeof loader> is unchanged.
 *
 * The PURE mark is needed: in the browser build this module is empty, and
 * esbuild (0.17, the classic compiler's) keeps a top-level call it cannot
 * prove harmless, so without the mark every route module would call
 * `undefined` on load. With it, the unused loader and its imports are dropped
 * as they are for a plain function. tests/unit/route-domain-errors.test.ts checks the mark.
 */
export function withDomainErrors<A extends { request: Request }, R>(fn: (args: A) => Promise<R>): (args: A) => Promise<R> {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof DomainError) throw domainErrorResponse(error, await requestTranslator(args.request));
      throw error;
    }
  };
}
