import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpStep, totpAt, totpKeyFromBase32 } from "~/auth/mfa.server";
import { BACKEND_HEADER, CLIENT_HEADER, createSession, createUser, freshDatabase, sessionCookieOf, startDeployment, stopServer, waitUntil, type Deployment } from "./multi-process";
import { freePort } from "./pg-cluster";
import { runScript, tempDataDir } from "./server-process";

// Issue 15 item 7: Concord as several server processes on one PostgreSQL
// database behind a proxy (docs/operations.md). Each server process has its
// own data directory, as on separate machines; all share CONCORD_SECRET_KEY
// and trust the proxy (TRUST_PROXY=loopback), which names the client in
// X-Forwarded-For. The harness (./multi-process.ts) is reusable: later
// cases (documents, jobs) start the same deployment.

const built = fs.existsSync("build/index.js");
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.runIf(built)("several server processes behind a proxy on one PostgreSQL", () => {
  let d: Deployment;

  beforeAll(async () => {
    d = await startDeployment({ servers: 2 });
  }, 240_000);

  afterAll(async () => {
    await d?.stop();
  }, 60_000);

  it("answers through every process, each answer with its own request id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await d.fetch("/readyz");
      expect(res.status).toBe(200);
      const id = res.headers.get("x-request-id") ?? "";
      expect(id).toMatch(REQUEST_ID);
      ids.add(id);
    }
    expect(ids.size).toBe(4);
    // Round robin: both processes answered.
    expect(new Set(d.proxy.answers.filter((a) => a.path === "/readyz").map((a) => a.port)).size).toBe(2);
  });

  it("verifies on one process an authenticator enrolled through the other (one shared secret key)", async () => {
    const user = await d.sql((sql) => createUser(sql, "STAFF"));
    const enrolling = await d.sql((sql) => createSession(sql, user.id, false));
    // Process 0 shows the key to enrol (and stores it encrypted)…
    const page = await d.fetch("/account/mfa?_data=routes%2Faccount.mfa", { backend: 0, cookie: enrolling, headers: { Accept: "*/*" } });
    expect(page.status).toBe(200);
    const { enrolment } = (await page.json()) as { enrolment: { secret: string } };
    const key = totpKeyFromBase32(enrolment.secret);
    const step = currentTotpStep();
    // …process 1 reads it back to check the first code.
    const enabled = await d.fetch("/account/mfa", { backend: 1, cookie: enrolling, form: { intent: "enable", code: totpAt(key, step) } });
    expect(enabled.status).toBe(302);
    const stored = await d.sql((sql) => sql(`SELECT "totpEnabledAt" FROM "User" WHERE id = $1`, [user.id]));
    expect(stored[0].totpEnabledAt).not.toBeNull();

    // Signing in again later: process 0 checks the code against the key process 1 enabled.
    const signingIn = await d.sql((sql) => createSession(sql, user.id, false));
    const verified = await d.fetch("/sign-in/mfa", { backend: 0, cookie: signingIn, form: { intent: "totp", code: totpAt(key, step + 1) } });
    expect(verified.status).toBe(302);
    expect(verified.headers.get("location")).not.toMatch(/sign-in|account\/mfa/);
    expect(sessionCookieOf(verified)).not.toBeNull();
  });

  it("counts sign-in failures per real client address: one client throttled does not keep another out", async () => {
    const password = "a long and correct password 7";
    const user = await d.sql((sql) => createUser(sql, "PARTNER", password));
    const attacker = "198.51.100.66";
    const owner = "203.0.113.10";
    const signIn = (client: string, pw: string, extra: Record<string, string> = {}) =>
      d.fetch("/sign-in", { client, form: { email: user.email, password: pw }, headers: extra });

    // Three free failures from the attacker's address, spread over both processes by the proxy…
    for (let i = 0; i < 3; i++) expect((await signIn(attacker, `wrong ${i}`)).status).toBe(400);
    expect(new Set(d.proxy.answers.filter((a) => a.path === "/sign-in").map((a) => a.port)).size).toBe(2);
    // …then that address must wait, whichever process it reaches; claiming another address itself does not help.
    expect((await signIn(attacker, "wrong again")).status).toBe(429);
    expect((await signIn(attacker, password, { "X-Forwarded-For": owner })).status).toBe(429);
    // The owner, from their own address, signs in at once.
    const ok = await signIn(owner, password);
    expect(ok.status).toBe(302);

    // The audit trail and the session record the client's address, not the proxy's.
    const rows = await d.sql((sql) =>
      sql(`SELECT action, ip FROM "AuditEvent" WHERE metadata->>'email' = $1 OR "actorId" = $2 ORDER BY "at"`, [user.email, user.id]),
    );
    expect(rows.filter((r) => r.action === "sign_in_failed").map((r) => r.ip)).toEqual([attacker, attacker, attacker]);
    expect(rows.filter((r) => r.action === "sign_in").map((r) => r.ip)).toEqual([owner]);
    const sessions = await d.sql((sql) => sql(`SELECT ip FROM "Session" WHERE "userId" = $1`, [user.id]));
    expect(sessions.map((s) => s.ip)).toEqual([owner]);
  });

  it("shows the request id on the error page and in the log lines of a failed request", async () => {
    const staff = await d.sql((sql) => createUser(sql, "STAFF"));
    const cookie = await d.sql((sql) => createSession(sql, staff.id, true));
    expect((await d.fetch("/programmes", { cookie, backend: 0 })).status).toBe(200);
    // A table the page needs goes missing: a genuine server error (not the database being unreachable).
    await d.sql((sql) => sql(`ALTER TABLE "Programme" RENAME TO "Programme_gone"`));
    try {
      const page = await d.fetch("/programmes", { cookie, backend: 0 });
      expect(page.status).toBe(500);
      const id = page.headers.get("x-request-id") ?? "";
      expect(id).toMatch(REQUEST_ID);
      const html = await page.text();
      expect(html).toContain("Reference for support:");
      expect(html).toContain(id);
      await waitUntil("the error's log line", () => d.servers[0].run.output().includes(`[${id}] `), 10_000);

      // A data request (a click inside the app): its own id reaches the error page through the message.
      const data = await d.fetch("/programmes?_data=routes%2Fprogrammes._index", { cookie, backend: 0, headers: { Accept: "*/*" } });
      expect(data.status).toBe(500);
      const dataId = data.headers.get("x-request-id");
      expect(await data.json()).toEqual({ message: `Unexpected Server Error [request ${dataId}]` });
    } finally {
      await d.sql((sql) => sql(`ALTER TABLE "Programme_gone" RENAME TO "Programme"`));
    }
  });

  it("loses no request when one process gets SIGTERM while requests are in flight (nothing retried)", async () => {
    const password = "another correct password 9";
    const user = await d.sql((sql) => createUser(sql, "PARTNER", password));
    const staff = await d.sql((sql) => createUser(sql, "STAFF"));
    const cookie = await d.sql((sql) => createSession(sql, staff.id, true));
    const [stopping, staying] = d.servers;
    const answersBefore = d.proxy.answers.length;
    const failuresBefore = d.proxy.failures.length;

    // Traffic through the proxy the whole time, over both processes.
    let running = true;
    const statuses: number[] = [];
    const errors: string[] = [];
    const traffic = Array.from({ length: 4 }, async () => {
      while (running) {
        try {
          const res = await d.fetch("/programmes", { cookie });
          await res.arrayBuffer();
          statuses.push(res.status);
        } catch (error) {
          errors.push(String((error as Error).cause ?? error));
        }
      }
    });

    // A sign-in sent to the stopping process: headers and half the form now, the rest after SIGTERM.
    const body = new URLSearchParams({ email: user.email, password }).toString();
    const slow = http.request(`${d.origin}/sign-in`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(Buffer.byteLength(body)),
        Origin: d.origin,
        [BACKEND_HEADER]: String(stopping.port),
        [CLIENT_HEADER]: "203.0.113.20",
      },
    });
    const slowAnswer = new Promise<{ status: number; cookie: string | null }>((resolve, reject) => {
      slow.on("response", (res) => {
        res.resume();
        res.on("end", () => {
          const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
          resolve({ status: res.statusCode ?? 0, cookie: setCookie.find((c) => c.startsWith("concord_session=")) ?? null });
        });
      });
      slow.on("error", reject);
    });
    slow.write(body.slice(0, 10));

    try {
      await waitUntil("some traffic on both processes", () => d.proxy.answers.slice(answersBefore).some((a) => a.port === stopping.port) && statuses.length >= 6, 60_000);
      await waitUntil("the slow sign-in to reach the stopping process", () => d.proxy.inFlight(stopping.port) >= 1, 30_000);
      // As a load balancer does: no new requests for it, then SIGTERM once nothing is still connecting.
      d.proxy.remove(stopping.port);
      await waitUntil("no connection still opening to the stopping process", () => d.proxy.connecting(stopping.port) === 0, 30_000);
      const inFlightAtSignal = d.proxy.inFlight(stopping.port);
      stopping.run.child.kill("SIGTERM");
      await waitUntil("the stopping process to take SIGTERM", () => stopping.run.output().includes("SIGTERM received"), 30_000);
      slow.end(body.slice(10));

      const answer = await slowAnswer;
      expect(answer.status).toBe(302);
      expect(answer.cookie).not.toBeNull();
      expect(inFlightAtSignal).toBeGreaterThanOrEqual(1);
      const exit = await stopServer(stopping);
      expect(exit, stopping.run.output()).toEqual({ code: 0, signal: null });
      expect(stopping.run.output()).toContain("Shut down cleanly.");

      // The other process goes on serving.
      const after = statuses.length;
      await waitUntil("more traffic after the stop", () => statuses.length >= after + 4, 60_000);
    } finally {
      running = false;
      await Promise.all(traffic);
    }
    expect(errors).toEqual([]);
    expect(d.proxy.failures.slice(failuresBefore)).toEqual([]);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(d.proxy.answers.slice(answersBefore).some((a) => a.port === staying.port)).toBe(true);
  }, 180_000);
});

