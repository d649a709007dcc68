import { randomBytes } from "node:crypto";
import { hashPassword } from "../../app/auth/password.server";
import http from "node:http";
import { createCluster, freePort, type Cluster } from "./pg-cluster";
import { withPg, type Sql } from "./process-fixtures";
import { runScript, tempDataDir, TEST_SECRET_KEY, waitForOutput, type Run } from "./server-process";

// A deployment as docs/operations.md describes it, for acceptance tests:
// several Concord server processes (separate `scripts/server.ts` processes,
// each with its own data directory, as on separate machines) on one fresh
// PostgreSQL database, behind a round-robin proxy that says who the client is
// in X-Forwarded-For. Each server trusts the proxy (TRUST_PROXY=loopback).
//
//   const d = await startDeployment({ servers: 2 });
//   await d.fetch("/readyz", { client: "203.0.113.7" });   // round robin
//   await d.fetch("/sign-in", { backend: 1, method: "POST", form: {...} });
//   await d.stop();
//
// The proxy is this test's own, written with node:http so it does exactly
// what a test needs to see: no retries, no keep-alive to the servers (like
// nginx's default), every answer and every failure recorded per server.

/** Ports of this harness (apart from the 3840-3899 the other process tests use). */
const PORTS: [number, number] = [3700, 3789];

export type ServerProcess = { index: number; port: number; run: Run; dataDir: string };

export type ProxyAnswer = { port: number; method: string; path: string; status: number };
export type ProxyFailure = { port: number; method: string; path: string; error: string };

export type RoundRobinProxy = {
  port: number;
  origin: string;
  /** Every answer a server gave through the proxy, in order. */
  answers: ProxyAnswer[];
  /** Every request the proxy could not complete (connection refused or cut): these would be a user's errors. */
  failures: ProxyFailure[];
  /** Takes a server out of the rotation (as a load balancer does before a server stops); pinned requests still reach it. */
  remove(port: number): void;
  /** Requests to that server whose connection is open and whose answer has not ended. */
  inFlight(port: number): number;
  /** Requests to that server still opening their connection. */
  connecting(port: number): number;
  close(): Promise<void>;
};

// Request headers the proxy reads and removes: the client address it puts in
// X-Forwarded-For (default: the socket's, like nginx's $remote_addr), and a
// server port to send this request to instead of the next in turn.
export const CLIENT_HEADER = "x-test-client";
export const BACKEND_HEADER = "x-test-backend";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te", "trailer"]);

