import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "~/utils/data-dir-lock.server";
import { freePort } from "./pg-cluster";
import { createStaffSession, migratedDataDir, withPglite } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// Issue 5 item 9: SIGTERM while the server is busy. Requests already being
// served finish with 200 and a whole body; new ones are refused at the
// connection (never a 5xx, never half a page); the process closes the
// database and exits 0 within 10 s; the embedded data directory is free
// and opens cleanly afterwards.

const built = fs.existsSync("build/index.js");

type Outcome = {
  path: string;
  sentAt: number;
  doneAt: number;
  status: number | null; // null: no response at all (refused / reset before any answer)
  complete: boolean;
  error: string | null;
};

/** A body is whole when it ends the way its format ends. */
function isComplete(pathname: string, body: Buffer, contentLength: string | null): boolean {
  if (contentLength !== null && Number(contentLength) !== body.length) return false;
  const text = body.subarray(Math.max(0, body.length - 64)).toString("latin1");
  if (pathname.endsWith(".pdf")) return body.subarray(0, 5).toString() === "%PDF-" && /%%EOF\s*$/.test(text);
  if (pathname.endsWith(".xml")) return /<\/iati-activities>\s*$/.test(text);
  if (pathname.endsWith(".xlsx")) return body.subarray(0, 2).toString() === "PK" && body.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return /<\/html>\s*$/.test(text);
}

