// Concord's HTTP server: Express in front of the Remix build.
//   tsx scripts/server.ts [--migrate] [--seed-if-empty]
// It owns the process lifecycle: it opens the database (taking the embedded
// database's lock), and on SIGTERM/SIGINT it stops accepting connections, lets
// in-flight requests finish (up to 7 s), closes the database and exits
// (within 9 s at most). See docs/operations.md.
import { sendRemixResponse } from "@remix-run/express/dist/server.js";
import { broadcastDevReady, createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import cluster from "node:cluster";
import express from "express";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { isSignedInExchange } from "../app/auth/session.server";
import { startJobWorker, stopJobWorker } from "../app/jobs/worker.server";
import { settleSubmission } from "../app/models/form-submission.server";
import { sweepStaleUploads } from "../app/models/file-store.server";
import { checkBlobStore } from "../app/storage/blob-store.server";
import { DataDirLockedError } from "../app/utils/data-dir-lock.server";
import { closeDatabase, databaseKind, getEmbedded, prisma } from "../app/utils/db.server";
import { seedCountries } from "../prisma/seed/countries";
import { ConfigurationError, embeddedDatabaseDir, env, publicOrigin, requireServerSettings, trustProxy } from "../app/utils/env.server";
import { migrateDatabase } from "../app/utils/migrate.server";
import { createRequestContext, installRequestIdLogging, newRequestId, runWithRequestContext } from "../app/utils/request-context.server";
import { crossSiteRefusal, isForeignOrigin, newNonce, securityHeaders } from "../app/utils/security-headers.server";
import { bodyLimitFor } from "../app/utils/limits";
import { createRemixRequest } from "./lib/remix-request";
import { refuseTooLarge, requestGuards } from "./lib/request-guards";
import { databaseUnavailableResponse, stylesheetOf } from "./lib/unavailable";

const { values: flags } = parseArgs({
  options: { migrate: { type: "boolean" }, "seed-if-empty": { type: "boolean" } },
});

// In-flight requests get this long to finish after SIGTERM (a large report
// under load takes a few seconds); then connections are cut, the database is
// closed, and the process is gone well within the 10 s orchestrators allow.
const SHUTDOWN_GRACE_MS = 7_000;
const SHUTDOWN_HARD_LIMIT_MS = 9_000;

/** The response with one header set (a Response built by fetch has immutable headers: copied then). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * Remix's answer to a failed data request ({ message: "Unexpected Server
 * Error" } in production, nothing internal) with the request id added to the
 * message: the browser turns the message into the Error its error page reads
 * the id from (app/root.tsx), so the page names this request, not the page's
 * earlier one.
 */
async function withRequestIdInError(response: Response, requestId: string): Promise<Response> {
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  const message = typeof body.message === "string" ? body.message : "Unexpected Server Error";
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(JSON.stringify({ ...body, message: `${message} [request ${requestId}]` }), { status: 500, headers });
}

async function seedDemoIfEmpty() {
  // Loaded only here, so a production server never loads the seed code.
  const { isPortfolioEmpty, seedDemoPortfolio } = await import("../app/models/seed.server");
  if (!(await isPortfolioEmpty())) return;
  console.log("Empty database: loading the demo portfolio…");
  console.log(`Demo portfolio loaded: ${JSON.stringify(await seedDemoPortfolio())}`);
}

async function main() {
  const config = env();
  // Before anything else: on PostgreSQL the shared secret key and the public
  // origin are required; a production server without PUBLIC_ORIGIN stops here.
  requireServerSettings();
  const origin = publicOrigin();
  // Every line logged while a request is handled starts with its id.
  installRequestIdLogging();
  // Open the database first: a second process on the same embedded data
  // directory stops here, before it can touch anything.
  if (databaseKind() === "embedded") await getEmbedded();
  if (flags.migrate) {
    const { applied } = await migrateDatabase();
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    // Countries are reference data (ISO 3166-1 from i18n-iso-countries): every database needs them.
    await seedCountries(prisma);
  }
  if (flags["seed-if-empty"]) await seedDemoIfEmpty();
  // Files on disk that a database or S3 store does not hold stop the start (npm run blobs:import).
  await checkBlobStore();
  // This machine's temporary files of uploads a killed process never finished. The hourly
  // sweep job runs on one process of the deployment; on several machines each also cleans
  // its own disk when a process starts (a killed process is restarted on the same machine).
  const removed = await sweepStaleUploads().catch(() => 0);
  if (removed) console.log(`Removed ${removed} temporary upload file(s) left by an interrupted upload`);
  // Mail and the hourly sweeps (docs/decisions/0014-job-queue.md).
  startJobWorker({ concurrency: config.CONCORD_JOB_CONCURRENCY });

  const buildPath = path.resolve("build", "index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  let shuttingDown = false;
  const app = express();
  app.disable("x-powered-by");
  // Who the client is (req.ip, req.secure): the socket's peer unless TRUST_PROXY
  // names the proxies whose X-Forwarded-For / -Proto are believed (Express's
  // own "trust proxy", i.e. proxy-addr). Sign-in throttling, sessions and the
  // audit trail all take the address from here.
  try {
    app.set("trust proxy", trustProxy());
  } catch (error) {
    throw new ConfigurationError(`TRUST_PROXY: ${(error as Error).message} (e.g. "loopback", "10.0.0.0/8, 192.168.1.5", or a hop count such as "1").`);
  }
  app.use(compression());
  const https = config.PUBLIC_ORIGIN?.startsWith("https://") ?? false;
  app.use((req, res, next) => {
    // Each request gets its id first, so every answer (even a 403 or 413) carries it.
    const requestId = newRequestId();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    // Filled in just before the head is written, and only where the response
    // has not set its own (a download sends a stricter sandbox CSP): the Remix
    // adapter appends headers, so setting them here first would duplicate them.
    const defaults = securityHeaders(nonce, https || req.secure);
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      for (const [name, value] of Object.entries(defaults)) if (!this.hasHeader(name)) this.setHeader(name, value);
      // Answers finished after SIGTERM close their connection instead of keeping it alive.
      if (shuttingDown) this.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    if (isForeignOrigin(req.method, req.get("origin"), req.get("host"), config.PUBLIC_ORIGIN)) {
      res.status(403).type("text/plain").send(crossSiteRefusal(req.get("cookie"), req.get("accept-language")));
      return;
    }
    next();
  });
  // Methods no route takes (405) and bodies over their limit (413), before anything reads them.
  app.use(requestGuards);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // The other files of public/ (favicon.ico...) are known when the server
  // starts: only a path under one of them reaches the static handler, instead
  // of every page costing a stat() of public/<path> that finds nothing (3% of
  // the sign-in page's CPU under load).
  const publicFiles = new Set(fs.readdirSync("public").filter((name) => name !== "build"));
  const servePublic = express.static("public", {
    maxAge: "1h",
    setHeaders(res, file) {
      // The service worker (issue 20) is checked for an update on every page
      // load; the browser must not keep an old one for an hour.
      if (path.basename(file) === "sw.js" && path.dirname(file) === path.resolve("public")) {
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("Service-Worker-Allowed", "/");
      }
      if (file.endsWith(".webmanifest")) res.setHeader("Content-Type", "application/manifest+json; charset=utf-8");
    },
  });
  app.use((req, res, next) => (publicFiles.has(req.path.split("/", 2)[1]!) ? servePublic(req, res, next) : next()));

  const handleRemix = createRequestHandler(build, config.NODE_ENV);
  const stylesheet = stylesheetOf(build);
  app.all("*", async (req, res, next) => {
    // A body without a declared length is counted as Remix reads it.
    const maxBytes = bodyLimitFor(req.path);
    let tooLarge = false;
    try {
      const request = createRemixRequest(req, res, { maxBytes, onTooLarge: () => (tooLarge = true) });
      const context = createRequestContext({
        request,
        requestId: String(res.locals.requestId),
        clientIp: req.ip ?? null,
        userAgent: req.get("user-agent") ?? null,
      });
      // Routes read these three by name (context.clientIp, …); the model layer reads the same request context.
      const loadContext = {
        clientIp: context.clientIp,
        requestId: context.requestId,
        userAgent: context.userAgent,
        cspNonce: String(res.locals.cspNonce ?? ""),
        dataRequest: new URL(req.originalUrl, "http://concord.invalid").searchParams.has("_data"),
      };
      let response = await runWithRequestContext(context, async () => {
        const answer = await handleRemix(request, loadContext);
        // Before the answer leaves: a double-submit key claimed by this request
        // learns where it led (or is freed). See app/models/form-submission.server.ts.
        if (context.submission.claimed) await settleSubmission(context.submission, answer).catch(() => undefined);
        return answer;
      });
      if (tooLarge) {
        await response.body?.cancel().catch(() => undefined);
        if (!res.destroyed) refuseTooLarge(req, res, maxBytes);
        return;
      }
      // The database was unreachable: 503 and a friendly page, never a 500.
      if (response.status >= 500 && context.databaseUnavailable) {
        await response.body?.cancel().catch(() => undefined);
        response = databaseUnavailableResponse(request, stylesheet);
      } else if (response.status === 500 && response.headers.get("X-Remix-Error") === "yes") {
        // A data request that failed: the browser's error page shows this
        // request's id (not the page's earlier one), so a user can quote it.
        response = await withRequestIdInError(response, context.requestId);
      }
      // Everything answered to a signed-in person stays out of every cache (pages, ?_data JSON, downloads).
      if (isSignedInExchange(req.get("cookie"), response.headers.getSetCookie())) {
        response = withHeader(response, "Cache-Control", "private, no-store");
      }
      // The client may have gone while a post was finishing: nobody to answer.
      if (res.destroyed) {
        await response.body?.cancel().catch(() => undefined);
        return;
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      if (res.destroyed) return;
      if (tooLarge) return refuseTooLarge(req, res, maxBytes);
      next(error);
    }
  });

  const server = app.listen(config.PORT, config.HOST, () => {
    const where = databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${embeddedDatabaseDir()}`;
    const worker = cluster.isWorker ? ` — process ${process.pid}` : "";
    console.log(`Concord listening on http://${config.HOST}:${config.PORT} — ${where}${config.CONCORD_DEMO ? " — DEMO MODE" : ""} — links in e-mail go to ${origin}${worker}`);
    if (config.NODE_ENV === "development") void broadcastDevReady(build);
  });

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal} received: finishing requests and closing the database`);
    const hardStop = setTimeout(() => {
      console.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, SHUTDOWN_HARD_LIMIT_MS);
    hardStop.unref();
    // New connections are refused from here on. A request already read from
    // a kept-alive connection is served (its answer says Connection: close);
    // idle connections are closed. The sweep runs in the check phase, after
    // the poll phase has read what clients already sent: under load, a
    // request waiting in a socket buffer is served rather than reset.
    server.close();
    const sweep = () => server.closeIdleConnections();
    setImmediate(sweep);
    const idleSweep = setInterval(() => setImmediate(sweep), 100);
    idleSweep.unref();
    const drainTimer = setTimeout(() => {
      console.warn("Requests still running after the grace period were cut off.");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    drainTimer.unref();
    server.once("close", () => {
      clearInterval(idleSweep);
      clearTimeout(drainTimer);
      // Running jobs finish (or their lease lets another process take them) before the database closes.
      void stopJobWorker()
        .then(closeDatabase)
        .finally(() => {
          clearTimeout(hardStop);
          console.log("Shut down cleanly.");
          process.exit(0);
        });
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`Concord cannot start: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof DataDirLockedError) {
    console.error(`Concord cannot start: ${error.message}`);
    process.exit(3);
  }
  console.error(error);
  await closeDatabase();
  process.exit(1);
});
