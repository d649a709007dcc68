// The bare yardstick served the way Concord's scripts/server.ts serves Concord:
// Express, compression, the static build directory, Remix's request handler,
// production mode, on HOST:PORT. No database, no sessions, no security headers:
// what is left is the framework's own cost of a page.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

const build = await import(pathToFileURL(path.resolve("build", "index.js")).href);
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.get("/healthz", (_req, res) => res.type("text/plain").send("ok"));
app.all("*", createRequestHandler({ build, mode: "production" }));

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 3976);
const server = app.listen(port, host, () => console.log(`bare Remix listening on http://${host}:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
