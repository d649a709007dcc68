// npm run bench:plans [-- --template concord_big] [--build] [--no-doc]
//
// What each main page asks of the database, and what PostgreSQL does with it
// (issue 16, point 1). On a large portfolio, it:
//   1. uses the database DATABASE_URL names as it is, or (by default) a fresh
//      copy of `concord_big` on the local test cluster (CREATE DATABASE ...
//      TEMPLATE, dropped afterwards; the template itself is never written to),
//      migrated with this checkout's migrations;
//   2. signs in a staff user, a partner of Belarus and a donor of KWPF the way
//      the bench does (bench/lib/app.ts);
//   3. loads the production build (build/index.js) and sends each page through
//      Remix's request handler in this process, twice: once to warm up, once
//      with every SQL statement node-postgres sends captured with its
//      parameters (Prisma's PostgreSQL adapter goes through pg's Client);
//   4. runs `EXPLAIN (ANALYZE, BUFFERS)` on each captured statement with the
//      same parameters, inside a transaction that is rolled back;
//   5. writes bench/results/plans-<time>.json (every statement whole, with its
//      whole plan) and the summary between the `bench:plans` markers of
//      docs/performance.md (unless --no-doc).
// The figures are one request's, on whatever the machine is doing: read them
// for the shape of the plans (what is scanned, how many statements), not as
// timings to compare to the tenth of a millisecond.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import type { ServerBuild } from "@remix-run/node";
import { benchServerUrl, databaseUrl, migrateBenchDatabase, redactUrl } from "./lib/database";
import { updatePerformanceDoc } from "./lib/doc-table";
import { isExplainable, pageTotals, plansMarkdown, summarisePlan, type PagePlans, type StatementPlan } from "./lib/plans";
import { writeResults } from "./lib/report";
import { ensureBuild } from "./lib/server";

const log = (line: string) => console.log(`[plans ${new Date().toISOString().slice(11, 19)}] ${line}`);

const { values } = parseArgs({
  options: {
    template: { type: "string", default: "concord_big" },
    build: { type: "boolean", default: false },
    "no-doc": { type: "boolean", default: false },
  },
});
const template = values.template!;
if (!/^[a-z0-9_]+$/.test(template)) throw new Error(`unsafe template name: ${template}`);

// ---------------------------------------------------------------------------
// Capturing what the page sends: every query through pg's Client (a Pool's
// query ends there too). Only while `capturing` is set, and never the
// EXPLAIN client's own statements.

type Captured = { text: string; values: unknown[] };
let capturing: Captured[] | null = null;
const explainClients = new WeakSet<pg.Client>();
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing && !explainClients.has(this)) {
    const [first, second] = args;
    if (typeof first === "string") capturing.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === "object" && "text" in first) {
      const config = first as { text: string; values?: unknown[] };
      capturing.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? second : []) });
    }
  }
  return originalQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

// ---------------------------------------------------------------------------

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  explainClients.add(client);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A copy of the template database; retried while someone is connected to the template (CREATE ... TEMPLATE needs it alone). */
async function copyTemplate(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 30 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  });
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  const given = process.env.DATABASE_URL;
  const serverUrl = benchServerUrl();
  let copy: string | null = null;
  let url: string;
  if (given) {
    url = given;
    if (new URL(given).pathname.replace(/^\//, "") === template) {
      throw new Error(`DATABASE_URL names ${template} itself: the tool signs users in, so it runs on a copy (leave DATABASE_URL unset to make one)`);
    }
  } else {
    copy = `concord_plans_${process.pid}`;
    log(`copying ${template} to ${copy}`);
    await copyTemplate(serverUrl, copy);
    url = databaseUrl(serverUrl, copy);
  }
  if (copy) {
    // The copy gets this worktree's migrations (new indexes among them) the
    // template does not have yet; a database given in DATABASE_URL is read as it is.
    process.env.DATABASE_URL = url;
    const applied = await migrateBenchDatabase(url).catch(async (error: unknown) => {
      await dropDatabase(serverUrl, copy!);
      throw error;
    });
    if (applied.length) log(`applied ${applied.length} migration(s) the template lacks: ${applied.join(", ")}`);
  }
  try {
    return await measure(url, copy, startedAt);
  } finally {
    if (copy) {
      await dropDatabase(serverUrl, copy);
      log(`dropped ${copy}`);
    }
  }
}