describe.runIf(built)("npm start (scripts/start.ts)", () => {
  it("refuses to start on PostgreSQL without the shared secret key, and several processes on the embedded database", async () => {
    const noKey = runScript("scripts/server.ts", [], { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", CONCORD_SECRET_KEY: "", CONCORD_DATA_DIR: tempDataDir() });
    expect((await noKey.exited).code).toBe(1);
    expect(noKey.output()).toContain("Concord cannot start: on PostgreSQL (DATABASE_URL) these settings are required: CONCORD_SECRET_KEY");
    const embedded = runScript("scripts/start.ts", [], { CONCORD_WORKERS: "2", CONCORD_DATA_DIR: tempDataDir() });
    expect((await embedded.exited).code).toBe(1);
    expect(embedded.output()).toContain("CONCORD_WORKERS=2 needs PostgreSQL (DATABASE_URL)");
  }, 60_000);

  it("runs CONCORD_WORKERS processes on one port, replaces one that dies, and stops them all on SIGTERM", async () => {
    const db = await freshDatabase();
    const port = await freePort(3790, 3799);
    const primary = runScript("scripts/start.ts", ["--migrate"], {
      DATABASE_URL: db.url,
      CONCORD_WORKERS: "2",
      CONCORD_DATA_DIR: tempDataDir(),
      PORT: String(port),
    });
    const listening = () => [...primary.output().matchAll(/Concord listening on .* — process (\d+)/g)].map((m) => Number(m[1]));
    try {
      await waitUntil("two server processes", () => listening().length === 2, 120_000);
      expect(primary.output()).toMatch(/Applied migrations: /);
      const [first] = listening();
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      process.kill(first, "SIGKILL");
      await waitUntil("a replacement process", () => listening().length === 3, 120_000);
      expect(primary.output()).toContain(`Server process ${first} died (SIGKILL); starting another.`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      primary.child.kill("SIGTERM");
      expect(await primary.exited).toEqual({ code: 0, signal: null });
      expect(primary.output()).toContain("All server processes stopped.");
      expect(primary.output().match(/Shut down cleanly\./g)).toHaveLength(2);
      for (const pid of listening()) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (primary.child.exitCode === null) primary.child.kill("SIGKILL");
      for (const pid of listening()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
      await db.drop();
    }
  }, 240_000);
});
