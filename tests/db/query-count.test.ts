import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  growToLarge,
  LARGE_PROGRAMMES,
  PROGRAMME,
  seedSmall,
  signedIn,
  sizes,
  type MeasuredRecords,
  type Persona,
} from "../support/query-count-portfolio";
import { addedQueries, growthReport, requestPage, type PageRequest, type PageResult, type RouteModule } from "../support/query-count";

// No N+1 (issue 6, point 3): the number of SQL statements each main page
// issues must not grow with the data.
//
// How: through Prisma's query events. app/utils/db.server.ts turns them on
// only when CONCORD_QUERY_EVENTS=1 is set before it is first loaded (so a
// production server pays nothing), and onQuery() hands every statement to a
// listener. With the driver adapters of Prisma 6.19 (engineType "client")
// the client engine emits one event per statement it sends, interactive
// transactions' COMMIT included (their BEGIN is not reported).
//
// Each page is requested the way scripts/server.ts does it, without a server:
// the route's loader and the root loader (a document request) or the route's
// loader alone (a file or `?_data=` request), with a real session cookie, the
// server's load context and its per-request memo; response bodies are read to the end, since the
// exports query while they stream. Every page is requested once to warm up
// (module-level caches), then on a small portfolio, then on one at least 10x
// larger (tests/support/query-count-portfolio.ts): the programme, activity
// and agreement pages show the same records with ten times the children.
// A page fails if it issued more statements on the large portfolio; the
// message lists the statements that were added, so the repeated query shows.
//
// Allowed, by design: the IATI export reads IATI_PROGRAMME_BATCH programmes at
// a time (app/reports/iati.server.ts) and their children with one query per
// kind per batch: on the large portfolio it may issue each statement of a
// batch once more per extra batch of programmes, and nothing else.
// Allowed, by design: the activity exports read ACTIVITY_EXPORT_BATCH (1,000)
// activities at a time, to bound the server's memory (issue 16); on the large
// portfolio they may issue their batch's statements once more per extra batch
// of rows, and nothing else.

process.env.CONCORD_QUERY_EVENTS = "1";

type Db = typeof import("../../app/utils/db.server");
let db: Db;
let server: Parameters<typeof requestPage>[1];
let records: MeasuredRecords;
// batchRows: the page is an export that reads its rows that many at a time (by design, see below).
let pages: (PageRequest & { expect: RegExp; batchRows?: number; batchProgrammes?: number })[] = [];
const small = new Map<string, PageResult>();
const large = new Map<string, PageResult>();
let before: Awaited<ReturnType<typeof sizes>>;
let after: Awaited<ReturnType<typeof sizes>>;

// it.each runs before beforeAll fills `pages`, so the names are listed here too.
const PAGES = [
  "staff dashboard",
  "programme list",
  "activity list",
  "activity list, filtered",
  "agreement list",
  "deliverable list",
  "outcome list",
  "programme page",
  "activity page",
  "agreement page",
  "portfolio (staff)",
  "partner portal",
  "partner portal programme",
  "donor dashboard",
  "portfolio (donor)",
  "activities CSV",
  "activities XLSX",
  "programme XLSX",
  "programme PDF",
  "IATI XML, whole portfolio",
];

// A page with a deliberate N+1 (one count per programme): the check below
// must see it grow, or this test could not fail.
const N_PLUS_ONE = "self-check: a loader with one query per programme";
const nPlusOne: RouteModule = {
  async loader() {
    const programmes = await db.prisma.programme.findMany({ select: { id: true } });
    const counts = [];
    for (const p of programmes) counts.push(await db.prisma.activity.count({ where: { programmeId: p.id } }));
    return Response.json(counts);
  },
};

async function measure(into: Map<string, PageResult> | null) {
  const { SESSION_IDLE } = await import("../../app/auth/session.server");
  for (const page of pages) {
    // A session's idle timeout slides at most once a minute (app/auth/session.server.ts).
    // A pass over the large portfolio on a busy machine takes longer than that, and the
    // extension would be counted as the page's own statement: each request starts from
    // a session just extended, outside the counted window, so only the page is counted.
    await db.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() + SESSION_IDLE.milliseconds()) } });
    const result = await requestPage(page, server);
    into?.set(page.name, result);
  }
}

