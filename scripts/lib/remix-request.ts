import { createRemixHeaders } from "@remix-run/express/dist/server.js";
import type express from "express";

// The Fetch Request Remix handles, built from Express's request. Unlike
// @remix-run/express's createRemixRequest, only reads (GET/HEAD) are aborted
// when the client goes away: a form post the server has started always runs
// to its end and records its outcome, even when the browser dropped it (a
// double click cancels the first navigation; a phone loses its signal).
// Otherwise the write could commit while Remix discards its redirect, and the
// user's repeat of the post would be treated as new.
export function createRemixRequest(
  req: express.Request,
  res: express.Response,
  body: { maxBytes: number; onTooLarge: () => void } = { maxBytes: Number.POSITIVE_INFINITY, onTooLarge: () => undefined },
): Request {
  const [, hostnamePort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = Number.isSafeInteger(Number.parseInt(hostnamePort, 10))
    ? Number.parseInt(hostnamePort, 10)
    : Number.isSafeInteger(Number.parseInt(hostPort, 10))
      ? Number.parseInt(hostPort, 10)
      : "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: createRemixHeaders(req.headers) };
  if (req.method === "GET" || req.method === "HEAD") {
    let controller: AbortController | null = new AbortController();
    init.signal = controller.signal;
    res.on("finish", () => (controller = null));
    res.on("close", () => controller?.abort());
  } else {
    init.body = limitedBody(req, body.maxBytes, body.onTooLarge);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request's body as a stream that errors as soon as more than `maxBytes`
 * arrived (a chunked body declares no length up front). It stops reading
 * there but leaves the connection open, so the server can still answer 413
 * (then closes it; see refuseTooLarge in scripts/lib/request-guards.ts).
 */
function limitedBody(req: express.Request, maxBytes: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let size = 0;
  let done = false;
  let onData: (chunk: Buffer) => void = () => undefined;
  const stop = () => {
    done = true;
    req.off("data", onData);
    req.pause();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (fn: () => void) => {
        if (done) return;
        stop();
        fn();
      };
      onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) {
          onTooLarge();
          finish(() => controller.error(new BodyTooLargeError(maxBytes)));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      };
      req.on("data", onData);
      req.once("end", () => finish(() => controller.close()));
      req.once("error", (error) => finish(() => controller.error(error)));
    },
    pull() {
      if (!done) req.resume();
    },
    // Not destroyed: destroying the request would cut the connection before any answer.
    cancel: stop,
  });
}
