import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import "~/i18n/catalogues.server"; // registers every language's messages for server rendering
import { isDatabaseUnavailable, markDatabaseUnavailable } from "~/utils/errors.server";
import { apiNotFound, isApiPath } from "~/utils/api-response.server";
import { NonceProvider } from "~/utils/nonce";
import { USER_HEADER } from "~/offline/cache-rules";

const ABORT_DELAY = 5_000;

function rootOfflineKey(remixContext: EntryContext): string | null {
  const root = remixContext.staticHandlerContext.loaderData?.root as { offlineKey?: unknown } | undefined;
  return typeof root?.offlineKey === "string" ? root.offlineKey : null;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // An address under /api that no route matches: the API's client gets a
  // problem (RFC 9457) like every other API refusal, not the HTML 404 page.
  if (responseStatusCode === 404 && isApiPath(new URL(request.url).pathname)) return apiNotFound(request);
  const nonce = loadContext.cspNonce || undefined;
  // The whole document, then one write. Concord's loaders return their data
  // whole (no `defer`), so nothing would stream after the shell anyway, and
  // streaming cost: the Express adapter flushes the compressor after every
  // chunk React writes (about 2 kB), so a 150 kB page was compressed in some
  // 75 pieces, each ending in a full flush (issue 16; 20% of the programme
  // page's server CPU with gzip, docs/performance.md).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        // Issue 20: whose page this is, for the service worker (it keeps a
        // page only in the cache of the account named here; a page without
        // it was made for nobody signed in). The same key as <meta name="concord-user">.
        const offlineKey = rootOfflineKey(remixContext);
        if (offlineKey) responseHeaders.set(USER_HEADER, offlineKey);
        else responseHeaders.delete(USER_HEADER);
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; errors before it go to reject above.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY).unref();
  });
}

let lastOutageLog = 0;

/**
 * Every server-side error passes here before Remix answers. An unreachable
 * database is not a bug: the request is marked so scripts/server.ts answers
 * 503 with the friendly page (one place for that mapping), and it is logged
 * as one line at most every 10 s instead of a stack trace per request.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (isDatabaseUnavailable(error)) {
    markDatabaseUnavailable(request);
    const now = Date.now();
    if (now - lastOutageLog > 10_000) {
      lastOutageLog = now;
      console.warn(`Database unreachable (answering 503 until it is back): ${error instanceof Error ? error.message.split("\n").pop() : String(error)}`);
    }
    return;
  }
  if (request.signal.aborted) return;
  // A body past its limit stopped being read (scripts/lib/remix-request.ts):
  // the server answers 413 instead, nothing to log.
  if (error instanceof Error && error.name === "BodyTooLargeError") return;
  // 4xx answers (a POST to a page without an action, a bad _data id) are the
  // client's mistake: logging a stack for each would let anyone flood the log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error);
}
