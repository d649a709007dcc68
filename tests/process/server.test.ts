import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// These start the production build the way `npm start` does.
const built = fs.existsSync("build/index.js");

describe("the server process", () => {
  it("needs a build (scripts/test.sh builds first)", () => {
    expect(built, "run `npm run build` before these tests").toBe(true);
  });

  it("refuses a second server on the same embedded data directory and exits within 5 s of SIGTERM", async () => {
    const data = tempDataDir();
    const first = runScript("scripts/server.ts", ["--migrate"], { CONCORD_DATA_DIR: data, PORT: "3301" });
    try {
      await waitForOutput(first, /Concord listening on http:\/\/127\.0\.0\.1:3301/);
      const ready = await fetch("http://127.0.0.1:3301/readyz");
      expect(ready.status).toBe(200);

      const second = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: data, PORT: "3302" });
      const { code } = await second.exited;
      expect(code).toBe(3);
      expect(second.output()).toMatch(/Concord cannot start: The embedded database in .* is already open in another Concord process \(pid \d+/);

      const started = Date.now();
      first.child.kill("SIGTERM");
      const exit = await first.exited;
      expect(exit.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(first.output()).toContain("SIGTERM received");
    } finally {
      if (first.child.exitCode === null) first.child.kill("SIGKILL");
    }

    // The directory is free again and the data survived: a new server opens it.
    const third = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: data, PORT: "3303" });
    try {
      await waitForOutput(third, /Concord listening/);
      expect((await fetch("http://127.0.0.1:3303/readyz")).status).toBe(200);
    } finally {
      third.child.kill("SIGTERM");
      await third.exited;
    }
    // Three server starts (each compiles, opens PGlite and checks migrations): under a loaded CI machine, well over 30 s.
  }, 120_000);
});

describe("documents", () => {
  it("are compressed in one piece: no full flush inside the gzip stream (the document is written once, not as it renders)", async () => {
    const data = tempDataDir();
    const server = runScript("scripts/server.ts", ["--migrate"], { CONCORD_DATA_DIR: data, PORT: "3304" });
    try {
      await waitForOutput(server, /Concord listening on http:\/\/127\.0\.0\.1:3304/);
      const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get("http://127.0.0.1:3304/sign-in", { headers: { "accept-encoding": "gzip" } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
      expect(raw.headers["content-encoding"]).toBe("gzip");
      const html = zlib.gunzipSync(raw.body).toString("utf8");
      expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
      expect(html.trimEnd().endsWith("</html>")).toBe(true);
      // A full or sync flush ends in an empty stored block: 00 00 FF FF. Written
      // as it renders, the page was flushed after each of React's chunks.
      let flushes = 0;
      for (let i = raw.body.indexOf(FLUSH_MARK); i !== -1; i = raw.body.indexOf(FLUSH_MARK, i + 1)) flushes++;
      expect(flushes).toBe(0);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 120_000);
});

const FLUSH_MARK = Buffer.from([0x00, 0x00, 0xff, 0xff]);