async function request(base: string, pathname: string, cookie: string, onHeaders?: () => void): Promise<Outcome> {
  const sentAt = Date.now();
  let status: number | null = null;
  try {
    const res = await fetch(`${base}${pathname}`, { headers: { Cookie: cookie, Accept: "text/html,*/*" }, redirect: "manual" });
    status = res.status;
    onHeaders?.();
    const body = Buffer.from(await res.arrayBuffer());
    return { path: pathname, sentAt, doneAt: Date.now(), status, complete: isComplete(pathname, body, res.headers.get("content-length")), error: null };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return { path: pathname, sentAt, doneAt: Date.now(), status, complete: false, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

describe.runIf(built)("graceful shutdown", () => {
  it("finishes in-flight requests, refuses new ones and exits 0 within 10 s of SIGTERM under load", async () => {
    const data = tempDataDir();
    await migratedDataDir(data);
    // Forty programmes with long descriptions make the reports take a while.
    const code = "SHUT-01";
    const { cookie } = await withPglite(data, async (sql) => {
      await sql("BEGIN");
      for (let i = 1; i <= 40; i++) {
        const id = `shutprog${String(i).padStart(3, "0")}`;
        await sql(
          `INSERT INTO "Programme" (id, code, title, description, objectives, "plannedStart", "plannedEnd", "updatedAt")
           VALUES ($1, $2, $3, $4, $4, '2024-01-01', '2027-12-31', now())`,
          [id, `SHUT-${String(i).padStart(2, "0")}`, `Shutdown test programme ${i}`, "Capacity building for statistics offices. ".repeat(60)],
        );
        await sql(`INSERT INTO "ProgrammeCountry" ("programmeId", "countryCode") VALUES ($1, 'BY')`, [id]);
      }
      // The IATI file is the centre's publication: refused without the publisher settings (issue 17).
      await sql(
        `INSERT INTO "PublisherSettings" (id, "orgRef", "orgType", name, "defaultCurrency", "publicBaseUrl", "updatedAt")
         VALUES (1, 'KR-BRN-TEST-CENTRE', '10', 'Test Cooperation Centre', 'USD', 'https://concord.example.org', now())`,
      );
      const session = await createStaffSession(sql);
      await sql("COMMIT");
      return session;
    });

    const port = await freePort(3870, 3879);
    const base = `http://127.0.0.1:${port}`;
    const server = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: data, PORT: String(port) });
    try {
      await waitForOutput(server, /Concord listening/);
      const warm = await request(base, "/programmes", cookie);
      expect(warm.status, server.output()).toBe(200);

      const slow = [`/reports/programmes/${code}.pdf`, "/reports/iati.xml", `/reports/programmes/${code}.xlsx`];
      const pages = ["/programmes", "/workspace", `/programmes/${code}`, "/agreements"];
      const outcomes: Promise<Outcome>[] = [];
      let sigtermAt = Infinity;

      // Steady traffic from 12 clients, before and after the signal.
      let stop = false;
      const clients = Array.from({ length: 12 }, async (_, i) => {
        for (let n = 0; !stop; n++) {
          const pathname = i % 3 === 0 ? slow[n % slow.length] : pages[(i + n) % pages.length];
          const outcome = request(base, pathname, cookie);
          outcomes.push(outcome);
          if ((await outcome).status === null) await new Promise((r) => setTimeout(r, 50));
        }
      });
      await new Promise((r) => setTimeout(r, 1_500));
      // A burst of slow downloads; SIGTERM as soon as the first has begun to
      // arrive, so at least that one is certainly being served.
      let headersAt = Infinity;
      const started = new Promise<void>((resolve) => {
        for (let i = 0; i < 12; i++) {
          outcomes.push(
            request(base, slow[i % slow.length], cookie, () => {
              headersAt = Math.min(headersAt, Date.now());
              resolve();
            }),
          );
        }
      });
      await started;
      sigtermAt = Date.now();
      server.child.kill("SIGTERM");
      const exit = await Promise.race([
        server.exited,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit 10 s after SIGTERM:\n${server.output()}`)), 10_000)),
      ]);
      const exitedAt = Date.now();
      // New connections after the exit are refused.
      const late = await request(base, "/programmes", cookie);
      stop = true;
      await Promise.all(clients);
      const results = await Promise.all(outcomes);

      const summary = results.map((r) => `${r.sentAt < sigtermAt ? "before" : "after"} ${r.path} ${r.status ?? r.error} ${r.complete ? "whole" : "-"} done ${r.doneAt - sigtermAt}`);
      expect(exit.code, server.output()).toBe(0);
      expect(exitedAt - sigtermAt).toBeLessThan(10_000);
      expect(server.output()).toContain("SIGTERM received");
      expect(server.output()).toContain("Shut down cleanly.");
      expect(late.status).toBeNull();
      expect(late.error).toMatch(/ECONNREFUSED/);

      // Never a 5xx, never half a body: a response that started is a whole 200.
      const answered = results.filter((r) => r.status !== null);
      expect(answered.filter((r) => r.status !== 200 || !r.complete).map((r) => `${r.path}: ${r.status} ${r.error ?? ""}`)).toEqual([]);
      // Requests that had no answer were refused at the connection (the server
      // had not started on them when the signal came), not cut mid-way.
      for (const r of results.filter((r) => r.status === null)) {
        expect(r.error).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up/i);
      }
      // In-flight work really was in flight: requests sent before the signal
      // finished after it, whole (at least the download whose first bytes had
      // arrived when the signal was sent).
      const drained = results.filter((r) => r.sentAt < sigtermAt && r.doneAt > sigtermAt && r.status === 200 && r.complete);
      expect(headersAt).toBeLessThanOrEqual(sigtermAt);
      expect(drained.filter((r) => slow.includes(r.path)).length, summary.join("\n")).toBeGreaterThanOrEqual(1);
      // The signal came under load: every client had a request out, and so had the burst
      // (how many of them had finished by then depends on the machine's speed).
      expect(results.filter((r) => r.sentAt < sigtermAt).length).toBeGreaterThanOrEqual(24);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }

    // The data directory's lock is free and the database opens cleanly.
    const lock = await lockDataDir(path.join(data, "pglite"));
    await lock.release();
    const programmes = await withPglite(data, (sql) => sql(`SELECT count(*)::int AS n FROM "Programme"`));
    expect(Number(programmes[0].n)).toBe(40);
    fs.rmSync(data, { recursive: true, force: true });
  }, 120_000);
});
