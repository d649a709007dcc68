import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createStaffSession, migratedDataDir } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// Links in e-mail are built from PUBLIC_ORIGIN, never from a request's Host
// header (issue 14, point 4: a forged Host chose where a reset link pointed).
// A production server refuses to start without it; the demo derives it from
// HOST and PORT.

const PORT = 3305;

describe("PUBLIC_ORIGIN", () => {
  it("a production server without PUBLIC_ORIGIN refuses to start and says why", async () => {
    const run = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: tempDataDir(), PORT: String(PORT), PUBLIC_ORIGIN: "", CONCORD_DEMO: "0" });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain("Concord cannot start: PUBLIC_ORIGIN is required in production");
    expect(run.output()).not.toMatch(/Concord listening/);
  }, 60_000);

  it("the demo mails password-reset links to http://HOST:PORT whatever Host header the request carried", async () => {
    const data = tempDataDir();
    const email = await migratedDataDir(data, async (sql) => (await createStaffSession(sql)).userId + "@process.test");
    const server = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: data, PORT: String(PORT), PUBLIC_ORIGIN: "", CONCORD_DEMO: "1" });
    try {
      await waitForOutput(server, /Concord listening/);
      const res = await fetch(`http://127.0.0.1:${PORT}/forgot-password`, {
        method: "POST",
        body: new URLSearchParams({ email }),
        // fetch will not forge Host; X-Forwarded-Host is what a proxy would pass on, and must not count either.
        headers: { "X-Forwarded-Host": "evil.example" },
        redirect: "manual",
      });
      expect(res.status).toBeLessThan(400);
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: "127.0.0.1", port: PORT, path: "/forgot-password", method: "POST", headers: { Host: "evil.example", "Content-Type": "application/x-www-form-urlencoded" } },
          (r) => r.resume().on("end", resolve),
        );
        req.on("error", reject);
        req.end(new URLSearchParams({ email }).toString());
      });
      const outbox = path.join(data, "outbox");
      await expect.poll(() => (fs.existsSync(outbox) ? fs.readdirSync(outbox).length : 0), { timeout: 30_000 }).toBe(2);
      for (const file of fs.readdirSync(outbox)) {
        const mail = fs.readFileSync(path.join(outbox, file), "utf8").replace(/=\r?\n/g, "");
        expect(mail).toContain(`http://127.0.0.1:${PORT}/reset-password/`);
        expect(mail).not.toContain("evil.example");
      }
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 120_000);
});
