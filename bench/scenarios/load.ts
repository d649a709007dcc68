import { randomBytes } from "node:crypto";
import type { Harness } from "../lib/harness";
import { runLoad, type BuiltRequest, type RequestKind, type ResponseSeen } from "../lib/load";
import { formatFailures, formatLoadTable } from "../lib/report";
import type { Scenario } from "./types";

// Issue 5, item 12: many people using Concord at once, on PostgreSQL. Staff
// browse the dashboard, filtered and searched lists and record pages, create
// activities and deliverables and edit deliverables; a partner ministry reads
// its portal; a donor reads its home page; and everyone downloads exports.
// Pass: every response is the one its request must get (no 5xx, no redirect
// to sign-in, no conflict, no timeout, no connection error).

/** Cycles through a list: each call returns the next item. */
function rotate<T>(items: T[], what: string): () => T {
  if (items.length === 0) throw new Error(`load scenario: the seeded data has no ${what}`);
  let i = 0;
  return () => items[i++ % items.length]!;
}

const expectPage = (res: ResponseSeen) => {
  if (res.status !== 200) return `expected 200, got ${res.status}`;
  if (!res.headers["content-type"]?.startsWith("text/html")) return `expected an HTML page, got ${res.headers["content-type"]}`;
  return null;
};

const expectFile = (contentType: string) => (res: ResponseSeen) => {
  if (res.status !== 200) return `expected 200, got ${res.status}`;
  if (!res.headers["content-type"]?.startsWith(contentType)) return `expected ${contentType}, got ${res.headers["content-type"]}`;
  if (res.body.length === 0) return "empty file";
  return null;
};

const expectRedirect = (pattern: RegExp) => (res: ResponseSeen) => {
  if (res.status !== 302 && res.status !== 303) return `expected a redirect after saving, got ${res.status}`;
  if (!pattern.test(res.headers.location ?? "")) return `redirected to ${res.headers.location ?? "(nowhere)"}, not ${pattern}`;
  return null;
};

type Ids = Awaited<ReturnType<typeof pickRecords>>;

async function pickRecords(h: Harness, editPoolSize: number) {
  const { prisma } = h.app;
  const live = { archivedAt: null };
  const demoProgrammes = await prisma.programme.findMany({
    where: { ...live, code: { not: { startsWith: "SYN-" } } },
    select: { id: true, code: true },
    orderBy: { code: "asc" },
  });
  const synthetic = await prisma.programme.findMany({
    where: { ...live, code: { startsWith: "SYN-" } },
    select: { id: true, code: true },
    orderBy: { code: "asc" },
    take: 5,
  });
  const agreements = await prisma.agreement.findMany({ where: live, select: { id: true }, orderBy: { id: "asc" }, take: 40 });
  const activities = await prisma.activity.findMany({ where: live, select: { id: true }, orderBy: { id: "asc" }, take: 40 });
  const portalProgrammes = await prisma.programme.findMany({
    where: { ...live, countries: { some: { countryCode: "BY" } } },
    select: { code: true },
    orderBy: { code: "asc" },
  });
  const donorProgrammes = await prisma.programme.findMany({
    where: { ...live, organisations: { some: { role: "FUNDING", organisation: { shortName: "KWPF" } } } },
    select: { code: true },
    orderBy: { code: "asc" },
  });
  // The deliverables the edit requests change: one per connection at a time
  // (optimistic locking would otherwise turn concurrent edits into conflicts),
  // twice as many as connections so a slow one never leaves a connection waiting.
  const home = demoProgrammes[0]!;
  const stamp = Date.now();
  await prisma.deliverable.createMany({
    data: Array.from({ length: editPoolSize }, (_, i) => ({
      id: `bench${stamp}${String(i).padStart(5, "0")}`,
      programmeId: home.id,
      title: `Bench deliverable ${i + 1}`,
      status: "NOT_STARTED" as const,
    })),
  });
  const editPool = await prisma.deliverable.findMany({
    where: { id: { startsWith: `bench${stamp}` } },
    select: { id: true, version: true, programmeId: true },
  });
  return { demoProgrammes, synthetic, agreements, activities, portalProgrammes, donorProgrammes, editPool };
}