beforeAll(async () => {
  db = await import("../../app/utils/db.server");
  const { seedSyntheticPortfolio } = await import("../../app/models/seed.server");
  const { startSession } = await import("../../app/auth/session.server");
  const { requestMemo } = await import("../../app/utils/request-memo.server");
  const { ACTIVITY_EXPORT_BATCH } = await import("../../app/models/activity.server");
  const { IATI_PROGRAMME_BATCH } = await import("../../app/reports/iati.server");
  server = {
    root: await import("../../app/root"),
    onQuery: db.onQuery,
    around: (handle) => requestMemo.run(new Map(), handle),
  };
  const prisma = db.prisma;

  const seeded = await seedSmall(prisma, seedSyntheticPortfolio);
  // The IATI file is the centre's publication: it needs the publisher settings (issue 17).
  const { ensurePublisher } = await import("../factories/publisher");
  await ensurePublisher(prisma);
  records = seeded.records;
  const staff = await signedIn(prisma, startSession, "STAFF");
  // A partner of every country, so the portal sees every programme; a donor
  // of the synthetic fund, which funds every synthetic programme.
  const countries = (await prisma.country.findMany({ select: { code: true } })).map((c) => c.code);
  const partner = await signedIn(prisma, startSession, "PARTNER", { countries });
  const fund = await prisma.organisation.findUniqueOrThrow({ where: { shortName: "SYN-KR-FUND" }, select: { id: true } });
  const donor = await signedIn(prisma, startSession, "DONOR", { organisationIds: [fund.id] });

  const as = (p: Persona) => ({ cookie: p.cookie });
  const html = /^application\/json/; // a page's loader data
  pages = [
    { name: "staff dashboard", path: "/workspace", route: () => import("../../app/routes/workspace._index"), ...as(staff), expect: html },
    { name: "programme list", path: "/programmes", route: () => import("../../app/routes/programmes._index"), ...as(staff), expect: html },
    { name: "activity list", path: "/activities", route: () => import("../../app/routes/activities._index"), ...as(staff), expect: html },
    {
      name: "activity list, filtered",
      path: "/activities?kind=WORKSHOP&status=COMPLETED&sort=title&dir=asc",
      route: () => import("../../app/routes/activities._index"),
      ...as(staff),
      expect: html,
    },
    { name: "agreement list", path: "/agreements", route: () => import("../../app/routes/agreements._index"), ...as(staff), expect: html },
    { name: "deliverable list", path: "/deliverables", route: () => import("../../app/routes/deliverables._index"), ...as(staff), expect: html },
    { name: "outcome list", path: "/outcomes", route: () => import("../../app/routes/outcomes._index"), ...as(staff), expect: html },
    {
      name: "programme page",
      path: `/programmes/${PROGRAMME}`,
      route: () => import("../../app/routes/programmes.$code._index"),
      params: { code: PROGRAMME },
      ...as(staff),
      expect: html,
    },
    {
      name: "activity page",
      path: `/activities/${records.activityId}`,
      route: () => import("../../app/routes/activities.$id._index"),
      params: { id: records.activityId },
      ...as(staff),
      expect: html,
    },
    {
      name: "agreement page",
      path: `/agreements/${records.agreementId}`,
      route: () => import("../../app/routes/agreements.$id._index"),
      params: { id: records.agreementId },
      ...as(staff),
      expect: html,
    },
    { name: "portfolio (staff)", path: "/portfolio", route: () => import("../../app/routes/portfolio"), ...as(staff), expect: html },
    { name: "partner portal", path: "/portal", route: () => import("../../app/routes/portal._index"), ...as(partner), expect: html },
    {
      name: "partner portal programme",
      path: `/portal/programmes/${PROGRAMME}`,
      route: () => import("../../app/routes/portal.programmes.$code"),
      params: { code: PROGRAMME },
      ...as(partner),
      expect: html,
    },
    { name: "donor dashboard", path: "/donor", route: () => import("../../app/routes/donor._index"), ...as(donor), expect: html },
    { name: "portfolio (donor)", path: "/portfolio", route: () => import("../../app/routes/portfolio"), ...as(donor), expect: html },
    {
      name: "activities CSV",
      batchRows: ACTIVITY_EXPORT_BATCH,
      path: "/activities?format=csv",
      route: () => import("../../app/routes/activities._index"),
      resource: true,
      dataRequest: true,
      ...as(staff),
      expect: /^text\/csv/,
    },
    {
      name: "activities XLSX",
      batchRows: ACTIVITY_EXPORT_BATCH,
      path: "/activities?format=xlsx",
      route: () => import("../../app/routes/activities._index"),
      resource: true,
      dataRequest: true,
      ...as(staff),
      expect: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
    },
    {
      name: "programme XLSX",
      path: `/reports/programmes/${PROGRAMME}.xlsx`,
      route: () => import("../../app/routes/reports.programmes.$code[.]xlsx"),
      params: { code: PROGRAMME },
      resource: true,
      ...as(staff),
      expect: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
    },
    {
      name: "programme PDF",
      path: `/reports/programmes/${PROGRAMME}.pdf`,
      route: () => import("../../app/routes/reports.programmes.$code[.]pdf"),
      params: { code: PROGRAMME },
      resource: true,
      ...as(staff),
      expect: /^application\/pdf/,
    },
    {
      name: "IATI XML, whole portfolio",
      path: "/reports/iati.xml",
      route: () => import("../../app/routes/reports.iati[.]xml"),
      resource: true,
      batchProgrammes: IATI_PROGRAMME_BATCH,
      ...as(staff),
      expect: /^application\/xml/,
    },
    { name: N_PLUS_ONE, path: "/self-check", route: async () => nPlusOne, resource: true, ...as(staff), expect: /^application\/json/ },
  ];

  await measure(null);
  await measure(small);
  before = await sizes(prisma, records);
  await growToLarge(prisma, seeded, seedSyntheticPortfolio);
  await measure(large);
  after = await sizes(prisma, records);
}, 240_000);