export async function startRoundRobinProxy(targets: number[], port?: number): Promise<RoundRobinProxy> {
  const rotation = [...targets];
  let turn = 0;
  const answers: ProxyAnswer[] = [];
  const failures: ProxyFailure[] = [];
  const open = new Map<number, number>();
  const opening = new Map<number, number>();
  const bump = (map: Map<number, number>, key: number, by: number) => map.set(key, (map.get(key) ?? 0) + by);

  const server = http.createServer((req, res) => {
    const pinned = Number(req.headers[BACKEND_HEADER]);
    const client = String(req.headers[CLIENT_HEADER] ?? req.socket.remoteAddress ?? "");
    const target = Number.isInteger(pinned) && pinned > 0 ? pinned : rotation[turn++ % Math.max(1, rotation.length)];
    const path = req.url ?? "/";
    const method = req.method ?? "GET";
    if (!target) {
      res.writeHead(503).end("no server in rotation");
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name !== CLIENT_HEADER && name !== BACKEND_HEADER && !HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    // As nginx's $proxy_add_x_forwarded_for: what the client sent, then the client.
    const forwarded = req.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${String(forwarded)}, ${client}` : client;
    headers["x-forwarded-proto"] = "http";
    if (req.headers["transfer-encoding"]) headers["transfer-encoding"] = req.headers["transfer-encoding"];
    headers.connection = "close";

    let settled = false;
    let connected = false;
    bump(opening, target, 1);
    const upstream = http.request({ host: "127.0.0.1", port: target, method, path, headers, agent: false });
    const settle = () => {
      if (settled) return;
      settled = true;
      if (connected) bump(open, target, -1);
      else bump(opening, target, -1);
    };
    upstream.on("socket", (socket) => {
      socket.once("connect", () => {
        if (settled) return;
        connected = true;
        bump(opening, target, -1);
        bump(open, target, 1);
      });
    });
    upstream.on("response", (answer) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.on("end", () => {
        answers.push({ port: target, method, path, status: answer.statusCode ?? 0 });
        settle();
      });
      answer.on("error", (error) => {
        failures.push({ port: target, method, path, error: `answer cut: ${error.message}` });
        settle();
        res.destroy();
      });
    });
    upstream.on("error", (error) => {
      failures.push({ port: target, method, path, error: error.message });
      settle();
      if (!res.headersSent) res.writeHead(502).end("bad gateway");
      else res.destroy();
    });
    req.pipe(upstream);
  });
  const listenPort = port ?? (await freePort(...PORTS));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve());
  });
  return {
    port: listenPort,
    origin: `http://127.0.0.1:${listenPort}`,
    answers,
    failures,
    remove(p) {
      const i = rotation.indexOf(p);
      if (i >= 0) rotation.splice(i, 1);
    },
    inFlight: (p) => open.get(p) ?? 0,
    connecting: (p) => opening.get(p) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh, empty PostgreSQL database: on TEST_DATABASE_URL's server when there is one, else on a throw-away cluster. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    const cluster: Cluster = await createCluster();
    return { url: cluster.url(), drop: async () => cluster.destroy() };
  }
  const name = `concord_mp_${randomBytes(6).toString("hex")}`;
  await withPg(admin, (sql) => sql(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withPg(admin, (sql) => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export type StartServersOptions = {
  databaseUrl: string;
  /** What users reach the deployment at (the proxy's origin). */
  publicOrigin: string;
  ports: number[];
  /** Settings for every server (CONCORD_SECRET_KEY and TRUST_PROXY have defaults). */
  env?: Record<string, string>;
  /** Settings for one server, over `env`. */
  envFor?: (index: number) => Record<string, string>;
};

/**
 * Starts one `scripts/server.ts` per port. The first applies the migrations
 * (`--migrate`, as `npm start` does once) before the others start.
 */
export async function startServers(opts: StartServersOptions): Promise<ServerProcess[]> {
  const start = (index: number): ServerProcess => {
    const dataDir = tempDataDir();
    const run = runScript("scripts/server.ts", index === 0 ? ["--migrate"] : [], {
      DATABASE_URL: opts.databaseUrl,
      CONCORD_DATA_DIR: dataDir,
      PORT: String(opts.ports[index]),
      PUBLIC_ORIGIN: opts.publicOrigin,
      CONCORD_SECRET_KEY: TEST_SECRET_KEY,
      TRUST_PROXY: "loopback",
      CONCORD_POOL_SIZE: "4",
      ...opts.env,
      ...opts.envFor?.(index),
    });
    return { index, port: opts.ports[index], run, dataDir };
  };
  const servers: ServerProcess[] = [];
  try {
    servers.push(start(0));
    await waitForOutput(servers[0].run, /Concord listening/, 120_000);
    for (let i = 1; i < opts.ports.length; i++) servers.push(start(i));
    await Promise.all(servers.slice(1).map((s) => waitForOutput(s.run, /Concord listening/, 120_000)));
    return servers;
  } catch (error) {
    for (const s of servers) s.run.child.kill("SIGKILL");
    throw error;
  }
}

/** Sends `signal` and waits for the process to exit (SIGKILL after `timeoutMs`). */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 20_000) {
  if (server.run.child.exitCode !== null || server.run.child.signalCode !== null) return server.run.exited;
  server.run.child.kill(signal);
  const timer = setTimeout(() => server.run.child.kill("SIGKILL"), timeoutMs);
  try {
    return await server.run.exited;
  } finally {
    clearTimeout(timer);
  }
}

export type FetchOptions = {
  method?: "GET" | "POST";
  /** The client address the proxy gives the servers in X-Forwarded-For. */
  client?: string;
  /** Send this request to the server of this index instead of the next in turn. */
  backend?: number;
  cookie?: string;
  /** A url-encoded form body (POST); the Origin header is set to the deployment's. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
};

export type Deployment = {
  databaseUrl: string;
  servers: ServerProcess[];
  proxy: RoundRobinProxy;
  origin: string;
  /** A request through the proxy (redirects are not followed). */
  fetch(path: string, options?: FetchOptions): Promise<Response>;
  /** SQL on the deployment's database. */
  sql<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Every server's output, for a failure message. */
  output(): string;
  stop(): Promise<void>;
};

/**
 * `servers` server processes on a fresh PostgreSQL database behind a
 * round-robin proxy. `stop()` stops everything and drops the database.
 */
export async function startDeployment(opts: { servers?: number; env?: Record<string, string>; envFor?: (index: number) => Record<string, string> } = {}): Promise<Deployment> {
  const count = opts.servers ?? 2;
  const db = await freshDatabase();
  const ports: number[] = [];
  let servers: ServerProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  try {
    while (ports.length < count + 1) {
      const port = await freePort(...PORTS);
      if (!ports.includes(port)) ports.push(port);
    }
    const [proxyPort, ...serverPorts] = ports;
    const origin = `http://127.0.0.1:${proxyPort}`;
    servers = await startServers({ databaseUrl: db.url, publicOrigin: origin, ports: serverPorts, env: opts.env, envFor: opts.envFor });
    proxy = await startRoundRobinProxy(serverPorts, proxyPort);
  } catch (error) {
    for (const s of servers) s.run.child.kill("SIGKILL");
    await proxy?.close();
    await db.drop().catch(() => undefined);
    throw error;
  }
  const theProxy = proxy;
  return {
    databaseUrl: db.url,
    servers,
    proxy: theProxy,
    origin: theProxy.origin,
    fetch(path, options = {}) {
      const headers: Record<string, string> = { Accept: "text/html", ...options.headers };
      if (options.client) headers[CLIENT_HEADER] = options.client;
      if (options.backend !== undefined) headers[BACKEND_HEADER] = String(servers[options.backend].port);
      if (options.cookie) headers.Cookie = options.cookie;
      let body: string | undefined;
      if (options.form) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        headers.Origin = theProxy.origin;
        body = new URLSearchParams(options.form).toString();
      }
      return fetch(`${theProxy.origin}${path}`, { method: options.method ?? (options.form ? "POST" : "GET"), headers, body, redirect: "manual" });
    },
    sql: (fn) => withPg(db.url, fn),
    output: () => servers.map((s) => `--- server ${s.index} (port ${s.port}):\n${s.run.output()}`).join("\n"),
    async stop() {
      await Promise.all(servers.map((s) => stopServer(s)));
      await theProxy.close();
      await db.drop();
    },
  };
}

/** The session cookie (name=value) an answer sets, or null. */
export function sessionCookieOf(response: Response): string | null {
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(";")[0];
    if (/^(__Host-)?concord_session=./.test(pair)) return pair;
  }
  return null;
}

/** Waits until `check` holds (polling), or fails naming `what`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A user of the deployment, written straight to its database (a partner is for Belarus). */
export async function createUser(sql: Sql, role: "ADMIN" | "STAFF" | "PARTNER", password?: string): Promise<{ id: string; email: string }> {
  const id = `mp${randomBytes(8).toString("hex")}`;
  const email = `${id}@multi-process.test`;
  await sql(`INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, 'Multi Process', $3::"Role", $4, now())`, [
    id,
    email,
    role,
    password ? await hashPassword(password) : null,
  ]);
  if (role === "PARTNER") await sql(`INSERT INTO "UserCountry" ("userId", "countryCode") VALUES ($1, 'BY')`, [id]);
  return { id, email };
}

/** A session as sign-in leaves it (password given, second factor still owed unless `mfaVerified`). */
export async function createSession(sql: Sql, userId: string, mfaVerified: boolean): Promise<string> {
  const id = randomBytes(20).toString("hex");
  await sql(`INSERT INTO "Session" (id, "userId", "expiresAt", "mfaVerified") VALUES ($1, $2, now() + interval '1 hour', $3)`, [id, userId, mfaVerified]);
  return `concord_session=${id}`;
}