/** Uploads a real file through the upload form (a programme's PDF report), so downloads have something to fetch. */
async function uploadDocument(h: Harness, programme: { id: string; code: string }): Promise<string> {
  const cookie = h.personas.staff.cookie;
  const pdf = await fetch(`${h.origin}/reports/programmes/${encodeURIComponent(programme.code)}.pdf`, { headers: { Cookie: cookie } });
  if (!pdf.ok) throw new Error(`load scenario: could not fetch a PDF to upload (${pdf.status})`);
  const form = new FormData();
  form.set("_submission", randomBytes(16).toString("hex"));
  form.set("title", `Bench report ${programme.code}`);
  form.set("categoryCode", "A07");
  form.set("programmeId", programme.id);
  form.set("shareable", "on");
  form.set("file", new Blob([await pdf.arrayBuffer()], { type: "application/pdf" }), `bench-${programme.code}.pdf`);
  const res = await fetch(`${h.origin}/documents/new`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: h.origin },
    body: form,
    redirect: "manual",
  });
  const id = /^\/documents\/([^/?]+)/.exec(res.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`load scenario: uploading a document answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return id;
}

function kinds(h: Harness, ids: Ids, documentId: string): RequestKind[] {
  const { staff, partnerBY, donorKWPF } = h.personas;
  const get = (cookie: string, path: string): BuiltRequest => ({ method: "GET", path, headers: { Cookie: cookie } });
  const post = (cookie: string, path: string, fields: Record<string, string>, state?: unknown): BuiltRequest => ({
    method: "POST",
    path,
    headers: {
      Cookie: cookie,
      // A browser's same-site form post carries its origin; the server refuses foreign ones.
      Origin: h.origin,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    // A fresh double-submit key per request, as each rendered form has its own.
    body: new URLSearchParams({ _submission: randomBytes(16).toString("hex"), ...fields }).toString(),
    state,
  });

  const recordProgramme = rotate([...ids.demoProgrammes, ...ids.synthetic], "programmes");
  const agreement = rotate(ids.agreements, "agreements");
  const activity = rotate(ids.activities, "activities");
  const exportProgramme = rotate(ids.demoProgrammes, "demo programmes");
  const portalProgramme = rotate(ids.portalProgrammes, "programmes in Belarus");
  const formProgramme = rotate(ids.demoProgrammes, "demo programmes");
  const filterProgramme = rotate([...ids.synthetic, ...ids.demoProgrammes], "programmes");
  const donorProgramme = rotate(ids.donorProgrammes, "programmes funded by KWPF");
  const searches = rotate(["health", "training", "insurance", "hospital", "policy"], "search terms");

  let created = 0;
  const free = [...ids.editPool];
  // A record whose edit got no answer (a timeout, a dropped connection) is
  // not returned to the pool: its version is unknown. Should the pool run
  // dry, edits are skipped (and counted) rather than sent with a stale version.
  const nextEdit = () => free.shift() ?? null;

  return [
    // Pages
    { name: "staff dashboard", group: "page", weight: 3, build: () => get(staff.cookie, "/workspace"), check: expectPage },
    {
      name: "activities list: search + filter",
      group: "page",
      weight: 2,
      build: () => get(staff.cookie, `/activities?q=${searches()}&status=COMPLETED`),
      check: expectPage,
    },
    {
      name: "deliverables list: programme + status",
      group: "page",
      weight: 2,
      build: () => get(staff.cookie, `/deliverables?programme=${filterProgramme().id}&status=IN_PROGRESS&sort=dueDate`),
      check: expectPage,
    },
    {
      name: "agreements list: page 2, sorted",
      group: "page",
      weight: 1,
      build: () => get(staff.cookie, "/agreements?sort=signedOn&dir=desc&page=2"),
      check: expectPage,
    },
    { name: "programmes list: search", group: "page", weight: 1, build: () => get(staff.cookie, `/programmes?q=${searches()}`), check: expectPage },
    {
      name: "programme page",
      group: "page",
      weight: 2,
      build: () => get(staff.cookie, `/programmes/${encodeURIComponent(recordProgramme().code)}`),
      check: expectPage,
    },
    { name: "agreement page", group: "page", weight: 2, build: () => get(staff.cookie, `/agreements/${agreement().id}`), check: expectPage },
    { name: "activity page", group: "page", weight: 2, build: () => get(staff.cookie, `/activities/${activity().id}`), check: expectPage },
    { name: "partner portal", group: "page", weight: 2, build: () => get(partnerBY.cookie, "/portal"), check: expectPage },
    {
      name: "partner portal programme",
      group: "page",
      weight: 2,
      build: () => get(partnerBY.cookie, `/portal/programmes/${encodeURIComponent(portalProgramme().code)}`),
      check: expectPage,
    },
    { name: "donor home", group: "page", weight: 2, build: () => get(donorKWPF.cookie, "/donor"), check: expectPage },
    // Form posts
    {
      name: "create activity",
      group: "form",
      weight: 1,
      build: () => {
        const n = ++created;
        return post(staff.cookie, "/activities/new", {
          programmeId: formProgramme().id,
          kind: "WORKSHOP",
          title: `Bench workshop ${n}`,
          description: "Created by the load test.",
          countryCode: "BY",
          city: "Minsk",
          status: "PLANNED",
          plannedStart: "2027-03-01",
          plannedEnd: "2027-03-03",
          datePrecision: "DAY",
          participantsTotal: "40",
          participantsFemale: "22",
          participantsMale: "18",
        });
      },
      check: expectRedirect(/^\/activities\/[^/?]+$/),
    },
    {
      name: "create deliverable",
      group: "form",
      weight: 1,
      build: () => {
        const n = ++created;
        return post(staff.cookie, "/deliverables/new", {
          programmeId: formProgramme().id,
          title: `Bench deliverable created ${n}`,
          description: "Created by the load test.",
          dueDate: "2027-06-30",
          status: "NOT_STARTED",
        });
      },
      check: expectRedirect(/^\/deliverables\/[^/?]+$/),
    },
    {
      name: "edit deliverable",
      group: "form",
      weight: 1,
      build: () => {
        const d = nextEdit();
        if (!d) return null;
        const n = ++created;
        return post(
          staff.cookie,
          `/deliverables/${d.id}/edit`,
          {
            version: String(d.version),
            programmeId: d.programmeId,
            title: `Bench deliverable edited ${n}`,
            description: `Edit ${n} by the load test.`,
            dueDate: "2027-09-30",
            status: n % 2 ? "IN_PROGRESS" : "NOT_STARTED",
          },
          d,
        );
      },
      check: (res) => expectRedirect(/^\/deliverables\/[^/?]+$/)(res),
      settle: (state, ok) => {
        const d = state as Ids["editPool"][number];
        // Saved: the record's version went up by one. Not saved: it did not.
        free.push(ok ? { ...d, version: d.version + 1 } : d);
      },
    },
    // Downloads
    {
      name: "CSV list export (activities)",
      group: "download",
      weight: 1,
      // The URL the list's "Download CSV" link has: the CSV comes from the list
      // route's loader, so only a data request (?_data=<route id>) returns it as is.
      build: () => get(staff.cookie, `/activities?programme=${filterProgramme().id}&format=csv&_data=routes%2Factivities._index`),
      check: expectFile("text/csv"),
    },
    {
      name: "programme PDF report",
      group: "download",
      weight: 1,
      build: () => get(staff.cookie, `/reports/programmes/${encodeURIComponent(exportProgramme().code)}.pdf`),
      check: expectFile("application/pdf"),
    },
    {
      name: "programme XLSX workbook",
      group: "download",
      weight: 1,
      build: () => get(staff.cookie, `/reports/programmes/${encodeURIComponent(exportProgramme().code)}.xlsx`),
      check: expectFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    },
    {
      name: "IATI XML (donor, one programme)",
      group: "download",
      weight: 1,
      build: () => get(donorKWPF.cookie, `/reports/iati.xml?programme=${encodeURIComponent(donorProgramme().code)}`),
      check: expectFile("application/xml"),
    },
    {
      name: "document download",
      group: "download",
      weight: 1,
      build: () => get(staff.cookie, `/documents/${documentId}/download`),
      check: expectFile("application/pdf"),
    },
  ];
}

export const load: Scenario = {
  name: "load",
  summary: "Issue 5 item 12: N concurrent clients over pages, form posts and downloads; zero 5xx, failures and timeouts.",
  defaults: { durationSec: 120, connections: 50, syntheticProgrammes: 10 },
  async run(h, options) {
    const ids = await pickRecords(h, options.connections * 2);
    const documentId = await uploadDocument(h, ids.demoProgrammes[0]!);
    const mix = kinds(h, ids, documentId);

    // Preflight: each kind once, in turn. A mix that is wrong before any load
    // (a route renamed, a session refused) is reported as such, not as 6000 failures.
    const problems: string[] = [];
    for (const kind of mix) {
      const req = kind.build();
      if (!req) {
        problems.push(`preflight ${kind.name}: nothing to send`);
        continue;
      }
      const res = await fetch(`${h.origin}${req.path}`, {
        method: req.method,
        headers: req.headers,
        body: req.method === "POST" ? (req.body as string) : undefined,
        redirect: "manual",
      });
      const seen: ResponseSeen = { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
      const problem = seen.status >= 500 ? `server error ${seen.status}` : kind.check(seen);
      kind.settle?.(req.state, !problem, seen);
      if (problem) problems.push(`preflight ${kind.name} (${req.method} ${req.path}): ${problem} ${seen.body.slice(0, 200)}`);
    }
    if (problems.length) return { passed: false, result: { preflight: problems }, report: problems.join("\n"), problems };

    h.log(`load: ${options.connections} connections for ${options.durationSec} s over ${mix.length} kinds of request`);
    const result = await runLoad({
      origin: h.origin,
      connections: options.connections,
      durationSec: options.durationSec,
      timeoutSec: options.timeoutSec,
      kinds: mix,
      progress: h.log,
    });
    const t = result.totals;
    if (t.requests === 0) problems.push("no request was answered");
    if (t.status5xx) problems.push(`${t.status5xx} responses were 5xx`);
    if (t.failed) problems.push(`${t.failed} responses were not what their request must get`);
    if (t.errors) problems.push(`${t.errors} requests failed without a response (${t.timeouts} timeouts)`);
    const skipped = result.kinds.filter((k) => k.skipped > 0);
    if (skipped.length) problems.push(`requests skipped for want of something to send: ${skipped.map((k) => `${k.name} ×${k.skipped}`).join(", ")}`);
    const failures = formatFailures(result);
    return {
      passed: problems.length === 0,
      result: { ...result, mix: mix.map((k) => ({ name: k.name, group: k.group, weight: k.weight })) },
      report: formatLoadTable(result) + (failures ? `\n\nFailures (the first few of each kind):\n${failures}` : ""),
      problems,
    };
  },
};