async function measure(url: string, copy: string | null, startedAt: string): Promise<number> {
  if (values.build) ensureBuild(log);
  const buildPath = path.resolve("build", "index.js");
  if (!fs.existsSync(buildPath)) throw new Error("no build/index.js: run `npx remix build` first (or pass --build)");

  // Before any app module loads: they read their settings once, on first import.
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = "production";
  process.env.CONCORD_SECRET_KEY ||= randomBytes(32).toString("hex");
  process.env.PUBLIC_ORIGIN ||= "http://127.0.0.1:3999";
  process.env.CONCORD_DATA_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "concord-plans-"));

  const { openApp } = await import("./lib/app");
  const app = await openApp(url);
  const userIds: string[] = [];
  try {
    const staff = await app.signedIn("STAFF");
    const partner = await app.signedIn("PARTNER", { countries: ["BY"] });
    const donor = await app.signedIn("DONOR", { organisationShortNames: ["KWPF"] });
    userIds.push(staff.userId, partner.userId, donor.userId);

    const { tableRows, byCode } = await withClient(url, async (c) => {
      const sizes = await c.query<{ relname: string; rows: number }>(
        `SELECT relname, reltuples::float8 AS rows FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace`,
      );
      // The Belarus programme with the most activities: the portal page at its largest.
      const by = await c.query<{ code: string }>(
        `SELECT p.code FROM "Programme" p JOIN "ProgrammeCountry" pc ON pc."programmeId" = p.id AND pc."countryCode" = 'BY'
          WHERE p."archivedAt" IS NULL
          ORDER BY (SELECT COUNT(*) FROM "Activity" a WHERE a."programmeId" = p.id) DESC, p.code LIMIT 1`,
      );
      return { tableRows: Object.fromEntries(sizes.rows.map((r) => [r.relname, Number(r.rows)])), byCode: by.rows[0]?.code };
    });
    if (!byCode) throw new Error("no Belarus programme in this database");

    const pages = [
      { name: "staff dashboard", path: "/workspace", persona: "staff", cookie: staff.cookie },
      { name: "activity list, filtered", path: "/activities?kind=WORKSHOP&status=COMPLETED&sort=start&dir=desc", persona: "staff", cookie: staff.cookie },
      { name: "programme page", path: "/programmes/SYN-0001", persona: "staff", cookie: staff.cookie },
      { name: "portfolio", path: "/portfolio", persona: "staff", cookie: staff.cookie },
      { name: "partner portal", path: "/portal", persona: "partner BY", cookie: partner.cookie },
      { name: "partner programme page", path: `/portal/programmes/${byCode}`, persona: "partner BY", cookie: partner.cookie },
      { name: "donor dashboard", path: "/donor", persona: "donor KWPF", cookie: donor.cookie },
    ];

    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    const { createRequestHandler } = await import("@remix-run/node");
    const { createRequestContext, runWithRequestContext } = await import("../app/utils/request-context.server");
    const handle = createRequestHandler(build, "production");
    const origin = process.env.PUBLIC_ORIGIN!;
    const fetchPage = async (pagePath: string, cookie: string) => {
      const request = new Request(new URL(pagePath, origin), { headers: { Cookie: cookie, "Accept-Language": "en", "User-Agent": "concord-plans" } });
      const context = createRequestContext({ request, clientIp: "127.0.0.1" });
      const loadContext = { clientIp: context.clientIp, requestId: context.requestId, userAgent: context.userAgent, cspNonce: "plans", dataRequest: false };
      const response = await runWithRequestContext(context, () => handle(request, loadContext));
      return { status: response.status, html: await response.text() };
    };

    const results: PagePlans[] = [];
    for (const page of pages) {
      const warm = await fetchPage(page.path, page.cookie);
      if (warm.status !== 200) throw new Error(`${page.path} answered ${warm.status} to ${page.persona}`);
      const captured: Captured[] = [];
      capturing = captured;
      let answer: { status: number; html: string };
      const began = performance.now();
      let requestMs: number;
      try {
        answer = await fetchPage(page.path, page.cookie);
        requestMs = Math.round((performance.now() - began) * 10) / 10;
      } finally {
        capturing = null;
      }
      const statements: StatementPlan[] = [];
      let skipped = 0;
      await withClient(url, async (c) => {
        for (const s of captured) {
          if (!isExplainable(s.text)) {
            skipped++;
            continue;
          }
          const base = { sql: s.text, params: s.values.length, values: s.values };
          await c.query("BEGIN");
          try {
            const plan = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
            const lines = plan.rows.map((r) => r["QUERY PLAN"]);
            statements.push({ ...base, ...summarisePlan(lines, (t) => tableRows[t] ?? null), plan: lines });
          } catch (error) {
            statements.push({ ...base, ...summarisePlan([]), error: (error as Error).message });
          } finally {
            // EXPLAIN ANALYZE runs the statement: whatever it wrote is undone.
            await c.query("ROLLBACK");
          }
        }
      });
      const result: PagePlans = { ...page, status: answer.status, requestMs, htmlBytes: Buffer.byteLength(answer.html), statements, skipped };
      delete (result as { cookie?: string }).cookie;
      results.push(result);
      const t = pageTotals(result);
      log(`${page.path} (${page.persona}): ${requestMs} ms answering, ${t.statements} statements, ${t.executionMs.toFixed(1)} ms executing (JIT ${t.jitMs.toFixed(1)}), ${t.sharedHit} buffers hit, ${t.sharedRead} read, ${t.largeSeqScans} Seq Scans of large tables`);
    }

    const database = copy ? `a copy of ${template}` : redactUrl(url);
    const run = { startedAt, database, tableRows, pages: results };
    const file = writeResults("plans", startedAt, run);
    log(`results: ${path.relative(process.cwd(), file)}`);
    if (!values["no-doc"]) log(updatePerformanceDoc("plans", plansMarkdown(run)));
    return 0;
  } finally {
    // On a database someone gave us, leave no bench users behind (their sessions go with them).
    if (!copy && userIds.length) await app.prisma.user.deleteMany({ where: { id: { in: userIds } } }).catch(() => undefined);
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
