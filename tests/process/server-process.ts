import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Helpers to run Concord's own commands as separate processes, the way an
// operator would, on a throw-away embedded data directory.

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "concord-test-"));
}

/** The CONCORD_SECRET_KEY that process tests give a server on PostgreSQL (a test may pass its own, or "" for none). */
export const TEST_SECRET_KEY = "concord-process-test-secret-key-0001";

export type Run = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/**
 * Starts `node --import tsx <script>`. The child uses the embedded database
 * unless `env` names a DATABASE_URL itself (the test's own database is never
 * passed on by accident).
 */
export function runScript(script: string, args: string[], env: Record<string, string>): Run {
  // A production server needs PUBLIC_ORIGIN (app/utils/env.server.ts publicOrigin); a test may unset it with "".
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PUBLIC_ORIGIN: `http://127.0.0.1:${env.PORT ?? 3000}`, ...env };
  if (!("DATABASE_URL" in env)) delete childEnv.DATABASE_URL;
  // A server on PostgreSQL requires the shared secret key (app/utils/env.server.ts requireServerSettings).
  else if (!("CONCORD_SECRET_KEY" in env)) childEnv.CONCORD_SECRET_KEY = TEST_SECRET_KEY;
  delete childEnv.CONCORD_PGLITE_TEMPLATE;
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

export async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!pattern.test(run.output())) {
    if (run.child.exitCode !== null) throw new Error(`process exited early:\n${run.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
