import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createStaffSession, withPglite } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// Issue 15: a deployment whose files are on disk and whose store is now the
// database (the new default on PostgreSQL; here forced on the embedded
// database, which behaves the same) does not start and answer 404 for every
// old document: it stops, naming `npm run blobs:import`; after the import the
// old document downloads from the database.

const PORT = "3224";

describe("switching a deployment's files into the database store", () => {
  it("refuses to start until the files on disk are imported, then serves them from the database", async () => {
    expect(fs.existsSync("build/index.js"), "run `npm run build` before these tests").toBe(true);
    const data = tempDataDir();
    const env = { CONCORD_DATA_DIR: data, CONCORD_BLOB_STORE: "database", PORT };
    const bytes = Buffer.from("%PDF-1.4\nuploaded when files lived on disk\n%%EOF\n");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    fs.mkdirSync(path.join(data, "uploads", sha256.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(data, "uploads", sha256.slice(0, 2), sha256), bytes);
    try {
      const refused = runScript("scripts/server.ts", ["--migrate"], env);
      expect((await refused.exited).code, refused.output()).toBe(1);
      expect(refused.output()).toContain("holds 1 file(s) that are not there");
      expect(refused.output()).toContain("npm run blobs:import");

      const { cookie, documentId } = await withPglite(data, async (sql) => {
        const session = await createStaffSession(sql);
        await sql(`INSERT INTO "Programme" (id, code, title, "updatedAt") VALUES ('blobprog', 'BLOB-1', 'Files on disk', now())`);
        await sql(
          `INSERT INTO "Document" (id, "programmeId", sha256, "originalName", "mimeType", "sizeBytes", "categoryCode", title, "updatedAt")
           VALUES ('blobdoc', 'blobprog', $1, 'old.pdf', 'application/pdf', $2, 'A07', 'Old report', now())`,
          [sha256, bytes.length],
        );
        return { cookie: session.cookie, documentId: "blobdoc" };
      });

      const imported = runScript("scripts/blobs-import.ts", [], env);
      expect((await imported.exited).code, imported.output()).toBe(0);
      expect(imported.output()).toContain("Copied 1 file(s)");
      // The disk copy goes: the download below can only come from the database.
      fs.rmSync(path.join(data, "uploads", sha256.slice(0, 2)), { recursive: true });

      const server = runScript("scripts/server.ts", [], env);
      try {
        await waitForOutput(server, /Concord listening/);
        const res = await fetch(`http://127.0.0.1:${PORT}/documents/${documentId}/download`, { headers: { cookie } });
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      } finally {
        server.child.kill("SIGTERM");
        await server.exited;
      }
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 180_000);
});
