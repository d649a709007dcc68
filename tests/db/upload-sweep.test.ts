import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { incomingDir, STALE_UPLOAD_MS, sweepStaleUploads } from "~/models/file-store.server";
import { uploadsDir } from "~/utils/env.server";

// Temporary upload files left behind by a process killed mid-upload are
// removed; uploads still in progress and stored files are not touched.

function writeAged(file: string, ageMs: number, now: number) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "half-received upload");
  const at = new Date(now - ageMs);
  fs.utimesSync(file, at, at);
}

describe("sweepStaleUploads", () => {
  it("removes only temporary files older than the limit", async () => {
    const now = Date.now();
    const stale = path.join(incomingDir(), "stale-upload");
    const older = path.join(incomingDir(), "killed-two-days-ago");
    const fresh = path.join(incomingDir(), "upload-in-progress");
    // A file of the local blob store, beside the temporary directory.
    const stored = path.join(uploadsDir(), "ab", "ab".repeat(32));
    writeAged(stale, STALE_UPLOAD_MS + 60_000, now);
    writeAged(older, 2 * 24 * 60 * 60 * 1000, now);
    writeAged(fresh, 5_000, now);
    writeAged(stored, 30 * 24 * 60 * 60 * 1000, now);

    expect(await sweepStaleUploads(STALE_UPLOAD_MS, now)).toBe(2);
    expect(fs.readdirSync(incomingDir())).toEqual(["upload-in-progress"]);
    expect(fs.existsSync(stored)).toBe(true);

    // Nothing left to sweep: a second run removes nothing.
    expect(await sweepStaleUploads(STALE_UPLOAD_MS, now)).toBe(0);
    fs.rmSync(fresh);
    fs.rmSync(stored);
  });

  it("does nothing when no upload was ever received", async () => {
    fs.rmSync(incomingDir(), { recursive: true, force: true });
    expect(await sweepStaleUploads()).toBe(0);
  });
});
