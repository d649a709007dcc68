import { createRemixHeaders } from "@remix-run/express/dist/server.js";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type express from "express";

// The Fetch Request Remix handles, built from Express's request. Unlike
// @remix-run/express's createRemixRequest, only reads (GET/HEAD) are aborted
// when the client goes away: a form post the server has started always runs
// to its end and records its outcome, even when the browser dropped it (a
// double click cancels the first navigation; a phone loses its signal).
// Otherwise the write could commit while Remix discards its redirect, and the
// user's repeat of the post would be treated as new.
export function createRemixRequest(req: express.Request, res: express.Response): Request {
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
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}
