import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, freePort, type Cluster } from "./pg-cluster";
import { createStaffSession, withPg } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput, type Run } from "./server-process";

// Issue 5 item 8: PostgreSQL goes away under a running server and comes back.
// The server must answer 503 with a friendly page (not 500, not a stack
// trace), keep running, and serve pages again by itself once the database
// returns. The cluster is this test's own, so stopping it disturbs no one.

const built = fs.existsSync("build/index.js");
const FRIENDLY = "Concord cannot reach its database just now; your work is safe";

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(built)("database outage", () => {
  let cluster: Cluster;
  let server: Run;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    cluster = await createCluster();
    try {
      const port = await freePort(3840, 3869);
      base = `http://127.0.0.1:${port}`;
      server = runScript("scripts/server.ts", ["--migrate"], {
        DATABASE_URL: cluster.url(),
        CONCORD_DATA_DIR: tempDataDir(),
        PORT: String(port),
      });
      await waitForOutput(server, /Concord listening/);
      ({ cookie } = await withPg(cluster.url(), createStaffSession));
    } catch (error) {
      server?.child.kill("SIGKILL");
      cluster.destroy();
      throw error;
    }
  }, 90_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
    cluster?.destroy();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { Cookie: cookie, Accept: "text/html", ...headers }, redirect: "manual" });

  it("answers 503 with a friendly page while PostgreSQL is down and recovers by itself", async () => {
    // Up: a signed-in page, both health endpoints.
    expect((await get("/programmes")).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const pid = server.child.pid;

    // Requests keep going in the background through the whole outage.
    const statuses: number[] = [];
    const failures: string[] = [];
    let running = true;
    const traffic = (async () => {
      const paths = ["/programmes", "/workspace", "/agreements", "/readyz", "/healthz"];
      for (let i = 0; running; i++) {
        try {
          const res = await get(paths[i % paths.length]);
          await res.arrayBuffer();
          statuses.push(res.status);
        } catch (error) {
          failures.push(String((error as Error).cause ?? error));
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    try {
      cluster.stopImmediately();
      await waitFor("a 503 for a page", async () => (await get("/programmes")).status === 503, 15_000);

      // A page: friendly HTML, no stack trace or internal detail.
      const page = await get("/programmes/some-code");
      expect(page.status).toBe(503);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(page.headers.get("retry-after")).toBe("30");
      expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      const html = await page.text();
      expect(html).toContain(FRIENDLY);
      expect(html).toContain("<title>Concord is temporarily unavailable · Concord</title>");
      for (const leak of [/\bat .+\.(js|ts):\d+/, /P1001/, /ECONNREFUSED/, new RegExp(`127\\.0\\.0\\.1:${cluster.port}`), /prisma/i, /Unexpected Server Error/]) {
        expect(html).not.toMatch(leak);
      }

      // A form post is refused the same way (nothing half-saved, nothing leaked).
      const post = await fetch(`${base}/programmes/new`, {
        method: "POST",
        headers: { Cookie: cookie, Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded", Origin: base },
        body: "title=Outage",
        redirect: "manual",
      });
      expect(post.status).toBe(503);
      expect(await post.text()).toContain(FRIENDLY);

      // A Remix data request: 503 the browser's ErrorBoundary reads as a response.
      const data = await get("/programmes?_data=routes%2Fprogrammes._index", { Accept: "*/*" });
      expect(data.status).toBe(503);
      expect(data.headers.get("x-remix-catch")).toBe("yes");
      expect(await data.json()).toEqual({ message: expect.stringContaining(FRIENDLY) });

      // A download (resource route): a plain 503.
      const download = await get("/reports/iati.xml", { Accept: "*/*" });
      expect(download.status).toBe(503);
      expect(await download.text()).toContain(FRIENDLY);

      // Health: the process is up, the database is not.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);

      // The background traffic has met the outage too.
      await waitFor("the background traffic to meet the outage", async () => statuses.filter((s) => s === 503).length >= 5, 10_000);

      // The database returns: pages come back without restarting anything.
      cluster.start();
      await waitFor("pages to come back", async () => (await get("/programmes")).status === 200, 30_000);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      expect(server.child.pid).toBe(pid);
      const seen = statuses.length;
      await waitFor("the background traffic to be served again", async () => statuses.slice(seen).filter((s) => s === 200).length >= 3, 15_000);
    } finally {
      running = false;
      await traffic;
    }

    // Throughout: the server never dropped a connection or answered 500.
    expect(failures).toEqual([]);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    // The outage's log line was written during a request: it starts with that request's id.
    expect(server.output()).toMatch(/^\[[0-9a-f-]{36}\] Database unreachable \(answering 503/m);
  }, 90_000);
});
