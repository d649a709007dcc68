import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// A process killed mid-upload leaves a temporary file in uploads/.incoming;
// the hourly "sweep.uploads" job, which the server's job worker enqueues and
// runs as soon as it starts, removes it (and leaves a recent one alone:
// another process sharing the directory may still be writing it).

describe("the server at start-up", () => {
  it("removes temporary upload files left by a killed process", async () => {
    expect(fs.existsSync("build/index.js"), "run `npm run build` before these tests").toBe(true);
    const data = tempDataDir();
    const incoming = path.join(data, "uploads", ".incoming");
    fs.mkdirSync(incoming, { recursive: true });
    const stale = path.join(incoming, "killed-upload");
    const recent = path.join(incoming, "upload-in-progress");
    fs.writeFileSync(stale, "half-received");
    fs.writeFileSync(recent, "still arriving");
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    fs.utimesSync(stale, yesterday, yesterday);

    const server = runScript("scripts/server.ts", ["--migrate"], { CONCORD_DATA_DIR: data, PORT: "3302" });
    try {
      await waitForOutput(server, /Concord listening/);
      await waitForOutput(server, /Removed 1 temporary upload file\(s\)/);
      expect(fs.readdirSync(incoming)).toEqual(["upload-in-progress"]);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 120_000);
});
