import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";
import { type Sql } from "./process-fixtures";
import { createSession, createUser, startDeployment, stopServer, waitUntil, type Deployment } from "./multi-process";

// Issue 15 item 7, the cases that need the blob store and the job queue:
// several server processes on one PostgreSQL behind a round-robin proxy
// (./multi-process.ts). A document uploaded through one process downloads
// through the other (database and S3 stores: no shared disk, each process
// has its own data directory); an invitation is mailed once although every
// process runs the job worker; a mail job held by a process that is killed
// (SIGKILL) is sent once, by the other.

const built = fs.existsSync("build/index.js");

async function createStaff(sql: Sql, role: "STAFF" | "ADMIN"): Promise<{ id: string; cookie: string }> {
  const user = await createUser(sql, role);
  return { id: user.id, cookie: await createSession(sql, user.id, true) };
}

async function createProgramme(sql: Sql): Promise<string> {
  const id = `mp${randomBytes(8).toString("hex")}`;
  await sql(`INSERT INTO "Programme" (id, code, title, "updatedAt") VALUES ($1, $2, 'Multi-process programme', now())`, [id, `MP-${id.slice(2, 8).toUpperCase()}`]);
  return id;
}

/** Uploads `bytes` as a new document through server `backend`; returns the document's id. */
async function upload(d: Deployment, backend: number, cookie: string, programmeId: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.set("title", `Report ${randomBytes(3).toString("hex")}`);
  form.set("categoryCode", "A07");
  form.set("programmeId", programmeId);
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "text/plain" }), "report.txt");
  const res = await fetch(`${d.origin}/documents/new`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: d.origin, "x-test-backend": String(d.servers[backend].port) },
    body: form,
    redirect: "manual",
  });
  const location = res.headers.get("location") ?? "";
  expect(res.status, `upload answered ${res.status}: ${await res.text().catch(() => "")}\n${d.output()}`).toBe(302);
  const id = /^\/documents\/([^/?#]+)/.exec(location)?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function downloadThrough(d: Deployment, backend: number, cookie: string, id: string): Promise<Buffer> {
  const res = await d.fetch(`/documents/${id}/download`, { backend, cookie, headers: { Accept: "*/*" } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function documentRoundTrip(d: Deployment) {
  const staff = await d.sql((sql) => createStaff(sql, "STAFF"));
  const programmeId = await d.sql(createProgramme);
  // Larger than one database chunk (1 MiB), so the download streams several.
  const bytes = Buffer.from(`Concord multi-process report\n${randomBytes(700_000).toString("hex")}\n`);
  const id = await upload(d, 0, staff.cookie, programmeId, bytes);
  // Each process has its own data directory: the other one has nothing on disk.
  const other = await downloadThrough(d, 1, staff.cookie, id);
  expect(other.equals(bytes)).toBe(true);
  const same = await downloadThrough(d, 0, staff.cookie, id);
  expect(same.equals(bytes)).toBe(true);
  for (const server of d.servers) {
    const uploads = `${server.dataDir}/uploads`;
    const stored = fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((f) => !f.startsWith(".")) : [];
    expect(stored, `server ${server.index} keeps no file of its own`).toEqual([]);
  }
}

describe.runIf(built)("documents across processes", () => {
  describe("with the database store (the PostgreSQL default)", () => {
    let d: Deployment;
    beforeAll(async () => {
      d = await startDeployment({ servers: 2 });
    }, 240_000);
    afterAll(async () => {
      await d?.stop();
    }, 60_000);

    it("downloads through one process a document uploaded through the other", async () => {
      await documentRoundTrip(d);
      const blobs = await d.sql((sql) => sql(`SELECT count(*)::int AS n FROM "Blob"`));
      expect(blobs[0].n).toBe(1);
    }, 120_000);
  });

  describe("with an S3-compatible store", () => {
    let d: Deployment;
    let s3: S3TestServer;
    beforeAll(async () => {
      s3 = await startS3TestServer();
      d = await startDeployment({ servers: 2, env: s3.env });
    }, 240_000);
    afterAll(async () => {
      await d?.stop();
      await s3?.close();
    }, 60_000);

    it("downloads through one process a document uploaded through the other", async () => {
      await documentRoundTrip(d);
      // The bytes went to the bucket, not to the database.
      const blobs = await d.sql((sql) => sql(`SELECT count(*)::int AS n FROM "Blob"`));
      expect(blobs[0].n).toBe(0);
    }, 120_000);
  });
});

type Delivered = { to: string[]; body: string };

/**
 * A local SMTP server that records every message it accepts. While `hold` is
 * set, a connection that reaches MAIL FROM waits there (the sending process
 * is busy with that job) until released.
 */
async function startMailbox() {
  const delivered: Delivered[] = [];
  let holding = false;
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!holding) return callback();
      held.push(() => callback());
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        delivered.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), body: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    held: () => held.length,
    hold: () => void (holding = true),
    release() {
      holding = false;
      for (const go of held.splice(0)) go();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type JobRow = { id: string; state: string; attempts: number; lockedBy: string | null };

/** The mail jobs, oldest first (their payload is sealed: the test tells them apart by clearing the table between cases). */
async function mailJobs(d: Deployment): Promise<JobRow[]> {
  return d.sql((sql) => sql(`SELECT id, state::text AS state, attempts, "lockedBy" FROM "Job" WHERE name = 'mail' ORDER BY "createdAt"`)) as Promise<JobRow[]>;
}

async function invite(d: Deployment, backend: number, cookie: string, email: string) {
  const res = await d.fetch("/admin/users/invite", { backend, cookie, form: { email, name: "Invited Person", role: "STAFF" } });
  expect(res.status, d.output()).toBe(302);
}

describe.runIf(built)("background jobs across processes", () => {
  let d: Deployment;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  beforeAll(async () => {
    mailbox = await startMailbox();
    d = await startDeployment({ servers: 2, env: { SMTP_URL: mailbox.url } });
  }, 240_000);
  afterAll(async () => {
    await d?.stop();
    await mailbox?.close();
  }, 60_000);

  it("mails an invitation once although every process runs the job worker", async () => {
    await d.sql((sql) => sql(`DELETE FROM "Job" WHERE name = 'mail'`));
    const admin = await d.sql((sql) => createStaff(sql, "ADMIN"));
    const email = `once-${randomBytes(4).toString("hex")}@multi-process.test`;
    await invite(d, 0, admin.cookie, email);
    await waitUntil("the invitation mail", () => mailbox.delivered.some((m) => m.to.includes(email)), 60_000);
    await waitUntil("the mail job to be done", async () => (await mailJobs(d)).every((j) => j.state === "DONE"), 30_000);
    // One job, run by one process on its first attempt: a done job is never taken again.
    const jobs = await mailJobs(d);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].attempts).toBe(1);
    expect(mailbox.delivered.filter((m) => m.to.includes(email))).toHaveLength(1);
  }, 120_000);

  it("sends once, from the other process, a mail whose process was killed while sending it", async () => {
    await d.sql((sql) => sql(`DELETE FROM "Job" WHERE name = 'mail'`));
    const admin = await d.sql((sql) => createStaff(sql, "ADMIN"));
    const email = `killed-${randomBytes(4).toString("hex")}@multi-process.test`;
    mailbox.hold();
    await invite(d, 0, admin.cookie, email);
    // One process has claimed the job and is talking to the mail server.
    await waitUntil("a process to start sending", () => mailbox.held() === 1, 60_000);
    const [running] = await mailJobs(d);
    expect(running.state).toBe("RUNNING");
    const pid = Number(running.lockedBy?.split(":")[1]);
    const holder = d.servers.find((s) => s.run.child.pid === pid);
    expect(holder, `lockedBy ${running.lockedBy} names one of the servers`).toBeTruthy();
    const survivor = d.servers.find((s) => s !== holder)!;
    d.proxy.remove(holder!.port);
    await stopServer(holder!, "SIGKILL");
    // The dead process's lease would run out in minutes; the test ends it now.
    await d.sql((sql) => sql(`UPDATE "Job" SET "lockedUntil" = now() - interval '1 second' WHERE id = $1`, [running.id]));
    mailbox.release();
    await waitUntil("the other process to send it", () => mailbox.delivered.some((m) => m.to.includes(email)), 60_000);
    await waitUntil("the job to be done", async () => (await mailJobs(d))[0]?.state === "DONE", 30_000);
    const [done] = await mailJobs(d);
    expect(done.attempts).toBe(2);
    expect(Number(done.lockedBy?.split(":")[1])).toBe(survivor.run.child.pid);
    expect(mailbox.delivered.filter((m) => m.to.includes(email))).toHaveLength(1);
  }, 180_000);
});
