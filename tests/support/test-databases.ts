import os from "node:os";
import pg from "pg";
import { databaseUrl } from "./test-env";

// Every database a test run makes on the test PostgreSQL server (the database
// tests' template and per-file copies, the end-to-end server's database) is
// made here and labelled with the run that owns it: a comment naming this
// machine and the process id of the run's main process (the Vitest or
// Playwright runner). The run drops them at its end and checks none is left
// (assertRunLeftNothing); a run that was killed cannot, so every run starts by
// dropping the databases whose owner is no longer alive on this machine
// (sweepAbandonedDatabases). A database of another run that is still going
// (several developers and helpers share the server) is never touched, and
// neither is anything without the label. See docs/decisions/0018-flash-messages.md.

const LABEL = "concord-test-run";

export type RunOwner = { host: string; pid: number };

/** The owner label for a run whose main process is `pid` (default: this process). */
export function runOwner(pid = process.pid): RunOwner {
  return { host: os.hostname(), pid };
}

function label(owner: RunOwner): string {
  return `${LABEL} host=${owner.host} pid=${owner.pid}`;
}

function parseLabel(comment: string | null): RunOwner | null {
  const match = comment?.match(/^concord-test-run host=(\S+) pid=(\d+)$/);
  return match ? { host: match[1], pid: Number(match[2]) } : null;
}

/** A database identifier as it may appear in SQL (these names are made by the tests, never by input). */
function ident(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a test database name: ${name}`);
  return `"${name}"`;
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a database (from `template` if given) labelled with its owner; returns its URL. */
export async function createTestDatabase(adminUrl: string, name: string, owner: RunOwner, template?: string): Promise<string> {
  await withAdmin(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
    await c.query(`COMMENT ON DATABASE ${ident(name)} IS '${label(owner)}'`);
  });
  return databaseUrl(adminUrl, name);
}

/**
 * Drops a database, ending its connections. PostgreSQL's own background
 * workers (autovacuum) may briefly hold one that the test role may not end,
 * so it tries again for a few seconds; false if it is still there.
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
      return true;
    } catch (error) {
      if (attempt === 10) {
        process.stdout.write(`note: could not drop test database ${name}: ${(error as Error).message}\n`);
        return false;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The labelled test databases on the server, with their owners. */
export async function labelledDatabases(adminUrl: string): Promise<{ name: string; owner: RunOwner }[]> {
  const { rows } = await withAdmin(adminUrl, (c) =>
    c.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database ORDER BY datname`,
    ),
  );
  return rows.flatMap((r) => {
    const owner = parseLabel(r.comment);
    return owner ? [{ name: r.datname, owner }] : [];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Drops the databases left by runs on this machine that ended without dropping them (killed). */
export async function sweepAbandonedDatabases(adminUrl: string): Promise<string[]> {
  const host = os.hostname();
  const abandoned = (await labelledDatabases(adminUrl)).filter((d) => d.owner.host === host && !alive(d.owner.pid));
  const dropped: string[] = [];
  for (const d of abandoned) if (await dropTestDatabase(adminUrl, d.name)) dropped.push(d.name);
  return dropped;
}

/** The databases of this run still on the server. */
export async function databasesOf(adminUrl: string, owner: RunOwner): Promise<string[]> {
  return (await labelledDatabases(adminUrl)).filter((d) => d.owner.host === owner.host && d.owner.pid === owner.pid).map((d) => d.name);
}

/**
 * The end of a run: drops whatever of its databases is still there (a file
 * whose own drop failed), then fails loudly if any remains, so a run that
 * leaves data behind does not pass unnoticed.
 */
export async function assertRunLeftNothing(adminUrl: string, owner: RunOwner): Promise<void> {
  for (const name of await databasesOf(adminUrl, owner)) await dropTestDatabase(adminUrl, name);
  const left = await databasesOf(adminUrl, owner);
  if (left.length) throw new Error(`The test run left databases behind on the test server: ${left.join(", ")}`);
}
