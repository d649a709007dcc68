import fs from "node:fs";
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