afterAll(() => {
  if (!large.size) return;
  // For docs/performance.md: the count of every page on both portfolios.
  const rows = pages
    .filter((p) => p.name !== N_PLUS_ONE)
    .map((p) => `| ${p.name} | ${small.get(p.name)?.queries.length} | ${large.get(p.name)?.queries.length} |`);
  const data = (k: "portfolio" | "records") => Object.entries(before[k]).map(([what, n]) => `${what} ${n} -> ${(after[k] as Record<string, number>)[what]}`).join(", ");
  process.stdout.write(
    `\nSQL statements per request (${process.env.TEST_DB ?? "embedded"}; portfolio: ${data("portfolio")}; measured records: ${data("records")}):\n` +
      `| Page | Small | Large |\n|---|---|---|\n${rows.join("\n")}\n`,
  );
});

describe("SQL statements per page do not grow with the data", () => {
  it(`the large portfolio is at least ${LARGE_PROGRAMMES}x the small one, and the measured records have more children`, () => {
    const portfolio = (what: keyof typeof before.portfolio) => `${what}: ${before.portfolio[what]} -> ${after.portfolio[what]}`;
    for (const what of ["programmes", "activities", "deliverables", "outcomes", "participantGroups"] as const) {
      expect(after.portfolio[what], portfolio(what)).toBeGreaterThanOrEqual(LARGE_PROGRAMMES * before.portfolio[what]);
    }
    // Agreements are not thinned on the small portfolio (amendments, parties
    // and indicators hang on them): they grow with the programmes only.
    expect(after.portfolio.agreements, portfolio("agreements")).toBeGreaterThanOrEqual(5 * before.portfolio.agreements);
    for (const [what, n] of Object.entries(before.records)) {
      const grown = after.records[what as keyof typeof before.records];
      expect(n, `${what} on the small portfolio`).toBeGreaterThan(0);
      expect(grown, `${what}: ${n} -> ${grown}`).toBeGreaterThanOrEqual(3 * n);
    }
    // Every page measured is checked below.
    expect(pages.map((p) => p.name).filter((n) => n !== N_PLUS_ONE)).toEqual(PAGES);
  });

  it("sees a deliberate N+1 and names the repeated statement", () => {
    const s = small.get(N_PLUS_ONE)!.queries;
    const l = large.get(N_PLUS_ONE)!.queries;
    expect(l.length).toBe(s.length + LARGE_PROGRAMMES - 1);
    const added = addedQueries(s, l);
    expect(added).toHaveLength(1);
    expect(added[0]!.extra).toBe(LARGE_PROGRAMMES - 1);
    expect(added[0]!.sql).toMatch(/^SELECT COUNT\(\*\).*"Activity"/);
    expect(growthReport(N_PLUS_ONE, s, l)).toContain(`+${LARGE_PROGRAMMES - 1} × SELECT COUNT(*)`);
  });

  it.each(PAGES)("%s", (name) => {
    const page = pages.find((p) => p.name === name);
    expect(page, `no page named ${name}`).toBeDefined();
    for (const [size, result] of [["small", small.get(name)!], ["large", large.get(name)!]] as const) {
      expect(result.status, `${name} on the ${size} portfolio answered ${result.status}: ${result.body.toString("utf8", 0, 200)}`).toBe(200);
      expect(result.contentType, `${name} on the ${size} portfolio`).toMatch(page!.expect);
      expect(result.queries.length, `${name} on the ${size} portfolio issued no SQL at all`).toBeGreaterThan(0);
    }
    const s = small.get(name)!.queries;
    const l = large.get(name)!.queries;
    if (page!.batchProgrammes) {
      // Programmes exported (the level-1 activities), and the batches read for them.
      // The small portfolio is one batch. The large one may issue each of
      // that batch's statements once per batch, and nothing else; Organisation
      // rows are read once per organisation relation the batch's rows have
      // (programme roles, agreement parties, activity roles, funding providers
      // and receivers: at most ORGANISATION_RELATIONS a batch); the batch's
      // programmes are read once a batch, after the first with the previous
      // batch's last code as cursor (another statement).
      const ORGANISATION_RELATIONS = 5;
      const programmes = (m: Map<string, PageResult>) => m.get(name)!.body.toString("utf8").match(/<iati-activity [^>]*hierarchy="1"/g)?.length ?? 0;
      const batches = (n: number) => Math.ceil(n / page!.batchProgrammes!);
      expect(batches(programmes(small)), "the small portfolio is one batch of programmes").toBe(1);
      const largeBatches = batches(programmes(large));
      const inSmall = new Map(addedQueries([], s).map((q) => [q.sql, q.extra]));
      const unexpected = addedQueries([], l).filter((q) => {
        const perBatch = /FROM "public"\."Organisation"/.test(q.sql)
          ? ORGANISATION_RELATIONS
          : /^SELECT .* FROM "public"\."Programme" WHERE/.test(q.sql)
            ? 1
            : inSmall.get(q.sql);
        return perBatch === undefined || q.extra > largeBatches * perBatch;
      });
      if (unexpected.length) expect.fail(`${largeBatches} batches of programmes, but these exceed a batch each:\n${unexpected.map((q) => `${q.extra} × ${q.sql.slice(0, 160)}`).join("\n")}\n${growthReport(name, s, l)}`);
      return;
    }
    if (page!.batchRows) {
      // Rows exported (the CSV's lines; the XLSX holds the same list), and the batches read for them.
      const rows = (m: Map<string, PageResult>) => m.get("activities CSV")!.body.toString("utf8").split("\r\n").filter(Boolean).length - 1;
      const batches = (n: number) => Math.floor(n / page!.batchRows!) + 1;
      const extraBatches = batches(rows(large)) - batches(rows(small));
      const unexpected = addedQueries(s, l).filter((q) => q.extra > extraBatches || !/FROM "public"\."(Activity|Programme|Country)"/.test(q.sql));
      if (unexpected.length) expect.fail(`${extraBatches} more batch(es) of rows, but:\n${growthReport(name, s, l)}`);
      return;
    }
    if (l.length > s.length) expect.fail(growthReport(name, s, l));
  });
});
