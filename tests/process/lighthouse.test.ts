import fs from "node:fs";
import path from "node:path";
import type { Result } from "lighthouse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLighthouse } from "../../scripts/lib/lighthouse";
import { migratedDataDir } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput, type Run } from "./server-process";

// Lighthouse 12 on four pages of the production build (issue 6, point 4):
// the sign-in page, the staff dashboard, the activity list and the partner
// portal. Targets: Accessibility 100, Best Practices >= 95.
//
// No Performance score here (issue 16): a score is a timing, and the suite
// failed it on a busy machine (65 against 90, nothing changed in the pages).
// `npm run bench -- lighthouse` measures it with both presets
// (bench/scenarios/lighthouse.ts; docs/performance.md, "Lighthouse
// performance (bench)"). The JavaScript each page loads stays gated, by size:
// tests/unit/bundle-budget.test.ts. Accessibility and Best Practices do not
// depend on the preset or the machine's load; the desktop preset is used.
//
// Data: the demo portfolio (what a visitor of the demo sees, and its accounts,
// which sign in without a second factor) plus one synthetic programme, so the
// activity list shows a full page and the dashboard real counts. Everyone
// signs in through the sign-in form, like a browser; the session cookie goes
// on Lighthouse's requests (extraHeaders). Each page is checked to have been
// audited at its own address, not at a redirect to the sign-in page.
//
// Reports: tests/.artifacts/lighthouse/<page>.json (open them in
// https://googlechrome.github.io/lighthouse/viewer/). On failure the message
// lists every audit under target with the nodes or files it blames.

const PORT = 3470;
const BASE = `http://127.0.0.1:${PORT}`;
const REPORTS = path.resolve("tests/.artifacts/lighthouse");
const TARGETS = { accessibility: 1, "best-practices": 0.95 } as const;
type Category = keyof typeof TARGETS;

const DEMO = {
  staff: { email: "staff@concord.demo", password: "concord-staff-demo" },
  partner: { email: "partner.by@concord.demo", password: "concord-partner-by" },
};

const PAGES: { name: string; path: string; as: keyof typeof DEMO | null }[] = [
  { name: "sign-in", path: "/sign-in", as: null },
  { name: "staff-dashboard", path: "/workspace", as: "staff" },
  { name: "activity-list", path: "/activities", as: "staff" },
  { name: "partner-portal", path: "/portal", as: "partner" },
];

let server: Run | undefined;
let dataDir: string | undefined;
const cookies: Partial<Record<keyof typeof DEMO, string>> = {};

async function signIn(who: keyof typeof DEMO): Promise<string> {
  const response = await fetch(`${BASE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams(DEMO[who]),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("concord_session="));
  if (response.status !== 302 || !cookie) throw new Error(`signing in as ${who} failed: ${response.status} ${await response.text()}`);
  return cookie;
}

async function audit(page: (typeof PAGES)[number]): Promise<Result> {
  const cookie = page.as ? cookies[page.as] : undefined;
  const { lhr, report } = await runLighthouse(`${BASE}${page.path}`, {
    cookie,
    preset: "desktop",
    categories: Object.keys(TARGETS),
    // The page's own status is read from it (a Performance diagnostic, not run otherwise).
    audits: ["network-requests"],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  fs.writeFileSync(path.join(REPORTS, `${page.name}.json`), report);
  return lhr;
}

/** Every audit of a category under target, with what it blames, as readable lines. */
function failingAudits(lhr: Result, category: Category): string[] {
  const lines: string[] = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (audit.score === null || audit.score >= 1 || (ref.weight === 0 && audit.scoreDisplayMode !== "binary")) continue;
    lines.push(`  - ${audit.id} "${audit.title}": score ${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
    const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
    for (const item of (details?.items ?? []).slice(0, 8)) {
      const node = item.node as { selector?: string; snippet?: string; explanation?: string } | undefined;
      if (node) lines.push(`      ${node.selector ?? ""} ${node.snippet ?? ""}${node.explanation ? `\n        ${node.explanation.replace(/\n/g, "\n        ")}` : ""}`);
      else if (typeof item.url === "string") {
        const extra = ["wastedMs", "wastedBytes", "totalBytes", "duration"].filter((k) => typeof item[k] === "number").map((k) => `${k} ${Math.round(item[k] as number)}`);
        lines.push(`      ${item.url} ${extra.join(", ")}`);
      } else lines.push(`      ${JSON.stringify(item).slice(0, 300)}`);
    }
  }
  return lines;
}

describe("Lighthouse (desktop preset) on the production build: accessibility and best practices", () => {
  beforeAll(async () => {
    if (!fs.existsSync("build/index.js") || !fs.existsSync("public/build")) throw new Error("No production build: run `npm run build` first.");
    const data = (dataDir = tempDataDir());
    await migratedDataDir(data);
    const demo = runScript("scripts/db-seed.ts", [], { CONCORD_DATA_DIR: data, CONCORD_DEMO: "1" });
    if ((await demo.exited).code !== 0) throw new Error(`demo seed failed:\n${demo.output()}`);
    const synthetic = runScript("scripts/db-seed.ts", ["--synthetic", "1"], { CONCORD_DATA_DIR: data });
    if ((await synthetic.exited).code !== 0) throw new Error(`synthetic seed failed:\n${synthetic.output()}`);
    server = runScript("scripts/server.ts", [], { CONCORD_DATA_DIR: data, CONCORD_DEMO: "1", PORT: String(PORT) });
    await waitForOutput(server, new RegExp(`Concord listening on ${BASE.replace(/\./g, "\\.")}`));
    cookies.staff = await signIn("staff");
    cookies.partner = await signIn("partner");
    fs.mkdirSync(REPORTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const page of PAGES) {
    it(`${page.name} (${page.path}): Accessibility 100, Best Practices >= 95`, async () => {
      // A run that fails to record the page is retried (scripts/lib/lighthouse.ts).
      const lhr = await audit(page);

      expect(lhr.runtimeError, lhr.runtimeError?.message).toBeUndefined();
      // The page itself was audited, not a redirect to sign-in or an error page.
      expect(new URL(lhr.finalDisplayedUrl).pathname).toBe(page.path);
      const requests = (lhr.audits["network-requests"].details as unknown as { items: { url: string; statusCode: number }[] }).items;
      expect(requests.find((r) => r.url === lhr.finalDisplayedUrl)?.statusCode, "the page's own status").toBe(200);

      const scores = Object.fromEntries(Object.keys(TARGETS).map((c) => [c, lhr.categories[c].score ?? 0])) as Record<Category, number>;
      const misses = (Object.keys(TARGETS) as Category[]).filter((c) => scores[c] < TARGETS[c]);
      const report = misses.flatMap((c) => [
        `${c}: ${Math.round(scores[c] * 100)} (target ${TARGETS[c] * 100})`,
        ...failingAudits(lhr, c),
      ]);
      expect(misses, `${page.path} under target (report: ${path.join(REPORTS, `${page.name}.json`)}):\n${report.join("\n")}`).toEqual([]);
    }, 75_000);
  }
});
