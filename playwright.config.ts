import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { e2eDatabaseUrl, E2E_PORT, E2E_RUN_PID } from "./tests/e2e/support/e2e-env";
import { testMatchOfPart } from "./tests/e2e/support/parts";

// The app's mail goes to a local SMTP server (tests/e2e/support/smtp.ts),
// started by globalSetup, on E2E_PORT + 1000.
const SMTP_URL = `smtp://127.0.0.1:${E2E_PORT + 1000}`;

// End-to-end tests drive Debian's Chromium (never a downloaded browser)
// against the production build served by scripts/server.ts on PostgreSQL, so
// each test can create its own data through the factories while the server
// runs. tests/e2e/embedded-demo.spec.ts covers the embedded database.

// Set here so every worker's copy of the app's database module points at the
// same database as the server.
process.env.DATABASE_URL = e2eDatabaseUrl();
// On PostgreSQL the server requires a shared secret key (it encrypts authenticator
// keys); the tests' factories enrol authenticators with the same one.
process.env.CONCORD_SECRET_KEY ??= "concord-e2e-secret-key-for-tests-only-0001";
// Uploads of this run: the server writes them and tests read them, so both use this directory.
process.env.CONCORD_UPLOADS_DIR = path.resolve(`tests/.artifacts/uploads-${E2E_PORT}`);

/**
 * Debian's headless shell (package chromium-headless-shell; Playwright's own
 * choice for headless runs) when installed, else Debian's Chromium. The
 * shell is Chromium's rendering engine without the browser's user interface
 * layer: a third less CPU for the same journeys (a11y.spec.ts: 81 s of CPU for
 * its processes against 106 s; docs/decisions/0044-ci-time.md).
 */
function chromiumPath(): string {
  const shell = "/usr/bin/chromium-headless-shell";
  return fs.existsSync(shell) ? shell : "/usr/bin/chromium";
}

export default defineConfig({
  testDir: "tests/e2e",
  // CONCORD_E2E_PART="i/n": this run's share of the spec files (scripts/test.sh runs the parts at once).
  ...(process.env.CONCORD_E2E_PART ? { testMatch: testMatchOfPart(process.env.CONCORD_E2E_PART, path.resolve("tests/e2e")) } : {}),
  outputDir: `test-results/${E2E_PORT}`,
  globalSetup: "./tests/e2e/support/global-setup.ts",
  globalTeardown: "./tests/e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    // A trace records a screencast and DOM snapshots of every test, kept
    // only for a failure: 15–20% of the browser step's CPU (a11y.spec.ts:
    // 124–139 s with it, 106–111 s without). CI's artifacts are not kept, so
    // CI runs without; E2E_TRACE=retain-on-failure (the local default) or
    // "on" chooses.
    trace: (process.env.E2E_TRACE ?? (process.env.CI ? "off" : "retain-on-failure")) as "off" | "on" | "retain-on-failure",
    screenshot: "only-on-failure",
    // Issue 20: Concord registers a service worker. Journeys run without it
    // (each page straight from the server); the offline specs opt in with
    // test.use({ serviceWorkers: "allow" }).
    serviceWorkers: "block",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? chromiumPath(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "bash tests/e2e/support/start-server.sh",
    url: `http://127.0.0.1:${E2E_PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: e2eDatabaseUrl(),
      // start-server.sh labels the database with the run that owns it.
      CONCORD_TEST_RUN_PID: String(E2E_RUN_PID),
      PORT: String(E2E_PORT),
      // Required in production: links in e-mail are built from it, never from the Host header.
      PUBLIC_ORIGIN: `http://127.0.0.1:${E2E_PORT}`,
      CONCORD_SECRET_KEY: process.env.CONCORD_SECRET_KEY,
      CONCORD_UPLOADS_DIR: process.env.CONCORD_UPLOADS_DIR,
      // Unset: the database store (PostgreSQL's default); CONCORD_BLOB_STORE=local runs the journeys with files on disk.
      CONCORD_BLOB_STORE: process.env.CONCORD_BLOB_STORE ?? "",
      SMTP_URL,
      MAIL_FROM: "Concord tests <no-reply@concord.test>",
      // The IATI import spec serves files on 127.0.0.1 (ADR 0034: private addresses are refused otherwise).
      CONCORD_IATI_IMPORT_PRIVATE_URLS: "1",
    },
  },
});
